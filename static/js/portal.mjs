// Starts the NHS.UK frontend's components. Kept in a file, not inline, so the Content-Security-Policy can forbid inline script.
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
