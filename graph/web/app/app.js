/* The analysts' page: editor, named queries, results by label, sources, search.
   Everything comes from this server (/sparql and /api/...); nothing from the internet.
   Text from the graph is always put in the page as text nodes, never as HTML. */
"use strict";

const RESULTS_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
const MAX_SHOWN_ROWS = 1000;
let lastQuery = null;

const $ = (id) => document.getElementById(id);

/** Build an element: el("td", {className: "x"}, child, "text", ...). */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const editor = CodeMirror.fromTextArea($("editor"), {
  mode: "application/sparql-query", lineNumbers: true, matchBrackets: true, indentUnit: 2,
  extraKeys: { "Ctrl-Enter": () => runQuery(), "Cmd-Enter": () => runQuery() },
});

function showError(message) {
  $("error").hidden = !message;
  $("error").textContent = message || "";
}

function setStatus(text) { $("status").textContent = text; }

async function postJSON(url, body) {
  const response = await fetch(url, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

async function getJSON(url) {
  const response = await fetch(url);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function sparqlRequest(query, accept) {
  return fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
    body: new URLSearchParams({ query }),
  });
}

/* ------------------------------------------------------------------ running queries */

async function runQuery() {
  const query = editor.getValue();
  showError("");
  setStatus("Running…");
  $("run").disabled = true;
  const started = performance.now();
  try {
    const response = await sparqlRequest(query, RESULTS_ACCEPT);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      const message = await response.text();
      throw new Error(`${response.status}: ${message.trim()}`);
    }
    const ms = Math.round(performance.now() - started);
    if (type.includes("json")) {
      const data = await response.json();
      lastQuery = query;
      $("download-csv").disabled = !("results" in data);
      await showResults(data, ms);
    } else {
      lastQuery = null;
      $("download-csv").disabled = true;
      showGraphText(await response.text(), ms);
    }
  } catch (error) {
    setStatus("");
    showError(error.message);
  } finally {
    $("run").disabled = false;
  }
}

function showGraphText(text, ms) {
  const lines = text ? text.trim().split("\n").length : 0;
  setStatus(`Graph result, ${lines} lines of Turtle · ${ms} ms`);
  $("results").replaceChildren(el("pre", { className: "graph-text" }, text));
}

async function showResults(data, ms) {
  const box = $("results");
  if ("boolean" in data) {
    setStatus(`ASK · ${ms} ms`);
    box.replaceChildren(el("div", { className: "ask" }, data.boolean ? "Yes (true)" : "No (false)"));
    return;
  }
  const vars = data.head.vars;
  const rows = data.results.bindings;
  setStatus(`${rows.length} row${rows.length === 1 ? "" : "s"} · ${ms} ms`);
  const shown = rows.slice(0, MAX_SHOWN_ROWS);
  const labels = await fetchLabels(shown);
  const head = el("tr", {}, el("th", {}, "#"), vars.map((v) => el("th", {}, v)), el("th", {}, "Sources"));
  const body = shown.map((row, i) => resultRow(row, vars, labels, i));
  const table = el("table", { id: "results-table" }, el("thead", {}, head), el("tbody", {}, body));
  const note = rows.length > shown.length
    ? el("div", { className: "note" }, `Showing the first ${shown.length} of ${rows.length} rows; download CSV for all.`)
    : null;
  fill(box, table, note);
}

async function fetchLabels(rows) {
  const iris = new Set();
  for (const row of rows) for (const term of Object.values(row)) if (term.type === "uri") iris.add(term.value);
  if (!iris.size) return {};
  try {
    return (await postJSON("/api/labels", { iris: [...iris].slice(0, 2000) })).labels;
  } catch (error) {
    return {};  // labels are a nicety: the IRIs still show
  }
}

