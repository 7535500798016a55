// The query page: YASGUI (vendored, offline) on this server's /sparql, plus what the project adds:
// the named queries as a menu with their parameters, completion of the graph's own prefixes,
// classes and properties, a chart of two-column numeric answers, a history and permalinks.
// Every value that comes from the graph or the user is inserted as text, never as HTML.
"use strict";

// every URL relative to the page: the endpoint may sit behind a proxy under a path (/resograph/)
const here = (path) => new URL(path, location.href).href;
const ENDPOINT = here("sparql");
const HISTORY_KEY = "resograph-query-history";
const HISTORY_SIZE = 30;
const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;
const DEFAULT_QUERY = `PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
# Ctrl+Enter runs the query; Ctrl+Space completes prefixes, classes and properties.
SELECT ?cited (COUNT(DISTINCT ?citing) AS ?citations) WHERE {
  ?citing eli:cites ?target .
  ?target dcterms:identifier ?cited .
} GROUP BY ?cited ORDER BY DESC(?citations) LIMIT 20
`;

const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

// --------------------------------------------------------------------------- chart (a YASR plugin)

function shortName(term, prefixes) {
  if (!term) return "";
  if (term.type !== "uri") return term.value;
  for (const [prefix, ns] of Object.entries(prefixes || {})) {
    if (ns && term.value.startsWith(ns)) return prefix + ":" + term.value.slice(ns.length);
  }
  return term.value;
}

class ChartPlugin {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 5;  // below the table (10): offered, not forced
    this.label = "Chart";
    this.svg = null;
  }

  series() {
    const results = this.yasr.results;
    if (!results || results.hasError() || results.getBoolean() !== undefined) return null;
    const vars = results.getVariables();
    const rows = results.getBindings();
    if (vars.length !== 2 || rows.length === 0) return null;
    const numeric = (t) => t && t.type !== "uri" && t.type !== "bnode" &&
      (NUMERIC.test(t.datatype || "") || (!t.datatype && t.value.trim() !== "" && isFinite(Number(t.value))));
    if (!rows.every((r) => numeric(r[vars[1]]))) return null;
    const prefixes = this.yasr.getPrefixes();
    return { vars, points: rows.map((r) => [shortName(r[vars[0]], prefixes), Number(r[vars[1]].value)]) };
  }

  canHandleResults() { return this.series() !== null; }

  getIcon() { return el("span", "▤", "rg-chart-icon"); }

  draw() {
    const data = this.series();
    const box = el("div", null, "rg-chart");
    this.yasr.resultsEl.appendChild(box);
    if (!data) return;
    const shown = data.points.slice(0, 100);
    if (shown.length < data.points.length) {
      box.appendChild(el("p", `the first ${shown.length} of ${data.points.length} rows`, "note"));
    }
    box.appendChild(this.barChart(data.vars, shown));
  }

  barChart(vars, points) {
    const NS = "http://www.w3.org/2000/svg";
    const make = (tag, attrs, text) => {
      const node = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const labelWidth = Math.min(320, 20 + 7 * Math.max(...points.map((p) => p[0].length), vars[0].length));
    const barArea = 420, rowH = 20, top = 24;
    const max = Math.max(...points.map((p) => Math.abs(p[1])), 1e-12);
    const svg = make("svg", { xmlns: NS, width: labelWidth + barArea + 80, height: top + rowH * points.length + 8,
                               role: "img", "aria-label": `${vars[1]} by ${vars[0]}` });
    svg.appendChild(make("text", { x: labelWidth, y: 14, "font-weight": "bold" }, `${vars[1]} by ${vars[0]}`));
    points.forEach(([label, value], i) => {
      const y = top + i * rowH;
      const w = Math.max(1, Math.round(barArea * Math.abs(value) / max));
      const name = label.length > 45 ? label.slice(0, 44) + "…" : label;
      svg.appendChild(make("text", { x: labelWidth - 6, y: y + 14, "text-anchor": "end" }, name))
        .appendChild(make("title", {}, label));
      svg.appendChild(make("rect", { x: labelWidth, y: y + 3, width: w, height: rowH - 6 }));
      svg.appendChild(make("text", { x: labelWidth + w + 4, y: y + 14 }, String(value)));
    });
    this.svg = svg;
    return svg;
  }

  download() {
    if (!this.svg) return undefined;
    const svg = this.svg;
    return { contentType: "image/svg+xml", filename: "chart.svg", title: "Download the chart (SVG)",
             getData: () => new XMLSerializer().serializeToString(svg) };
  }
}

