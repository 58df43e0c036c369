/* kg viz: draws the entity graph that graph/visualise.py embeds as JSON.
 * Filters only hide and show (the layout never moves under the reader); details
 * come from the embedded provenance, so nothing is ever fetched. */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const typeColour = Object.fromEntries(data.types.map((t) => [t.name, t.colour]));
  const edgesOf = new Map(data.nodes.map((n) => [n.id, []]));
  data.edges.forEach((e) => { edgesOf.get(e.from).push(e); if (e.to !== e.from) edgesOf.get(e.to).push(e); });
  const maxSources = Math.max(1, ...data.edges.map((e) => e.sources.length));

  const state = {
    types: new Set(data.types.map((t) => t.name)),
    relations: new Set(data.relations.map((r) => r.name)),
    sources: new Set(data.sources.map((_, i) => i)),
    minSources: 1,
    community: Boolean(data.communities),
    sizeBy: "degree",
    isolated: false,  // entities with no fact: one click away, not in the way
  };
  const $ = (id) => document.getElementById(id);

  // ------------------------------------------------------------ helpers
  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function plural(n, word, many) { return n + " " + (n === 1 ? word : (many || word + "s")); }
  function nameKey(s) {
    let k = String(s).toLocaleLowerCase().replace(/\s+/g, " ").trim();
    return k.startsWith("the ") ? k.slice(4) : k;
  }
  function nodeColour(n) {
    if (state.community && n.community !== undefined) {
      return data.communityColours[n.community] || "#c7c7c7";
    }
    return typeColour[n.type] || "#999999";
  }
  function nodeSize(n) {
    const m = state.sizeBy === "sources" ? n.sources : n.degree;
    return Math.min(8 + 4.5 * Math.sqrt(m), 34);
  }
  function edgeWidth(e) { return Math.min(1 + 1.3 * (Math.max(e.sources.length, 1) - 1), 7); }
  function sourceName(i) {
    const s = data.sources[i];
    return s ? (s.title || s.identifier) : "unknown source";
  }
  /** Sentence with every name of the fact's entities marked. */
  function highlight(sentence, names) {
    const words = [...new Set(names.filter((n) => n && n.length > 1))]
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    if (!words.length) return esc(sentence);
    const re = new RegExp("(?<![\\p{L}\\p{N}])(" + words.join("|") + ")(?![\\p{L}\\p{N}])", "giu");
    let out = "", last = 0, m;
    while ((m = re.exec(sentence)) !== null) {
      out += esc(sentence.slice(last, m.index)) + "<mark>" + esc(m[0]) + "</mark>";
      last = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    return out + esc(sentence.slice(last));
  }

  // ------------------------------------------------------------ vis data
  /* Layouts come wider than tall; on a taller canvas turn them a quarter. */
  (function fitAspect() {
    const placed = data.nodes.filter((n) => n.x !== undefined);
    if (placed.length < 2) return;
    const xs = placed.map((n) => n.x), ys = placed.map((n) => n.y);
    const w = Math.max(...xs) - Math.min(...xs), h = Math.max(...ys) - Math.min(...ys);
    const box = document.getElementById("network").getBoundingClientRect();
    if (box.height > box.width * 1.15 && w > h * 1.15) placed.forEach((n) => { const x = n.x; n.x = n.y; n.y = x; });
  })();
  function visNode(n, hidden) {
    const colour = nodeColour(n);
    const tip = n.label + " (" + n.type + ")" + (n.aliases.length ? "\nalso: " + n.aliases.join(", ") : "") +
      "\n" + plural(n.degree, "fact") + ", " + plural(n.sources, "source");
    const v = {
      id: n.id, label: n.showLabel ? n.label : undefined, title: tip, size: nodeSize(n), hidden: hidden,
      color: { background: colour, border: "#ffffff", highlight: { background: colour, border: "#222222" },
               hover: { background: colour, border: "#444444" } },
    };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }
  function smoothing() {
    const groups = new Map();
    data.edges.forEach((e) => {
      const key = Math.min(e.from, e.to) + "-" + Math.max(e.from, e.to);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    });
    const out = new Map();
    groups.forEach((list) => {
      list.forEach((e, i) => {
        if (list.length === 1) { out.set(e.id, false); return; }
        const reversed = e.from > e.to;
        const cw = (i % 2 === 0) !== reversed;
        out.set(e.id, { enabled: true, type: cw ? "curvedCW" : "curvedCCW", roundness: 0.12 + 0.12 * Math.floor(i / 2) });
      });
    });
    return out;
  }
  const smooth = smoothing();
  function visEdge(e, hidden) {
    const s = nodeById.get(e.from), o = nodeById.get(e.to);
    return {
      id: e.id, from: e.from, to: e.to, hidden: hidden, width: edgeWidth(e),
      label: data.edgeLabels ? e.label : undefined,
      title: s.label + " " + e.label + " " + o.label + "\n" + plural(e.sources.length, "source"),
      smooth: smooth.get(e.id),
    };
  }

  // ------------------------------------------------------------ filters
  function edgeFilterActive() {
    return state.relations.size < data.relations.length || state.sources.size < data.sources.length ||
      state.minSources > 1;
  }
  function edgeShown(e) {
    // a fact always has one source at least; one without any still shows at the default
    if (!state.relations.has(e.relation) || Math.max(e.sources.length, 1) < state.minSources) return false;
    if (state.sources.size < data.sources.length && !e.sources.some((s) => state.sources.has(s))) return false;
    return state.types.has(nodeById.get(e.from).type) && state.types.has(nodeById.get(e.to).type);
  }
  function visibility() {
    const edgeOn = new Map(data.edges.map((e) => [e.id, edgeShown(e)]));
    const active = edgeFilterActive();
    const nodeOn = new Map(data.nodes.map((n) => [n.id, state.types.has(n.type) &&
      (edgesOf.get(n.id).length === 0 ? state.isolated && !active
        : !active || edgesOf.get(n.id).some((e) => edgeOn.get(e.id)))]));
    return { nodeOn, edgeOn };
  }
  let shown = { nodes: 0, edges: 0 };
  function applyFilters() {
    const { nodeOn, edgeOn } = visibility();
    nodes.update(data.nodes.filter((n) => nodes.get(n.id).hidden === nodeOn.get(n.id))
      .map((n) => ({ id: n.id, hidden: !nodeOn.get(n.id) })));
    edges.update(data.edges.filter((e) => edges.get(e.id).hidden === edgeOn.get(e.id))
      .map((e) => ({ id: e.id, hidden: !edgeOn.get(e.id) })));
    shown = { nodes: [...nodeOn.values()].filter(Boolean).length, edges: [...edgeOn.values()].filter(Boolean).length };
    $("status").textContent = "Showing " + shown.nodes + " of " + plural(data.nodes.length, "entity", "entities") +
      ", " + shown.edges + " of " + plural(data.edges.length, "fact");
  }
  function restyleNodes() {
    const { nodeOn } = visibility();
    nodes.update(data.nodes.map((n) => visNode(n, !nodeOn.get(n.id))));
  }

  // ------------------------------------------------------------ network
  const initial = visibility();
  const nodes = new vis.DataSet(data.nodes.map((n) => visNode(n, !initial.nodeOn.get(n.id))));
  const edges = new vis.DataSet(data.edges.map((e) => visEdge(e, !initial.edgeOn.get(e.id))));
  const big = data.nodes.length > 400;
  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: {
      shape: "dot", borderWidth: 2, borderWidthSelected: 3,
      font: { size: 15, face: "DejaVu Sans, Helvetica, Arial, sans-serif", color: "#222222", strokeWidth: 4, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 6 } },
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      color: { color: "#a3acb6", highlight: "#2a3540", hover: "#5b6672", inherit: false },
      font: { size: 12, face: "DejaVu Sans, Helvetica, Arial, sans-serif", color: "#55606b", strokeWidth: 3, strokeColor: "#ffffff" },
      selectionWidth: 2, hoverWidth: 1.5,
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, selectConnectedEdges: false },
    physics: data.laidOut ? { enabled: false } : {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 110, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: Math.min(1200, 200 + data.nodes.length), updateInterval: 20, fit: true },
    },
  };
  const network = new vis.Network($("network"), { nodes: nodes, edges: edges }, options);
  // fit() counts dots, not their labels: leave a margin so no label is cut off
  function fitWithMargin() {
    network.fit({ nodes: nodes.getIds({ filter: (n) => !n.hidden }), animation: false });
    network.moveTo({ scale: Math.min(network.getScale() * 0.92, 1.6) });
  }
  if (data.laidOut) fitWithMargin();
  if (!data.laidOut && data.nodes.length) {
    // Stabilised in short batches, so the page stays responsive while it settles.
    $("progress").hidden = false;
    network.on("stabilizationProgress", (p) => {
      const pct = Math.round((100 * p.iterations) / p.total);
      $("progress-text").textContent = "Laying out " + plural(data.nodes.length, "entity", "entities") + "… " + pct + "%";
      $("progress-bar").firstElementChild.style.width = pct + "%";
    });
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      fitWithMargin();
      $("progress").hidden = true;
    });
  }

  // ------------------------------------------------------------ details
  function factLine(e) {
    const s = nodeById.get(e.from), o = nodeById.get(e.to);
    return '<a data-node="' + s.id + '">' + esc(s.label) + '</a> <span class="rel">' + esc(e.label) +
      '</span> <a data-node="' + o.id + '">' + esc(o.label) + "</a>";
  }
  function sourceBlock(i, inner) {
    const s = data.sources[i] || { identifier: "unknown source" };
    const meta = [s.identifier, s.publisher, s.date].filter(Boolean).map(esc).join(" · ");
    return '<div class="src"><div class="src-title">' + esc(s.title || s.identifier) + '</div><div class="muted">' +
      meta + "</div>" + (inner || "") + "</div>";
  }
  function showEdge(id) {
    const e = edgeById.get(id);
    if (!e) return;
    const s = nodeById.get(e.from), o = nodeById.get(e.to);
    const names = [s.label, ...s.aliases, o.label, ...o.aliases];
    let out = "<h2>Fact</h2><div class=\"fact\">" + factLine(e) + "</div>" +
      '<div class="muted">stated by ' + plural(e.sources.length, "source") + "</div><h3>Sources and sentences</h3>";
    const bySource = new Map(e.sources.map((i) => [i, []]));
    e.evidence.forEach((ev) => {
      if (!bySource.has(ev.source)) bySource.set(ev.source, []);
      bySource.get(ev.source).push(ev);
    });
    bySource.forEach((evs, i) => {
      const inner = evs.map((ev) => '<div class="evidence">' + highlight(ev.sentence, names) +
        (ev.confidence !== null && ev.confidence !== undefined
          ? ' <span class="badge" title="confidence">' + Number(ev.confidence).toFixed(2) + "</span>" : "") +
        "</div>").join("");
      out += sourceBlock(i, inner);
    });
    $("details").innerHTML = out;
  }
  function showNode(id) {
    const n = nodeById.get(id);
    if (!n) return;
    const facts = edgesOf.get(id).slice().sort((a, b) => a.label.localeCompare(b.label));
    const srcs = new Set();
    facts.forEach((e) => e.sources.forEach((s) => srcs.add(s)));
    let out = "<h2>" + esc(n.label) + "</h2>" +
      n.types.map((t) => '<span class="chip" style="background:' + (typeColour[t] || "#999") + '">' + esc(t) + "</span>").join("") +
      (n.community !== undefined ? ' <span class="muted">community ' + (n.community + 1) + "</span>" : "");
    if (n.aliases.length) out += "<h3>Also called</h3><div>" + n.aliases.map(esc).join(", ") + "</div>";
    if (n.positions.length) out += "<h3>Positions</h3><ul>" + n.positions.map((p) => "<li>" + esc(p) + "</li>").join("") + "</ul>";
    if (n.quotes.length) {
      out += "<h3>Quotes</h3>" + n.quotes.map((q) => "<blockquote>“" + esc(q.text) + "”<div class=\"muted\">" +
        q.sources.map(esc).join(", ") + "</div></blockquote>").join("");
    }
    out += "<h3>Facts (" + facts.length + ")</h3><ul>" + facts.map((e) => "<li>" + factLine(e) +
      ' <a data-edge="' + esc(e.id) + '" title="sources and sentences">[' + plural(e.sources.length, "source") + "]</a></li>").join("") + "</ul>";
    if (srcs.size) out += "<h3>Sources</h3>" + [...srcs].sort((a, b) => a - b).map((i) => sourceBlock(i)).join("");
    out += '<div class="iri">' + esc(n.iri) + "</div>";
    $("details").innerHTML = out;
  }
  $("details").addEventListener("click", (ev) => {
    const a = ev.target.closest("a");
    if (!a) return;
    ev.preventDefault();
    if (a.dataset.node !== undefined) selectNode(Number(a.dataset.node), false);
    if (a.dataset.edge !== undefined) selectEdge(a.dataset.edge);
  });
  function selectNode(id, centre) {
    if (!nodes.get(id) || nodes.get(id).hidden) { showNode(id); return false; }
    network.selectNodes([id], false);
    if (centre) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    showNode(id);
    return true;
  }
  function selectEdge(id) {
    if (edges.get(id) && !edges.get(id).hidden) network.selectEdges([id]);
    showEdge(id);
  }
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ------------------------------------------------------------ controls
  function checkItem(container, value, colour, name, count, set) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = String(value);
    box.addEventListener("change", () => {
      if (box.checked) set.add(value); else set.delete(value);
      applyFilters();
    });
    label.appendChild(box);
    if (colour) {
      const sw = document.createElement("span");
      sw.className = "swatch"; sw.style.background = colour;
      label.appendChild(sw);
    }
    const nm = document.createElement("span"); nm.className = "name"; nm.textContent = name; nm.title = name;
    const ct = document.createElement("span"); ct.className = "count"; ct.textContent = String(count);
    label.appendChild(nm); label.appendChild(ct);
    container.appendChild(label);
  }
  data.types.forEach((t) => checkItem($("types"), t.name, t.colour, t.name, t.count, state.types));
  data.relations.forEach((r) => checkItem($("relations"), r.name, null, r.label, r.count, state.relations));
  const perSource = data.sources.map((_, i) => data.edges.filter((e) => e.sources.includes(i)).length);
  data.sources.forEach((s, i) => checkItem($("sources"), i, null, s.title || s.identifier, perSource[i], state.sources));
  document.querySelectorAll("a.all, a.none").forEach((a) => a.addEventListener("click", (ev) => {
    ev.preventDefault();
    const on = a.classList.contains("all");
    const list = a.dataset.list;
    const set = list === "relations" ? state.relations : state.sources;
    set.clear();
    if (on) (list === "relations" ? data.relations.map((r) => r.name) : data.sources.map((_, i) => i)).forEach((v) => set.add(v));
    $(list).querySelectorAll("input").forEach((b) => { b.checked = on; });
    applyFilters();
  }));
  const slider = $("min-sources");
  slider.max = String(maxSources);
  slider.disabled = maxSources < 2;
  slider.addEventListener("input", () => {
    state.minSources = Number(slider.value);
    $("min-sources-out").textContent = slider.value;
    applyFilters();
  });
  if (data.communities) {
    $("colour-by-wrap").hidden = false;
    $("colour-communities").checked = true;
    $("colour-communities").addEventListener("change", (ev) => { state.community = ev.target.checked; restyleNodes(); });
  }
  $("size-by").addEventListener("change", (ev) => { state.sizeBy = ev.target.value; restyleNodes(); });
  const lonely = data.nodes.filter((n) => edgesOf.get(n.id).length === 0).length;
  if (lonely) {
    $("isolated-wrap").hidden = false;
    $("isolated-count").textContent = plural(lonely, "entity", "entities");
    $("show-isolated").addEventListener("change", (ev) => {
      state.isolated = ev.target.checked;
      applyFilters();
      fitWithMargin();
    });
  }

  // search: label first, then alias, then a label that starts with or contains the text
  const names = $("names");
  data.nodes.forEach((n) => { const o = document.createElement("option"); o.value = n.label; names.appendChild(o); });
  function findNode(text) {
    const k = nameKey(text);
    if (!k) return null;
    return data.nodes.find((n) => nameKey(n.label) === k) ||
      data.nodes.find((n) => n.aliases.some((a) => nameKey(a) === k)) ||
      data.nodes.find((n) => nameKey(n.label).startsWith(k)) ||
      data.nodes.find((n) => nameKey(n.label).includes(k)) || null;
  }
  function search() {
    const n = findNode($("search").value);
    if (!n) { $("search-msg").textContent = "No entity by that name."; return; }
    $("search-msg").textContent = selectNode(n.id, true) ? "" : n.label + " is hidden by the filters.";
  }
  $("search-go").addEventListener("click", search);
  $("search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(); });
  $("search").addEventListener("change", search);

  // numbers
  const corroborated = data.edges.filter((e) => e.sources.length > 1).length;
  $("numbers").innerHTML = [["Entities", data.stats.entities], ["Facts", data.stats.facts],
    ["Facts with 2+ sources", corroborated], ["Sources", data.stats.sources]]
    .map(([k, v]) => "<span>" + k + "</span><b>" + v + "</b>").join("");
  $("top-entities").innerHTML = data.nodes.filter((n) => n.degree > 0).slice(0, 8)
    .map((n) => '<li><a data-node="' + n.id + '">' + esc(n.label) + '</a> <span class="muted">' + n.degree + "</span></li>").join("");
  $("top-entities").addEventListener("click", (ev) => {
    const a = ev.target.closest("a");
    if (a) { ev.preventDefault(); selectNode(Number(a.dataset.node), true); }
  });
  $("notes").innerHTML = data.notes.map((t) => "<li>" + esc(t) + "</li>").join("");
  applyFilters();

  // for tests and for the curious: the network and what is visible
  window.kgViz = {
    network: network, nodes: nodes, edges: edges, data: data,
    visible: () => ({ nodes: shown.nodes, edges: shown.edges }),
    drawnNodeIds: () => nodes.get({ filter: (n) => !n.hidden }).map((n) => n.id),
    drawnEdgeIds: () => edges.get({ filter: (e) => !e.hidden }).map((e) => e.id),
    selectNode: selectNode, selectEdge: selectEdge,
  };
})();