function localName(iri) {
  const parts = iri.replace(/[#/]+$/, "").split(/[#/]/);
  return decodeURIComponent(parts[parts.length - 1] || iri);
}

function termCell(term, labels) {
  if (!term) return el("td", {});
  if (term.type === "uri") {
    const label = labels[term.value] || localName(term.value);
    const link = el("button", { className: "entity-link", title: term.value, type: "button" }, label);
    link.addEventListener("click", () => showEntity(term.value));
    return el("td", {}, link);
  }
  if (term.type === "literal") {
    const extra = term["xml:lang"] ? `@${term["xml:lang"]}` : "";
    return el("td", { className: "literal" }, term.value, extra ? el("small", {}, " " + extra) : null);
  }
  return el("td", { className: "literal" }, term.type === "bnode" ? `_:${term.value}` : JSON.stringify(term.value));
}

function resultRow(row, vars, labels, index) {
  const cells = vars.map((v) => termCell(row[v], labels));
  const terms = vars.map((v) => row[v]).filter((t) => t && (t.type === "uri" || t.type === "literal"));
  const button = el("button", { className: "sources-btn", type: "button", disabled: !terms.length,
    title: "Statements linking this row's values, with their sentences" }, "Sources");
  button.addEventListener("click", () => showSources(terms));
  return el("tr", {}, el("td", { className: "num" }, index + 1), cells, el("td", {}, button));
}

/* ------------------------------------------------------------------ side panel */

/** Put nodes in an element; nested arrays are flattened and null skipped. */
function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
}

function openPanel(...children) {
  $("panel").hidden = false;
  fill($("panel-body"), ...children);
  $("panel").scrollTop = 0;
}

$("panel-close").addEventListener("click", () => { $("panel").hidden = true; });

/** The sentence with every surface form of the fact's entities in <mark>. */
function highlighted(sentence, marks) {
  const lower = sentence.toLowerCase();
  const taken = [];
  for (const form of marks) {  // longest first, as the server sorts them
    const needle = form.toLowerCase();
    if (!needle) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (!taken.some(([b, e]) => at < e && end > b)) taken.push([at, end]);
    }
  }
  taken.sort((a, b) => a[0] - b[0]);
  const out = el("div", { className: "sentence" });
  let pos = 0;
  for (const [b, e] of taken) {
    out.append(sentence.slice(pos, b), el("mark", {}, sentence.slice(b, e)));
    pos = e;
  }
  out.append(sentence.slice(pos));
  return out;
}

function partLabel(part) {
  return part.type === "literal" ? `“${part.value}”` : part.label;
}

function entityButton(part) {
  if (part.type !== "uri") return el("span", { className: "literal" }, partLabel(part));
  const link = el("button", { className: "entity-link", type: "button", title: part.value }, part.label);
  link.addEventListener("click", () => showEntity(part.value));
  return link;
}

function evidenceCard(ev, marks) {
  const src = ev.source || {};
  const bits = [src.title, src.publisher, src.date, src.identifier].filter(Boolean);
  const where = ev.begin !== null && ev.end !== null ? ` · characters ${ev.begin}–${ev.end}` : "";
  const conf = ev.confidence ? ` · confidence ${ev.confidence}` : "";
  return el("div", { className: "evidence" },
    highlighted(ev.sentence || "", marks),
    el("div", { className: "source-line" }, bits.join(" · ") + where + conf));
}

async function showSources(terms) {
  openPanel(el("p", { className: "muted" }, "Finding sources…"));
  try {
    const data = await postJSON("/api/sources", { terms });
    const heading = el("h2", {}, data.mode === "pairs" ? "Sources for this row" : "Sources about this row's entities");
    if (!data.statements.length) {
      openPanel(heading, el("p", { className: "muted" }, "No statement in the graph links these values."));
      return;
    }
    const blocks = data.statements.map((st) => el("div", { className: "statement" },
      el("div", { className: "statement-head" }, entityButton(st.subject), " ",
        el("span", { className: "rel" }, st.predicate.label), " ", entityButton(st.object)),
      st.evidence.map((ev) => evidenceCard(ev, data.marks))));
    openPanel(heading, blocks);
  } catch (error) {
    openPanel(el("p", { className: "error" }, error.message));
  }
}