// --------------------------------------------------------------------------- completion from the graph

async function selectColumn(query) {
  const response = await fetch(ENDPOINT, {
    method: "POST", body: new URLSearchParams({ query }),
    headers: { "Accept": "application/sparql-results+json" },
  });
  if (!response.ok) return [];
  const data = await response.json();
  const v = data.head.vars[0];
  return data.results.bindings.filter((b) => b[v] && b[v].type === "uri").map((b) => b[v].value);
}

function registerCompleters(Yasqe) {
  // the stock class/property completers ask a remote vocabulary service: these ask this endpoint
  Yasqe.forkAutocompleter("class", { name: "graph-classes", bulk: true, persistenceId: null,
    get: () => selectColumn("SELECT DISTINCT ?c WHERE { [] a ?c } LIMIT 2000") }, true);
  Yasqe.forkAutocompleter("property", { name: "graph-properties", bulk: true, persistenceId: null,
    get: () => selectColumn("SELECT DISTINCT ?p WHERE { [] ?p [] } LIMIT 2000") }, true);
}

// --------------------------------------------------------------------------- history

function loadHistory() {
  try { return JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { return []; }
}

function remember(entry) {
  const key = JSON.stringify(entry);
  const items = [entry, ...loadHistory().filter((e) => JSON.stringify(e) !== key)].slice(0, HISTORY_SIZE);
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(items)); } catch (e) { /* storage full: skip */ }
  drawHistory();
}

