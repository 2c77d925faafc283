/**
 * The viewer's script, inlined into the page. It reads the embedded JSON and builds the DOM with
 * createElement/textContent only (never innerHTML with trace data), and shows control and bidi
 * characters as visible \uXXXX escapes (L-06). No network, no eval.
 */
export const HTML_SCRIPT = String.raw`
(function () {
  "use strict";
  var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  function safe(value) {
    var s = typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
    return s.replace(UNSAFE, function (c) { return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4); });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = safe(text);
    return node;
  }
  function ms(value) {
    if (value === null || value === undefined) return "";
    return value < 1000 ? (Math.round(value * 10) / 10) + " ms" : (Math.round(value / 100) / 10) + " s";
  }
  function hue(name) {
    var h = 0;
    for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
    return "hsl(" + h + ", 60%, 45%)";
  }
  var EFFECTS = ["allow", "deny", "approve"];
  var data = JSON.parse(document.getElementById("mandate-data").textContent);
  var rows = [];

  document.title = safe(data.title) + " — mandate trace";
  document.getElementById("page-title").textContent = safe(data.title);
  var counts = { allow: 0, deny: 0, approve: 0 };
  data.rows.forEach(function (r) {
    r.events.forEach(function (e) { if (e.kind === "tool.decision" && counts[e.effect] !== undefined) counts[e.effect]++; });
  });
  var summary = document.getElementById("summary");
  [["events", data.events], ["hops", data.rows.length], ["allow", counts.allow], ["deny", counts.deny],
   ["approve", counts.approve], ["signed checkpoints", data.checkpoints]].forEach(function (pair, i) {
    if (i > 0) summary.appendChild(document.createTextNode(" · "));
    summary.appendChild(el("b", "", String(pair[1])));
    summary.appendChild(document.createTextNode(" " + (pair[0] === "signed checkpoints" && pair[1] === 1 ? "signed checkpoint" : pair[0])));
  });

  var agentFilter = document.getElementById("agent-filter");
  data.agents.forEach(function (agent) {
    var option = el("option", "", agent);
    option.value = agent;
    agentFilter.appendChild(option);
  });
  var effectFilter = document.getElementById("effect-filter");

  var timeline = document.getElementById("timeline");
  data.runs.forEach(function (run) {
    var head = el("div", "run-head", "run " + (run.run || "(none)") + (run.spanMs ? " · " + ms(run.spanMs) : ""));
    head.dataset.run = run.run;
    timeline.appendChild(head);
    data.rows.filter(function (r) { return r.run === run.run; }).forEach(function (r) {
      var row = el("div", "hop");
      row.dataset.agent = r.agent;
      row.dataset.effect = r.effect;
      row.dataset.effects = " " + r.effects.join(" ") + " ";
      row.dataset.run = r.run;
      row.dataset.kind = r.kind;
      row.dataset.seq = String(r.seq);
      row.dataset.level = String(r.level);
      row.appendChild(el("span", "time", r.offsetMs === null ? "" : "+" + ms(r.offsetMs)));
      var agent = el("span", "agent", r.agent || "—");
      agent.style.setProperty("--lane", r.agent ? hue(r.agent) : "#8c959f");
      row.appendChild(agent);
      var what = el("span", "what");
      what.appendChild(el("span", "kind", r.kind));
      what.appendChild(el("span", "title", r.title + (r.depth !== null && r.kind !== "tool" ? " (depth " + r.depth + ")" : "")));
      if (r.approval) what.appendChild(el("span", "approval " + (r.approval.indexOf("approved") === 0 ? "granted" : "rejected"), r.approval));
      if (r.rules.length > 0) what.appendChild(el("span", "rules", r.rules.join(", ")));
      row.appendChild(what);
      var known = EFFECTS.indexOf(r.effect) >= 0;
      row.appendChild(el("span", "badge " + (known ? r.effect : r.effect ? "other" : "none"), r.effect ? r.effect.toUpperCase() : ""));
      var track = el("span", "bar-track");
      var bar = el("span", "bar " + (known ? r.effect : ""));
      if (run.spanMs > 0 && r.offsetMs !== null) {
        bar.style.left = Math.min(99, (r.offsetMs / run.spanMs) * 100) + "%";
        bar.style.width = Math.max(0.5, ((r.durationMs || 0) / run.spanMs) * 100) + "%";
      } else {
        bar.style.left = "0";
        bar.style.width = "100%";
      }
      track.appendChild(bar);
      row.appendChild(track);
      row.addEventListener("click", function () { select(row, r); });
      timeline.appendChild(row);
      rows.push(row);
    });
  });
  if (rows.length === 0) timeline.appendChild(el("div", "empty", "This trace has no hops."));

  function select(row, r) {
    rows.forEach(function (other) { other.classList.remove("selected"); });
    row.classList.add("selected");
    document.getElementById("details-hint").hidden = true;
    document.getElementById("details-title").textContent = safe(r.kind + " " + r.title);
    var reason = r.effect ? r.effect.toUpperCase() + (r.reason ? " — " + r.reason : "") + (r.code ? " (" + r.code + ")" : "") : "";
    document.getElementById("details-reason").textContent = safe(reason);
    var json = JSON.stringify(r.events, null, 2).split("\n").map(safe).join("\n");
    document.getElementById("details-json").textContent = json;
  }

  function applyFilters() {
    var agent = agentFilter.value;
    var effect = effectFilter.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (agent === "" || row.dataset.agent === agent) &&
        (effect === "" || (effect === "none" ? row.dataset.effect === "" : row.dataset.effects.indexOf(" " + effect + " ") >= 0));
      row.hidden = !ok;
      if (ok) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".run-head"), function (head) {
      head.hidden = !rows.some(function (row) { return !row.hidden && row.dataset.run === head.dataset.run; });
    });
    document.getElementById("shown-count").textContent = shown + " of " + rows.length + " hops";
  }
  // Hop tree (parents before children, indented) or time order (by seq, flat), within each run.
  var orderSelect = document.getElementById("order");
  function applyOrder() {
    var byTime = orderSelect.value === "time";
    data.runs.forEach(function (run) {
      var head = Array.prototype.find.call(document.querySelectorAll(".run-head"), function (h) { return h.dataset.run === run.run; });
      var inRun = rows.filter(function (row) { return row.dataset.run === run.run; });
      var sorted = byTime ? inRun.slice().sort(function (a, b) { return Number(a.dataset.seq) - Number(b.dataset.seq); }) : inRun;
      var after = head;
      sorted.forEach(function (row) {
        after.after(row);
        after = row;
        row.querySelector(".what").style.paddingLeft = byTime ? "0" : (Number(row.dataset.level) * 16) + "px";
      });
    });
  }
  orderSelect.addEventListener("change", applyOrder);
  applyOrder();
  agentFilter.addEventListener("change", applyFilters);
  effectFilter.addEventListener("change", applyFilters);
  applyFilters();
})();
`;
