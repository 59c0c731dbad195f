// Copies the NHS.UK frontend's built CSS, JS and assets, and axe-core for the tests, into static/vendor.
import { cpSync, mkdirSync, rmSync } from "node:fs";

const out = "static/vendor";
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/nhsuk`, { recursive: true });
const nhsuk = "node_modules/nhsuk-frontend/dist/nhsuk";
cpSync(`${nhsuk}/nhsuk-frontend.min.css`, `${out}/nhsuk/nhsuk-frontend.min.css`);
cpSync(`${nhsuk}/nhsuk-frontend.min.js`, `${out}/nhsuk/nhsuk-frontend.min.js`);
cpSync(`${nhsuk}/assets`, `${out}/nhsuk/assets`, { recursive: true });