function drawHistory() {
  const list = $("history");
  const items = loadHistory();
  if (!items.length) return;
  list.replaceChildren(...items.map((entry) => {
    const li = el("li");
    if (entry.named) {
      li.appendChild(el("span", entry.named, "name"));
      li.appendChild(el("span", new URLSearchParams(entry.params).toString(), "text"));
      li.addEventListener("click", () => openNamed(entry.named, entry.params, false));
    } else {
      li.appendChild(el("span", entry.text.replace(/^(PREFIX[^\n]*\n|#[^\n]*\n)*/i, ""), "text"));
      li.title = entry.text;
      li.addEventListener("click", () => { currentTab().getYasqe().setValue(entry.text); });
    }
    return li;
  }));
}

// --------------------------------------------------------------------------- named queries

let yasgui = null;
let catalogue = [];
let selected = null;

function currentTab() { return yasgui.getTab(); }

function namedValues() {
  const values = {};
  for (const input of $("params").querySelectorAll("input")) {
    if (input.value.trim() !== "") values[input.name] = input.value.trim();
  }
  return values;
}

function permalink(name, values) {
  return location.origin + location.pathname + "#" + new URLSearchParams({ named: name, ...values }).toString();
}

function showNamed(q, values) {
  selected = q;
  document.querySelectorAll("#queries li").forEach((li) => li.classList.toggle("active", li.dataset.name === q.name));
  $("named").hidden = false;
  $("named-title").textContent = q.name;
  $("named-description").textContent = q.description + " (" + q.form + ")";
  $("named-status").textContent = "";
  const form = $("params");
  form.replaceChildren();
  for (const p of q.params) {
    const label = el("label", p.name + " ");
    label.appendChild(el("span", "(" + p.kind + (p.default === null ? ", optional" : "") + ")", "hint"));
    const input = document.createElement("input");
    input.type = "text"; input.name = p.name;
    input.value = p.name in values ? values[p.name] : (p.default === null ? "" : p.default);
    input.placeholder = p.description || p.kind;
    form.append(label, input);
    if (p.description) form.appendChild(el("div", p.description, "hint"));
  }
  $("named-permalink").href = permalink(q.name, namedValues());
  currentTab().getYasqe().setValue(q.text);
}

async function runNamed() {
  const q = selected;
  const values = namedValues();
  const graph = q.form === "CONSTRUCT" || q.form === "DESCRIBE";
  const accept = graph ? "text/turtle" : "application/sparql-results+json";
  $("named-permalink").href = permalink(q.name, values);
  $("named-status").className = "muted";
  $("named-status").textContent = "running…";
  const started = performance.now();
  const response = await fetch(here("queries/" + encodeURIComponent(q.name)) + "?" + new URLSearchParams(values),
                               { headers: { "Accept": accept } });
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  const yasr = currentTab().getYasr();
  if (!response.ok) {
    $("named-status").className = "error";
    $("named-status").textContent = text.trim();
    yasr.setResponse({ error: { status: response.status, text: text.trim() }, executionTime: ms });
    return;
  }
  $("named-status").textContent = (response.headers.get("X-Result-Count") || "?") + (graph ? " triples" : " rows") +
    " in " + ms + " ms";
  yasr.setResponse({ data: text, contentType: accept, status: 200, executionTime: ms });
  remember({ named: q.name, params: values });
}

function openNamed(name, values, run) {
  const q = catalogue.find((c) => c.name === name);
  if (!q) return;
  showNamed(q, values);
  if (run) runNamed();
}

async function loadCatalogue() {
  const list = $("queries");
  try {
    catalogue = await (await fetch(here("queries"))).json();
  } catch (err) {
    list.replaceChildren(el("li", "cannot load /queries: " + err));
    return;
  }
  list.replaceChildren(...catalogue.map((q) => {
    const li = el("li");
    li.dataset.name = q.name;
    li.append(el("div", q.name, "name"), el("div", q.description, "desc"));
    li.addEventListener("click", () => showNamed(q, {}));
    return li;
  }));
}

// --------------------------------------------------------------------------- start

async function showStatus() {
  try {
    const status = await (await fetch(here("status"))).json();
    $("meta").textContent = "read-only endpoint at /sparql · " + status.timeout_s + " s and " +
      status.max_rows + " rows per query";
    if (!status.explorer) {
      $("explorer-link").textContent = "graph explorer (not built yet)";
      $("explorer-link").classList.add("muted");
    }
  } catch (err) { /* the page works without /status */ }
}

// YASR's table, in its "simple view" unless the user turns it off: plain literals (no ^^datatype,
// no quotes) and prefixed names; the columns sort on a click, the filter box searches the rows.
function plainTable(Table) {
  return class PlainTable extends Table {
    draw(persistentConfig) { return super.draw({ compact: true, ...(persistentConfig || {}) }); }
  };
}

function start() {
  const Yasgui = window.Yasgui;
  Yasgui.Yasr.registerPlugin("table", plainTable(Yasgui.Yasr.plugins.table));
  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
  registerCompleters(Yasgui.Yasqe);
  Yasgui.Yasqe.defaults.value = DEFAULT_QUERY;
  yasgui = new Yasgui($("yasgui"), {
    requestConfig: { endpoint: ENDPOINT, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }], keys: [] },
    persistenceId: "resograph-yasgui",
    yasqe: { prefixCcApi: here("prefixes"), resizeable: true, editorHeight: "260px",
             autocompleters: ["prefixes", "variables", "graph-classes", "graph-properties"] },
    yasr: { pluginOrder: ["table", "chart", "response"], defaultPlugin: "table" },
  });
  yasgui.on("query", (instance, tab) => remember({ text: tab.getYasqe().getValue() }));
  $("run-named").addEventListener("click", runNamed);
  $("params").addEventListener("submit", (e) => { e.preventDefault(); runNamed(); });
  $("params").addEventListener("input", () => { $("named-permalink").href = permalink(selected.name, namedValues()); });
  drawHistory();
  showStatus();
  loadCatalogue().then(() => {
    openFromHash();
    window.addEventListener("hashchange", openFromHash);
  });
}

// a named query's permalink: /#named=NAME&param=value… opens it with those values and runs it
function openFromHash() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const name = hash.get("named");
  if (!name) return;
  hash.delete("named");
  openNamed(name, Object.fromEntries(hash), true);
}

start();
