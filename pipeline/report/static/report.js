/* The claims explorer: filters, sorting and pages over window.PRESSFACTS_CLAIMS (assets/claims-data.js).
   Filter state lives in the URL hash (claims.html#speaker=...), so a filtered view can be linked to. */
(function () {
  "use strict";
  var data = window.PRESSFACTS_CLAIMS;
  var table = document.getElementById("claims");
  if (!data || !table) { return; }
  var PAGE = 100;
  var col = {};
  data.columns.forEach(function (name, i) { col[name] = i; });
  var rows = data.rows;
  var form = document.getElementById("filters");
  var state = { sort: "published", desc: true, page: 0 };

  function text(value) { return value === null || value === undefined ? "" : String(value); }
  function fmt(value) {
    if (value === null || value === undefined) { return "—"; }
    return Number(value).toLocaleString("ru-RU", { maximumFractionDigits: 6 });
  }
  function options(name, select) {
    var seen = {};
    rows.forEach(function (r) { var v = r[col[name]]; if (v !== null && v !== undefined) { seen[v] = (seen[v] || 0) + 1; } });
    Object.keys(seen).sort(function (a, b) { return seen[b] - seen[a] || a.localeCompare(b, "ru"); }).forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      if (select.tagName === "SELECT") { o.textContent = v + " (" + seen[v] + ")"; }
      select.appendChild(o);
    });
  }
  options("unit", form.elements.unit);
  options("speaker", form.elements.speaker);
  options("qualifier", form.elements.qualifier);
  options("role", form.elements.role);
  options("modality", form.elements.modality);
  options("object", document.getElementById("objects"));
  options("doc_id", document.getElementById("documents"));

  function filters() {
    var f = {};
    ["object", "unit", "speaker", "qualifier", "role", "modality", "period", "doc_id"].forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v) { f[name] = v; }
    });
    return f;
  }
  function matches(r, f) {
    if (f.object && text(r[col.object]).toLowerCase().indexOf(f.object.toLowerCase()) < 0) { return false; }
    if (f.unit && text(r[col.unit]) !== f.unit) { return false; }
    if (f.speaker && text(r[col.speaker]) !== f.speaker) { return false; }
    if (f.qualifier && text(r[col.qualifier]) !== f.qualifier) { return false; }
    if (f.role && text(r[col.role]) !== f.role) { return false; }
    if (f.modality && text(r[col.modality]) !== f.modality) { return false; }
    if (f.doc_id && text(r[col.doc_id]).indexOf(f.doc_id) < 0) { return false; }
    if (f.period) {
      var p = text(r[col.period_start]) + " " + text(r[col.period_end]);
      if (p.indexOf(f.period) < 0) { return false; }
    }
    return true;
  }
  function compare(a, b) {
    var x = a[col[state.sort]], y = b[col[state.sort]];
    if (x === y) { return 0; }
    if (x === null || x === undefined) { return 1; }
    if (y === null || y === undefined) { return -1; }
    var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "ru");
    return state.desc ? -order : order;
  }
  // how the number is claimed (CLAIM_SEMANTICS.md): `difference ↑ · per год · planned · Мосстат`
  function reading(r) {
    var role = text(r[col.role]) || "level", change = text(r[col.change]);
    var parts = [role + (change === "up" ? " ↑" : change === "down" ? " ↓" : "")];
    if (text(r[col.per])) { parts.push("per " + text(r[col.per])); }
    if (text(r[col.modality]) && text(r[col.modality]) !== "actual") { parts.push(text(r[col.modality])); }
    if (text(r[col.source])) { parts.push(text(r[col.source])); }
    return parts.join(" · ");
  }
  function cell(tr, value, className) {
    var td = document.createElement("td");
    td.textContent = value;
    if (className) { td.className = className; }
    tr.appendChild(td);
    return td;
  }
  function render() {
    var f = filters();
    var shown = rows.filter(function (r) { return matches(r, f); }).sort(compare);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var body = document.createDocumentFragment();
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (r) {
      var tr = document.createElement("tr");
      tr.dataset.factId = r[col.fact_id];
      var td = document.createElement("td");
      var a = document.createElement("a");
      a.href = r[col.href];
      a.textContent = r[col.text];
      td.appendChild(a);
      tr.appendChild(td);
      cell(tr, fmt(r[col.value]) + (r[col.value_max] !== null ? " – " + fmt(r[col.value_max]) : ""), "n");
      cell(tr, text(r[col.qualifier]));
      cell(tr, reading(r));
      cell(tr, text(r[col.unit]) || "—");
      cell(tr, text(r[col.object]) || "—");
      var ps = text(r[col.period_start]), pe = text(r[col.period_end]);
      cell(tr, ps || pe ? (ps === pe ? ps : (ps || "…") + " – " + (pe || "…")) : "—");
      cell(tr, text(r[col.speaker]) || "—");
      cell(tr, text(r[col.published]) || "—");
      cell(tr, text(r[col.doc_id]));
      body.appendChild(tr);
    });
    var tbody = table.tBodies[0];
    tbody.replaceChildren(body);
    document.getElementById("shown").textContent = shown.length + " of " + rows.length;
    document.getElementById("page").textContent = shown.length ?
      "rows " + (state.page * PAGE + 1) + "–" + Math.min(shown.length, (state.page + 1) * PAGE) + " of " + shown.length :
      "no claims match";
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.classList.toggle("sorted-asc", th.dataset.sort === state.sort && !state.desc);
      th.classList.toggle("sorted-desc", th.dataset.sort === state.sort && state.desc);
    });
    var hash = new URLSearchParams(f).toString();
    if (("#" + hash) !== window.location.hash && (hash || window.location.hash)) {
      history.replaceState(null, "", hash ? "#" + hash : window.location.pathname);
    }
  }
  function fromHash() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name) { el.value = params.get(el.name) || ""; }
    });
  }
  form.addEventListener("input", function () { state.page = 0; render(); });
  form.addEventListener("reset", function () { setTimeout(function () { state.page = 0; render(); }, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("prev").addEventListener("click", function () { state.page -= 1; render(); });
  document.getElementById("next").addEventListener("click", function () { state.page += 1; render(); });
  table.tHead.addEventListener("click", function (e) {
    var key = e.target.dataset && e.target.dataset.sort;
    if (!key) { return; }
    state.desc = state.sort === key ? !state.desc : key === "value" || key === "published";
    state.sort = key;
    render();
  });
  window.addEventListener("hashchange", function () { fromHash(); render(); });
  fromHash();
  render();
})();
