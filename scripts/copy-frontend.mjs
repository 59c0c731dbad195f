// Copies the NHS.UK frontend's built CSS, JS and assets into static/vendor, unless that version is there already:
// test runs started together in one checkout then never find the folder half-copied by another.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const out = "static/vendor";
const stamp = `${out}/.installed`;
const nhsukPackage = "node_modules/nhsuk-frontend";
const version = JSON.parse(readFileSync(`${nhsukPackage}/package.json`, "utf8")).version;
if (existsSync(stamp) && readFileSync(stamp, "utf8") === version) {
  process.exit(0);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/nhsuk`, { recursive: true });
const nhsuk = `${nhsukPackage}/dist/nhsuk`;
// With their source maps: the files name them, and collectstatic's hashed names need every file named to exist.
for (const file of ["nhsuk-frontend.min.css", "nhsuk-frontend.min.js"]) {
  cpSync(`${nhsuk}/${file}`, `${out}/nhsuk/${file}`);
  cpSync(`${nhsuk}/${file}.map`, `${out}/nhsuk/${file}.map`);
}
cpSync(`${nhsuk}/assets`, `${out}/nhsuk/assets`, { recursive: true });
writeFileSync(stamp, version);
