// Progressive enhancement only: every page works without JavaScript.
// Loaded with <script type="module" src="…/build/js/portal.mjs">, so no inline
// script is needed and the CSP can stay without 'unsafe-inline'.
import { initAll } from "./govuk-frontend.min.js";

initAll();