async function showEntity(iri) {
  openPanel(el("p", { className: "muted" }, "Loading…"));
  try {
    const entity = await getJSON("/api/entity?iri=" + encodeURIComponent(iri));
    const name = entity.label || localName(iri);
    const self = { type: "uri", value: iri, label: name };
    const facts = entity.facts.map((fact) => factLine(self, fact));
    openPanel(
      el("h3", { id: "entity-name" }, name),
      el("div", { className: "muted", title: iri }, localName(iri)),
      el("div", { className: "chips" },
        entity.types.map((t) => el("span", { className: "chip" }, t.label)),
        entity.altLabels.map((a) => el("span", { className: "chip alt", title: "also seen as" }, a))),
      el("h2", {}, `Facts (${facts.length})`),
      facts.length ? facts : el("p", { className: "muted" }, "No facts."),
    );
  } catch (error) {
    openPanel(el("p", { className: "error" }, error.message));
  }
}

function factLine(self, fact) {
  const other = fact.other;
  const [subject, object] = fact.direction === "out" ? [self, other] : [other, self];
  const parts = [entityButton(subject), el("span", { className: "rel" }, fact.predicate.label), entityButton(object)];
  if (fact.sources > 0) {
    const button = el("button", { className: "sources-btn", type: "button" },
      `${fact.sources} source${fact.sources === 1 ? "" : "s"}`);
    const terms = [subject, object].map(({ label, ...term }) => term);
    button.addEventListener("click", () => showSources(terms));
    parts.push(button);
  }
  return el("div", { className: "fact" }, parts);
}

/* ------------------------------------------------------------------ named queries */

async function loadNamedQueries() {
  const list = $("query-list");
  try {
    const { queries } = await getJSON("/api/queries");
    if (!queries.length) {
      list.replaceChildren(el("li", { className: "muted" }, "No named queries found."));
      return;
    }
    list.replaceChildren(...queries.map((q) => {
      const button = el("button", { type: "button", title: q.text }, q.name.replace(/_/g, " "),
        q.title && q.title !== q.name ? el("small", {}, q.title) : null);
      button.dataset.query = q.name;
      button.addEventListener("click", () => {
        for (const other of list.querySelectorAll("button")) other.classList.remove("active");
        button.classList.add("active");
        editor.setValue(q.text);
        runQuery();
      });
      return el("li", {}, button);
    }));
  } catch (error) {
    list.replaceChildren(el("li", { className: "error" }, error.message));
  }
}

/* ------------------------------------------------------------------ search */

let searchTimer = null;

async function search(text) {
  const box = $("search-results");
  if (!text.trim()) { box.hidden = true; return; }
  try {
    const { results } = await getJSON("/api/search?q=" + encodeURIComponent(text));
    const hits = results.map((hit) => {
      const seenAs = hit.matched !== hit.label ? ` seen as “${hit.matched}”` : "";
      const button = el("button", { className: "search-hit", type: "button" }, hit.label,
        el("small", {}, [hit.types.join(", "), seenAs].filter(Boolean).join(" ·")));
      button.addEventListener("click", () => { box.hidden = true; showEntity(hit.iri); });
      return button;
    });
    box.replaceChildren(...(hits.length ? hits : [el("div", { className: "note" }, "No entity has that name.")]));
    box.hidden = false;
  } catch (error) {
    box.replaceChildren(el("div", { className: "note error" }, error.message));
    box.hidden = false;
  }
}

$("search-input").addEventListener("input", (event) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search(event.target.value), 200);
});
$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(searchTimer);
  search($("search-input").value);
});
document.addEventListener("click", (event) => {
  if (!$("search-form").contains(event.target)) $("search-results").hidden = true;
});

/* ------------------------------------------------------------------ downloads */

async function download(response, filename) {
  if (!response.ok) throw new Error(`${response.status}: ${(await response.text()).trim()}`);
  const url = URL.createObjectURL(await response.blob());
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

$("download-csv").addEventListener("click", async () => {
  if (!lastQuery) return;
  try { await download(await sparqlRequest(lastQuery, "text/csv"), "results.csv"); }
  catch (error) { showError(error.message); }
});

$("download-graph").addEventListener("click", async () => {
  try {
    const response = await fetch("/rdf-graph-store?default", { headers: { Accept: "text/turtle" } });
    await download(response, "graph.ttl");
  } catch (error) { showError(error.message); }
});

$("run").addEventListener("click", runQuery);
loadNamedQueries();
