import { UNSAFE_PATTERN } from "../cli/safe-text.ts";
import type { TraceLine } from "./events.ts";
import { htmlModel } from "./html-model.ts";
import { HTML_SCRIPT } from "./html-script.ts";
import { HTML_STYLE } from "./html-style.ts";

// Nothing leaves the page: no fetch, no images, no fonts from elsewhere.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The trace viewer as one self-contained page. Trace data is embedded once, as JSON inside a
 * non-executable script element, with `<`, `>`, `&`, U+2028/2029 and every control or bidi character escaped so no value can close
 * the element or break the parser; the page's script renders it with textContent only.
 */
export function renderHtml(events: readonly TraceLine[], options: { readonly title: string }): string {
  const model = htmlModel(events, options.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mandate trace</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><h1 id="page-title"></h1><div class="summary" id="summary"></div></header>
<div class="controls">
  <label>Agent<select id="agent-filter"><option value="">All agents</option></select></label>
  <label>Effect<select id="effect-filter">
    <option value="">All effects</option><option value="allow">allow</option><option value="deny">deny</option>
    <option value="approve">approve</option><option value="none">no decision</option>
  </select></label>
  <label>Order<select id="order">
    <option value="tree">hop tree</option><option value="time">time</option>
  </select></label>
  <span id="shown-count"></span>
</div>
<main>
  <section id="timeline" aria-label="timeline"></section>
  <aside>
    <h2 id="details-title">Details</h2>
    <p class="hint" id="details-hint">Click a hop to see its events.</p>
    <p id="details-reason"></p>
    <pre id="details-json"></pre>
  </aside>
</main>
<script type="application/json" id="mandate-data">${embedJson(model)}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}

const UNSAFE_PATTERN_GLOBAL = new RegExp(UNSAFE_PATTERN.source, "g");

/** JSON that is safe inside `<script type="application/json">` (and still parses to the same value). */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(UNSAFE_PATTERN_GLOBAL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
