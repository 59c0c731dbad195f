// Copies the NHS.UK frontend's built CSS, JS and assets, and axe-core for the tests, into static/vendor.
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "static/vendor";
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/nhsuk`, { recursive: true });
const nhsuk = "node_modules/nhsuk-frontend/dist/nhsuk";
// With their source maps: the files name them, and collectstatic's hashed names need every file named to exist.
for (const file of ["nhsuk-frontend.min.css", "nhsuk-frontend.min.js"]) {
  cpSync(`${nhsuk}/${file}`, `${out}/nhsuk/${file}`);
  cpSync(`${nhsuk}/${file}.map`, `${out}/nhsuk/${file}.map`);
}
cpSync(`${nhsuk}/assets`, `${out}/nhsuk/assets`, { recursive: true });
