// cleaner report: summary, document list and document view; decisions when `cleaner review` serves it.
// Document content is untrusted: it reaches the page only as textContent, title or value, never as markup.
(function () {
  "use strict";

  const PAGE = 50; // documents per page of the list
  const payload = JSON.parse(document.getElementById("payload").textContent);
  const S = payload.summary;
  const REPORT = S.report || {};
  const reviewMeta = document.querySelector('meta[name="cleaner-review"]');
  const TOKEN = reviewMeta && reviewMeta.content ? reviewMeta.content : null;

  // ---- small DOM helpers -------------------------------------------------------------------------
  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) {
      for (const key of Object.keys(props)) {
        const value = props[key];
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key === "title") node.title = value;
        else if (key === "on") for (const ev of Object.keys(value)) node.addEventListener(ev, value[ev]);
        else if (key === "data") for (const d of Object.keys(value)) node.dataset[d] = value[d];
        else if (key === "hidden") node.hidden = true;
        else node.setAttribute(key, value);
      }
    }
    for (const child of children || []) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }
  const fmt = new Intl.NumberFormat("en-US");
  const num = (n) => fmt.format(n);
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  function bar(fraction, cls) {
    const fill = el("i", { class: cls || "" });
    fill.style.width = Math.max(0, Math.min(100, fraction * 100)).toFixed(1) + "%";
    return el("div", { class: "bar" }, [fill]);
  }
  let toastTimer = null;
  function toast(message, isError) {
    const t = document.getElementById("toast");
    t.textContent = message;
    t.className = isError ? "error" : "";
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(
      () => {
        t.hidden = true;
      },
      isError ? 6000 : 2500,
    );
  }

  // Invisible and direction-changing characters are shown as labelled boxes, so that a bidi
  // override in a document cannot reorder what the reviewer sees and a deleted ZWSP is visible.
  const CONTROL =
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
  const NAMES = {
    "\r": "CR",
    "\u00ad": "SHY",
    "\u061c": "ALM",
    "\u200b": "ZWSP",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2060": "WJ",
    "\u2028": "LSEP",
    "\u2029": "PSEP",
    "\u0085": "NEL",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
    "\u001b": "ESC",
  };
  function codePoint(ch) {
    return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }
  function appendText(parent, text) {
    CONTROL.lastIndex = 0;
    let pos = 0,
      m;
    while ((m = CONTROL.exec(text)) !== null) {
      if (m.index > pos) parent.append(text.slice(pos, m.index));
      const ch = m[0];
      parent.append(el("span", { class: "cc", title: codePoint(ch), text: NAMES[ch] || codePoint(ch) }));
      pos = m.index + 1;
    }
    if (pos < text.length) parent.append(text.slice(pos));
    return parent;
  }
  const SHOWN_SPACE = { " ": "\u2423", "\n": "\u21b5", "\t": "\u21e5" };
  const ODD_SPACE = {
    "\u00a0": "NBSP",
    "\u202f": "NNBSP",
    "\u2009": "THSP",
    "\u200a": "HSP",
    "\u2002": "ENSP",
    "\u2003": "EMSP",
    "\u2007": "FIGSP",
    "\u2008": "PUNCSP",
    "\u205f": "MMSP",
    "\u3000": "IDSP",
    "\u1680": "OGSP",
  };
  // Text of an edit's before/after: whitespace-only text gets visible symbols (a space insertion
  // would be invisible otherwise). With `breaks`, a shown newline also breaks the line, so the
  // document view keeps the layout of the cleaned text.
  function appendVisible(parent, text, breaks) {
    if (text.trim() !== "" && !/^[\s\u200b\u2060\ufeff\u00ad]*$/.test(text)) return appendText(parent, text);
    for (const ch of text) {
      if (SHOWN_SPACE[ch]) parent.append(el("span", { class: "ws", text: SHOWN_SPACE[ch] }));
      else if (ODD_SPACE[ch]) parent.append(el("span", { class: "cc", title: codePoint(ch), text: ODD_SPACE[ch] }));
      else appendText(parent, ch);
      if (breaks && ch === "\n") parent.append("\n");
    }
    return parent;
  }
  function escaped(text) {
    return JSON.stringify(text).replace(
      /[\u007f-\uffff]/g,
      (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
    );
  }

  // ---- data loading: script elements whose files call cleanerReport.index / .chunk (works from file://) --
  let index = null;
  const chunks = new Map();
  const waiting = new Map();
  let indexWaiters = [];
  Object.defineProperty(window, "cleanerReport", {
    value: Object.freeze({
      index(data) {
        if (!index) {
          index = prepareIndex(data);
          indexWaiters.forEach((f) => f());
          indexWaiters = [];
        }
      },
      chunk(k, docs) {
        chunks.set(k, docs);
        (waiting.get(k) || []).forEach((f) => f());
        waiting.delete(k);
      },
    }),
  });
  function loadScript(name) {
    return new Promise((resolve, reject) => {
      if (!/^(index|edits|chunk-\d+)\.js$/.test(name) || !/^data-[0-9a-f]+$/.test(REPORT.data || "")) {
        reject(new Error("bad data file name"));
        return;
      }
      const s = document.createElement("script");
      s.src = REPORT.data + "/" + name;
      s.onload = resolve;
      s.onerror = () => reject(new Error("cannot load " + REPORT.data + "/" + name));
      document.head.append(s);
    });
  }
  let indexPromise = null;
  function loadIndex() {
    if (!indexPromise) {
      indexPromise = new Promise((resolve, reject) => {
        indexWaiters.push(resolve);
        loadScript("index.js").catch(reject);
      });
    }
    return indexPromise;
  }
  function loadChunk(k) {
    if (chunks.has(k)) return Promise.resolve(chunks.get(k));
    return new Promise((resolve, reject) => {
      const first = !waiting.has(k);
      if (first) waiting.set(k, []);
      waiting.get(k).push(() => resolve(chunks.get(k)));
      if (first)
        loadScript(index.chunks[k]).catch((e) => {
          waiting.delete(k);
          reject(e);
        });
    });
  }
  function prepareIndex(data) {
    const rules = data.rules.map((r) => r[0]);
    const ruleStage = data.rules.map((r) => r[1]);
    const byN = new Map();
    data.docs.forEach((row, i) => byN.set(row[0], i));
    return { rules, ruleStage, docs: data.docs, chunks: data.chunks, byN, lower: null };
  }

  // ---- decisions (review mode) -------------------------------------------------------------------
  // Later decisions override earlier ones: an edit's state is that of the last decision naming it,
  // its group, its document or one of its group's rules.
  let decisions = [];
  let lastEdit = new Map(),
    lastDoc = new Map(),
    lastRule = new Map();
  function setDecisions(list) {
    decisions = list;
    lastEdit = new Map();
    lastDoc = new Map();
    lastRule = new Map();
    list.forEach((d, i) => {
      if (d.scope === "edit") lastEdit.set(d.doc + ":" + d.edit, i);
      else if (d.scope === "doc") lastDoc.set(d.doc, i);
      else if (d.scope === "rule") lastRule.set(d.rule, i);
    });
  }
  function groupStates(doc) {
    const [n, , , , edits] = doc;
    const last = new Map(); // group → index of the deciding line
    const consider = (g, i) => {
      if (i !== undefined && (!last.has(g) || i > last.get(g))) last.set(g, i);
    };
    edits.forEach((e, i) => {
      const g = e[7];
      if (g < 0) return;
      consider(g, lastEdit.get(n + ":" + i));
      consider(g, lastDoc.get(n));
      for (const r of e[3]) consider(g, lastRule.get(index.rules[r]));
    });
    const state = new Map();
    for (const [g, i] of last) if (decisions[i].decision !== "clear") state.set(g, decisions[i].decision);
    return state;
  }
  async function api(method, body) {
    const response = await fetch("api/decisions", {
      method,
      headers: { "Content-Type": "application/json", "X-Cleaner-Token": TOKEN },
      body: body ? JSON.stringify(body) : undefined,
      credentials: "omit",
      cache: "no-store",
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || "the server answered " + response.status);
    return data;
  }
  async function decide(scope, target, decision) {
    try {
      const data = await api("POST", Object.assign({ report: REPORT.id, scope, decision }, target));
      decisions.push(data.decision);
      setDecisions(decisions);
      const what =
        scope === "rule" ? "all edits of " + target.rule : scope === "doc" ? "the whole document" : "the edit";
      toast((decision === "clear" ? "Cleared decision on " : decision === "accept" ? "Accepted " : "Rejected ") + what);
      refresh();
    } catch (e) {
      toast("Not saved: " + e.message, true);
    }
  }

  // ---- routing -------------------------------------------------------------------------------------
  const views = {
    summary: document.getElementById("summary"),
    docs: document.getElementById("docs"),
    doc: document.getElementById("doc"),
  };
  const filters = { q: "", stage: "", rule: "", kind: "", sort: "edits", page: 0 };
  let filtered = null; // rows of the list, in its current order
  let current = null; // the open document: { doc, items, sel }

  function route() {
    const hash = location.hash.replace(/^#/, "");
    const [name, query] = hash.split("?");
    let view = "summary";
    if (name === "docs") {
      view = "docs";
      const p = new URLSearchParams(query || "");
      filters.q = p.get("q") || "";
      filters.stage = p.get("stage") || "";
      filters.rule = p.get("rule") || "";
      filters.kind = p.get("kind") || "";
      filters.sort = p.get("sort") || "edits";
      filters.page = Math.max(0, parseInt(p.get("page") || "0", 10) || 0);
    } else if (name.startsWith("doc/")) {
      view = "doc";
    }
    for (const key of Object.keys(views)) views[key].hidden = key !== view;
    document.getElementById("nav-summary").classList.toggle("active", view === "summary");
    document.getElementById("nav-docs").classList.toggle("active", view !== "summary");
    if (view === "docs") showList();
    if (view === "doc") showDocument(parseInt(name.slice(4), 10));
    if (view === "summary") document.title = "cleaner report";
  }
  function refresh() {
    if (!views.doc.hidden && current) renderDocument(current.doc, current.sel);
    if (!views.summary.hidden) renderSummary();
    if (!views.docs.hidden && index) showList();
  }
  function listHash(changes) {
    const f = Object.assign({}, filters, changes || {});
    const p = new URLSearchParams();
    for (const key of ["q", "stage", "rule", "kind"]) if (f[key]) p.set(key, f[key]);
    if (f.sort !== "edits") p.set("sort", f.sort);
    if (f.page) p.set("page", String(f.page));
    const s = p.toString();
    return "#docs" + (s ? "?" + s : "");
  }

  // ---- summary ---------------------------------------------------------------------------------------
  function renderSummary() {
    const root = clear(views.summary);
    const d = S.documents,
      e = S.edits;
    const secs = S.seconds || 0;
    root.append(
      el("div", { class: "head-row" }, [
        el("h1", { text: "Run summary" }),
        el("span", {
          class: "sub",
          text:
            (S.options && S.options.inputs ? S.options.inputs.join(", ") : "") +
            (S.output ? " \u2192 " + S.output.path : ""),
        }),
      ]),
    );
    if (S.applied) {
      root.append(
        el("div", {
          class: "note",
          text:
            "This run applied " +
            num(S.applied.decisions.used) +
            " decisions (decisions.jsonl sha256 " +
            S.applied.decisions.sha256.slice(0, 12) +
            "\u2026) of report " +
            S.applied.report.id +
            ": " +
            num(S.applied.edits.rejected) +
            " edits undone, " +
            num(S.applied.edits.kept) +
            " kept.",
        }),
      );
    }
    const card = (value, label, cls) =>
      el("div", { class: "card " + (cls || "") }, [
        el("div", { class: "num", text: value }),
        el("div", { class: "lbl", text: label }),
      ]);
    root.append(
      el("div", { class: "cards", id: "summary-cards" }, [
        card(num(d.in), "documents in"),
        card(num(d.out), "documents out"),
        card(num(d.changed), "documents changed"),
        card(num(d.rejected), "documents rejected", d.rejected ? "warn" : ""),
        card(num(e.fixes), "fixes"),
        card(num(e.flags), "flags"),
        card(
          secs.toFixed(secs < 10 ? 2 : 1) + " s",
          "time" + (secs > 0 ? " \u00b7 " + num(Math.round(d.in / secs)) + " docs/s" : ""),
        ),
      ]),
    );

    const stages = Object.entries(e.by_stage).sort((a, b) => b[1] - a[1]);
    const maxStage = Math.max(1, ...stages.map((s) => s[1]));
    const stagePanel = el("div", { class: "panel" }, [
      el("h2", { text: "Edits by stage" }),
      stages.length
        ? el("table", {}, [
            el(
              "tbody",
              {},
              stages.map(([stage, count]) =>
                el(
                  "tr",
                  {
                    class: "click",
                    title: "Show documents with edits of stage " + stage,
                    on: {
                      click: () => {
                        location.hash = listHash({ stage, rule: "", kind: "", page: 0 });
                      },
                    },
                  },
                  [
                    el("td", { class: "rule-name", text: stage }),
                    el("td", { class: "n", text: num(count) }),
                    el("td", {}, [bar(count / maxStage)]),
                  ],
                ),
              ),
            ),
          ])
        : el("div", { class: "empty", text: "No edits." }),
    ]);

    const rules = payload.rules;
    const fixRules = rules.filter((r) => r[2] > 0),
      flagRules = rules.filter((r) => r[3] > 0);
    const ruleTable = (list, col, cls, label) => {
      const max = Math.max(1, ...list.map((r) => r[col]));
      const head = ["rule", label, "documents", ""].concat(TOKEN && col === 2 ? ["decision"] : []);
      return el("table", { class: "rules" }, [
        el("thead", {}, [
          el(
            "tr",
            {},
            head.map((h, i) => el("th", { class: i === 1 || i === 2 ? "n" : "", text: h })),
          ),
        ]),
        el(
          "tbody",
          {},
          list.map((r) =>
            el("tr", { data: { rule: r[0] } }, [
              el("td", {}, [
                el("button", {
                  class: "linkish rule-name",
                  text: r[0],
                  title: "Show documents with this rule",
                  on: {
                    click: () => {
                      location.hash = listHash({ rule: r[0], stage: "", kind: col === 2 ? "fix" : "flag", page: 0 });
                    },
                  },
                }),
              ]),
              el("td", { class: "n", text: num(r[col]) }),
              el("td", { class: "n", text: num(r[col + 2]) }),
              el("td", {}, [bar(r[col] / max, cls)]),
              TOKEN && col === 2 ? el("td", {}, [ruleButtons(r[0])]) : null,
            ]),
          ),
        ),
      ]);
    };
    root.append(
      el("div", { class: "two" }, [
        stagePanel,
        el("div", { class: "panel" }, [
          el("h2", { text: "Fixes by rule" }),
          fixRules.length ? ruleTable(fixRules, 2, "", "fixes") : el("div", { class: "empty", text: "No fixes." }),
        ]),
      ]),
    );
    if (flagRules.length) {
      root.append(
        el("div", { class: "panel" }, [
          el("h2", { text: "Flags by rule (reported, text unchanged)" }),
          ruleTable(flagRules, 3, "flag", "flags"),
        ]),
      );
    }
    if (d.rejected) {
      const shown = payload.rejects;
      root.append(
        el("div", { class: "panel" }, [
          el("h2", {
            text:
              "Rejected documents" +
              (shown.length < d.rejected
                ? " (first " + shown.length + " of " + num(d.rejected) + "; all in rejects.jsonl)"
                : ""),
          }),
          el("table", {}, [
            el("thead", {}, [el("tr", {}, [el("th", { text: "document" }), el("th", { text: "reason" })])]),
            el(
              "tbody",
              {},
              shown.map((r) =>
                el("tr", {}, [el("td", { class: "docid", text: r.source }), el("td", { text: r.reason })]),
              ),
            ),
          ]),
        ]),
      );
    }
    root.append(configPanel());
  }
  function ruleButtons(rule) {
    const i = lastRule.get(rule);
    const state = i === undefined ? null : decisions[i].decision;
    return el("span", { class: "decide" }, [
      el("button", {
        class: "btn small accept" + (state === "accept" ? " on" : ""),
        text: "Accept all",
        title: "Accept every fix of " + rule,
        on: { click: () => decide("rule", { rule }, "accept") },
      }),
      el("button", {
        class: "btn small reject" + (state === "reject" ? " on" : ""),
        text: "Reject all",
        title: "Reject every fix of " + rule,
        on: { click: () => decide("rule", { rule }, "reject") },
      }),
    ]);
  }
  function kv(pairs) {
    const dl = el("dl", { class: "kv" });
    for (const [k, v] of pairs) {
      dl.append(el("dt", { text: k }), el("dd", { text: typeof v === "string" ? v : JSON.stringify(v) }));
    }
    return dl;
  }
  function configPanel() {
    const o = S.options || {};
    const run = [
      ["cleaner", S.cleaner_version],
      ["report id", REPORT.id || "\u2014"],
      ["inputs", (o.inputs || []).join(", ")],
      ["output", S.output ? S.output.path + " (" + S.output.format + ")" : o.output],
      ["config", o.config || "built-in default"],
      ["jobs", String(o.jobs)],
      ["seconds", String(S.seconds)],
      ["characters in / out", num(S.chars.in) + " / " + num(S.chars.out)],
    ];
    const stages = (S.pipeline || []).map((s) =>
      el("details", { class: "stage" }, [el("summary", { text: s.stage }), kv(Object.entries(s.options || {}))]),
    );
    return el("div", { class: "two" }, [
      el("div", { class: "panel" }, [el("h2", { text: "Run" }), kv(run)]),
      el(
        "div",
        { class: "panel" },
        [el("h2", { text: "Pipeline (stages in order, with their options)" })].concat(stages),
      ),
    ]);
  }

  // ---- document list ---------------------------------------------------------------------------------
  function rowCount(row, rule, stage, kind) {
    // Edits of the document that match the filters (a merged edit counts once per rule).
    const keys = row[5];
    let count = 0;
    for (let i = 0; i < keys.length; i += 2) {
      const r = keys[i] >> 1,
        flag = keys[i] & 1;
      if (rule !== -1 && r !== rule) continue;
      if (stage && index.ruleStage[r] !== stage) continue;
      if (kind && (kind === "flag") !== (flag === 1)) continue;
      count += keys[i + 1];
    }
    return count;
  }
  function computeList() {
    const rule = filters.rule ? index.rules.indexOf(filters.rule) : -1;
    const q = filters.q.trim().toLowerCase();
    if (q && !index.lower) index.lower = index.docs.map((row) => (row[1] + "\n" + row[6]).toLowerCase());
    const any = rule !== -1 || filters.stage || filters.kind;
    const out = [];
    if (filters.rule && rule === -1) return out;
    index.docs.forEach((row, i) => {
      const count = any ? rowCount(row, rule, filters.stage, filters.kind) : row[3] + row[4];
      if (!count) return;
      if (q && index.lower[i].indexOf(q) < 0) return;
      out.push([row, count]);
    });
    if (filters.sort === "edits") out.sort((a, b) => b[1] - a[1] || a[0][0] - b[0][0]);
    else if (filters.sort === "edits-asc") out.sort((a, b) => a[1] - b[1] || a[0][0] - b[0][0]);
    return out;
  }
  let listBuilt = false;
  function buildListFrame() {
    const root = clear(views.docs);
    const stageNames = [...new Set(index.ruleStage)].sort();
    const select = (id, label, options) =>
      el(
        "select",
        { id, "aria-label": label },
        [el("option", { value: "", text: label })].concat(
          options.map((o) => el("option", { value: o[0], text: o[1] })),
        ),
      );
    const search = el("input", {
      type: "search",
      id: "f-q",
      placeholder: "Search ids, titles, edited text\u2026",
      "aria-label": "Search",
    });
    root.append(
      el("div", { class: "head-row" }, [
        el("h1", { text: "Documents" }),
        el("span", {
          class: "sub",
          text:
            num(index.docs.length) +
            " documents with edits" +
            (S.documents.out > index.docs.length
              ? " (" + num(S.documents.out - index.docs.length) + " without edits are not listed)"
              : ""),
        }),
      ]),
    );
    const panel = el("div", { class: "panel" }, [
      el("div", { class: "filters" }, [
        search,
        select(
          "f-stage",
          "All stages",
          stageNames.map((s) => [s, s]),
        ),
        select(
          "f-rule",
          "All rules",
          index.rules.map((r) => [r, r]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        ),
        select("f-kind", "Fixes and flags", [
          ["fix", "Fixes only"],
          ["flag", "Flags only"],
        ]),
        select("f-sort", "Sort", [
          ["edits", "Most edits first"],
          ["edits-asc", "Fewest edits first"],
          ["order", "Input order"],
        ]),
        el("span", { class: "count", id: "f-count" }),
      ]),
      el("div", { id: "bulk" }),
      el("table", { id: "doc-table" }, [
        el("thead", {}, [
          el("tr", {}, [
            el("th", { class: "n", text: "#" }),
            el("th", { text: "document" }),
            el("th", { class: "n", id: "count-head", text: "edits" }),
            el("th", { class: "n", text: "fixes" }),
            el("th", { class: "n", text: "flags" }),
            el("th", { text: "rules" }),
          ]),
        ]),
        el("tbody", { id: "doc-rows" }),
      ]),
      el("div", { class: "pager" }, [
        el("button", { class: "btn", id: "prev-page", text: "\u2039 Previous" }),
        el("span", { class: "sub", id: "page-label" }),
        el("button", { class: "btn", id: "next-page", text: "Next \u203a" }),
      ]),
    ]);
    root.append(panel);
    document.getElementById("f-sort").firstChild.remove();
    const go = (changes) => {
      location.hash = listHash(Object.assign({ page: 0 }, changes));
    };
    let typing = null;
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => go({ q: search.value }), 150);
    });
    document.getElementById("f-stage").addEventListener("change", (ev) => go({ stage: ev.target.value }));
    document.getElementById("f-rule").addEventListener("change", (ev) => go({ rule: ev.target.value }));
    document.getElementById("f-kind").addEventListener("change", (ev) => go({ kind: ev.target.value }));
    document.getElementById("f-sort").addEventListener("change", (ev) => go({ sort: ev.target.value }));
    document.getElementById("prev-page").addEventListener("click", () => {
      location.hash = listHash({ page: filters.page - 1 });
    });
    document.getElementById("next-page").addEventListener("click", () => {
      location.hash = listHash({ page: filters.page + 1 });
    });
    listBuilt = true;
  }
  function showList() {
    if (!index) {
      clear(views.docs).append(el("div", { class: "panel empty", text: "Loading the document index\u2026" }));
      loadIndex().then(
        () => {
          listBuilt = false;
          if (!views.docs.hidden) showList();
        },
        (e) => {
          clear(views.docs).append(el("div", { class: "panel empty", text: e.message }));
        },
      );
      return;
    }
    document.title = "Documents \u2014 cleaner report";
    if (!listBuilt) buildListFrame();
    const q = document.getElementById("f-q");
    if (document.activeElement !== q) q.value = filters.q;
    document.getElementById("f-stage").value = filters.stage;
    document.getElementById("f-rule").value = filters.rule;
    document.getElementById("f-kind").value = filters.kind;
    document.getElementById("f-sort").value = filters.sort;
    filtered = computeList();
    const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
    filters.page = Math.min(filters.page, pages - 1);
    const rows = document.getElementById("doc-rows");
    clear(rows);
    const narrowed = filters.rule || filters.stage || filters.kind;
    document.getElementById("count-head").textContent = narrowed ? "matching" : "edits";
    for (const [row, count] of filtered.slice(filters.page * PAGE, (filters.page + 1) * PAGE)) {
      const chips = [];
      const keys = row[5];
      for (let i = 0; i < keys.length && chips.length < 4; i += 2) {
        chips.push(el("span", { class: "chip" + (keys[i] & 1 ? " flag" : ""), text: index.rules[keys[i] >> 1] }));
      }
      if (keys.length / 2 > 4) chips.push(el("span", { class: "sub", text: "+" + (keys.length / 2 - 4) }));
      rows.append(
        el(
          "tr",
          {
            class: "click",
            data: { n: row[0] },
            on: {
              click: () => {
                location.hash = "#doc/" + row[0];
              },
            },
          },
          [
            el("td", { class: "n sub", text: String(row[0] + 1) }),
            el("td", { class: "docid", text: row[1] }),
            el("td", { class: "n", text: num(count) }),
            el("td", { class: "n", text: num(row[3]) }),
            el("td", { class: "n", text: num(row[4]) }),
            el("td", {}, chips),
          ],
        ),
      );
    }
    if (!filtered.length)
      rows.append(el("tr", {}, [el("td", { colspan: "6", class: "empty", text: "No document matches." })]));
    document.getElementById("f-count").textContent =
      num(filtered.length) + (filtered.length === 1 ? " document" : " documents");
    document.getElementById("page-label").textContent = "page " + (filters.page + 1) + " of " + pages;
    document.getElementById("prev-page").disabled = filters.page === 0;
    document.getElementById("next-page").disabled = filters.page >= pages - 1;
    const bulk = clear(document.getElementById("bulk"));
    if (TOKEN && filters.rule && filters.kind !== "flag") {
      bulk.append(
        el("div", { class: "note" }, [
          "Every fix of ",
          el("code", { text: filters.rule }),
          " in this report: ",
          ruleButtons(filters.rule),
        ]),
      );
    }
  }

  // ---- document view ---------------------------------------------------------------------------------
  async function showDocument(n) {
    const root = views.doc;
    if (!index) {
      clear(root).append(el("div", { class: "panel empty", text: "Loading\u2026" }));
      await loadIndex();
    }
    const i = index.byN.get(n);
    if (i === undefined) {
      clear(root).append(el("div", { class: "panel empty", text: "No document #" + (n + 1) + " with edits." }));
      return;
    }
    const row = index.docs[i];
    if (!filtered) filtered = computeList(); // opened directly: previous/next follow the list's order
    let docs;
    try {
      docs = await loadChunk(row[2]);
    } catch (e) {
      clear(root).append(el("div", { class: "panel empty", text: e.message }));
      return;
    }
    const doc = docs.find((d) => d[0] === n);
    if (!doc) return;
    if (location.hash !== "#doc/" + n) return; // the reader moved on while the chunk loaded
    renderDocument(doc, current && current.doc[0] === n ? current.sel : 0);
    document.title = row[1] + " \u2014 cleaner report";
  }
  function placeItems(edits) {
    // Fixes are disjoint; a flag that overlaps a fix or another flag becomes a marker at its start.
    const items = [];
    const fixes = edits.map((e, i) => [e, i]).filter(([e]) => !e[4]);
    let f = 0,
      flagEnd = -1;
    edits.forEach((e, i) => {
      if (!e[4]) {
        items.push({ s: e[0], e: e[1], i, t: "fix" });
        return;
      }
      while (f < fixes.length && fixes[f][0][1] <= e[0] && fixes[f][0][0] < e[0]) f++;
      let overlap = e[0] === e[1] || e[0] < flagEnd;
      let at = e[0];
      for (let k = f; k < fixes.length && fixes[k][0][0] <= e[1]; k++) {
        const x = fixes[k][0];
        if ((x[0] < e[1] && x[1] > e[0]) || (x[0] === x[1] && x[0] > e[0] && x[0] < e[1])) {
          overlap = true;
          if (x[0] < at && x[1] > at) at = x[1];
        }
      }
      if (overlap) items.push({ s: at, e: at, i, t: "mark" });
      else {
        items.push({ s: e[0], e: e[1], i, t: "flag" });
        flagEnd = e[1];
      }
    });
    const order = { fix: 0, flag: 1, mark: 2 };
    items.sort((a, b) => a.s - b.s || order[a.t] - order[b.t] || a.i - b.i);
    return items;
  }
  function ruleNames(e) {
    return e[3].map((r) => index.rules[r]);
  }
  function editTitle(e, i, total) {
    return (
      "Edit " +
      (i + 1) +
      " of " +
      total +
      " \u00b7 " +
      (e[4] ? "flag" : "fix") +
      " \u00b7 " +
      ruleNames(e).join(" + ") +
      " \u00b7 confidence " +
      e[5] +
      "\n" +
      e[6]
    );
  }
  function renderDocument(doc, sel) {
    const [n, id, text, meta, edits] = doc;
    const states = TOKEN ? groupStates(doc) : new Map();
    const root = clear(views.doc);
    const pos = filtered ? filtered.findIndex((x) => x[0][0] === n) : -1;
    const neighbour = (d) => (pos >= 0 && filtered[pos + d] ? filtered[pos + d][0][0] : null);
    const prevDoc = neighbour(-1),
      nextDoc = neighbour(1);
    const bar = el("div", { class: "doc-bar panel" }, [
      el("a", { class: "btn", href: filtered ? listHash() : "#docs", text: "\u2190 Documents" }),
      el("span", { class: "docid", id: "doc-id", text: id }),
      el("span", { class: "sub", text: "#" + (n + 1) }),
      el("span", { class: "spacer" }),
      TOKEN
        ? el("span", { class: "decide" }, [
            el("button", {
              class: "btn accept",
              id: "accept-doc",
              text: "Accept document",
              title: "Accept every fix of this document",
              on: { click: () => decide("doc", { doc: n, id }, "accept") },
            }),
            el("button", {
              class: "btn reject",
              id: "reject-doc",
              text: "Reject document",
              title: "Reject every fix of this document",
              on: { click: () => decide("doc", { doc: n, id }, "reject") },
            }),
          ])
        : null,
      el("button", {
        class: "btn",
        id: "prev-doc",
        text: "\u2039 Previous",
        title: "Previous document in the list ([)",
        disabled: prevDoc === null ? "" : null,
        on: {
          click: () => {
            location.hash = "#doc/" + prevDoc;
          },
        },
      }),
      el("button", {
        class: "btn",
        id: "next-doc",
        text: "Next \u203a",
        title: "Next document in the list (])",
        disabled: nextDoc === null ? "" : null,
        on: {
          click: () => {
            location.hash = "#doc/" + nextDoc;
          },
        },
      }),
    ]);
    root.append(bar);

    const fixes = edits.filter((e) => !e[4]).length;
    const metaBits = [];
    for (const key of ["date", "title", "language"]) {
      if (meta && meta[key])
        metaBits.push(el("span", {}, [key + " ", el("b", { text: String(meta[key]) }), " \u00b7 "]));
    }
    const textBox = el("pre", { id: "doc-text" });
    const items = placeItems(edits);
    let at = 0;
    const spans = new Array(edits.length);
    const groupSize = new Map();
    edits.forEach((e) => {
      if (e[7] >= 0) groupSize.set(e[7], (groupSize.get(e[7]) || 0) + 1);
    });
    for (const item of items) {
      const e = edits[item.i];
      const s = Math.max(item.s, at);
      if (s > at) appendText(textBox, text.slice(at, s));
      let cls = "ed " + item.t;
      if (!e[4]) {
        if (groupSize.get(e[7]) > 1) cls += " grouped";
        const st = states.get(e[7]);
        if (st === "reject") cls += " rejected";
        else if (st === "accept") cls += " accepted";
      }
      const span = el("span", {
        class: cls,
        id: "edit-" + item.i,
        title: editTitle(e, item.i, edits.length),
        data: { i: item.i },
        on: { click: () => select(item.i) },
      });
      if (item.t === "fix") {
        const before = text.slice(e[0], e[1]);
        if (before) span.append(appendVisible(el("del"), before));
        if (e[2]) span.append(appendVisible(el("ins"), e[2], true));
        at = Math.max(at, e[1]);
      } else if (item.t === "flag") {
        appendText(span, text.slice(e[0], e[1]));
        at = Math.max(at, e[1]);
      } else {
        span.textContent = "\u2691";
      }
      spans[item.i] = span;
      textBox.append(span);
    }
    if (at < text.length) appendText(textBox, text.slice(at));

    const side = el("aside", { class: "side panel", id: "edit-panel" });
    root.append(
      el("div", { class: "doc-layout" }, [
        el("div", { class: "panel" }, [
          el(
            "div",
            { class: "meta-line" },
            metaBits.concat([el("span", { text: num(fixes) + " fixes, " + num(edits.length - fixes) + " flags" })]),
          ),
          el("div", { class: "keys" }, [
            "Keys: ",
            el("kbd", { text: "j" }),
            " / ",
            el("kbd", { text: "n" }),
            " next edit, ",
            el("kbd", { text: "k" }),
            " / ",
            el("kbd", { text: "p" }),
            " previous, ",
            el("kbd", { text: "[" }),
            " ",
            el("kbd", { text: "]" }),
            " documents",
            TOKEN ? ", " : "",
            TOKEN ? el("kbd", { text: "a" }) : null,
            TOKEN ? " accept, " : "",
            TOKEN ? el("kbd", { text: "r" }) : null,
            TOKEN ? " reject" : "",
          ]),
          el("hr", { class: "sep" }),
          textBox,
        ]),
        side,
      ]),
    );
    current = { doc, sel: Math.min(sel || 0, edits.length - 1), spans, states, prevDoc, nextDoc };
    select(current.sel, true);
  }
  function select(i, quiet) {
    if (!current || i < 0 || i >= current.spans.length) return;
    const old = current.spans[current.sel];
    if (old) old.classList.remove("sel");
    current.sel = i;
    const span = current.spans[i];
    span.classList.add("sel");
    if (!quiet || i > 0) span.scrollIntoView({ block: "center", behavior: "instant" });
    renderSide();
  }
  function renderSide() {
    const { doc, sel, states } = current;
    const [n, id, text, , edits] = doc;
    const e = edits[sel];
    const side = clear(document.getElementById("edit-panel"));
    const kind = e[4] ? "flag" : "fix";
    side.append(
      el("div", { class: "head-row" }, [
        el("h2", { id: "edit-counter", text: "Edit " + (sel + 1) + " of " + edits.length }),
        el("span", { class: "pill " + kind, text: kind }),
      ]),
    );
    side.append(
      el("h3", { text: e[3].length > 1 ? "Rules (one edit)" : "Rule" }),
      el(
        "div",
        {},
        ruleNames(e).map((r) => el("span", { class: "chip" + (e[4] ? " flag" : ""), text: r })),
      ),
    );
    const before = text.slice(e[0], e[1]);
    side.append(
      el("h3", { text: e[4] ? "Text and suggestion" : "Change" }),
      el("div", { class: "change" }, [
        el("span", { class: "sub", text: e[4] ? "text" : "before" }),
        appendVisible(el("span", { class: "v b" }), before || "\u2205"),
        el("span", { class: "sub", text: e[4] ? "suggests" : "after" }),
        appendVisible(el("span", { class: "v a" }), e[2] || "\u2205"),
        el("span", { class: "sub", text: "escaped" }),
        el("span", { class: "mono sub pre", text: escaped(before) + " \u2192 " + escaped(e[2]) }),
        el("span", { class: "sub", text: "span" }),
        el("span", { class: "mono sub", text: "characters " + e[0] + "\u2013" + e[1] + " of the input" }),
      ]),
    );
    side.append(el("h3", { text: "Reason" }), el("div", { id: "edit-reason", text: e[6] }));
    side.append(
      el("h3", { text: "Confidence" }),
      el("div", { class: "conf" }, [
        bar(e[5], e[4] ? "flag" : ""),
        el("span", { class: "mono", text: e[5].toFixed(2) }),
      ]),
    );
    if (e[8] && e[8].length) {
      side.append(
        el("h3", { text: "Steps (merged: they changed the same text)" }),
        el(
          "ol",
          { class: "steps" },
          e[8].map((p) =>
            el("li", {}, [
              el("span", { class: "chip", text: p[0] }),
              " ",
              appendVisible(el("code"), p[1]),
              " \u2192 ",
              appendVisible(el("code"), p[2]),
              el("div", { class: "sub", text: p[3] }),
            ]),
          ),
        ),
      );
    }
    if (!e[4]) {
      const members = [];
      edits.forEach((x, j) => {
        if (x[7] === e[7] && j !== sel) members.push(j + 1);
      });
      if (members.length) {
        side.append(
          el("div", {
            class: "note",
            id: "group-note",
            text:
              "Touches edit" +
              (members.length > 1 ? "s " : " ") +
              members.join(", ") +
              ": they are accepted or rejected together.",
          }),
        );
      }
    }
    if (TOKEN && !e[4]) {
      const st = states.get(e[7]) || null;
      side.append(
        el("h3", { text: "Decision" }),
        el("div", {}, [
          el("span", {
            id: "edit-state",
            class: "pill " + (st || "none"),
            text: st === "reject" ? "rejected" : st === "accept" ? "accepted" : "undecided (kept)",
          }),
        ]),
        el("div", { class: "decide" }, [
          el("button", {
            class: "btn accept" + (st === "accept" ? " on" : ""),
            id: "accept-edit",
            text: "Accept",
            title: "Accept (a)",
            on: { click: () => decide("edit", { doc: n, id, edit: sel }, "accept") },
          }),
          el("button", {
            class: "btn reject" + (st === "reject" ? " on" : ""),
            id: "reject-edit",
            text: "Reject",
            title: "Reject (r)",
            on: { click: () => decide("edit", { doc: n, id, edit: sel }, "reject") },
          }),
          el("button", {
            class: "btn",
            text: "Clear",
            title: "Back to undecided (c)",
            on: { click: () => decide("edit", { doc: n, id, edit: sel }, "clear") },
          }),
        ]),
        el(
          "div",
          { class: "decide" },
          ruleNames(e).map((r) =>
            el("button", {
              class: "btn small reject",
              text: "Reject all " + r,
              title: "Reject every fix of " + r + " in the report",
              on: { click: () => decide("rule", { rule: r }, "reject") },
            }),
          ),
        ),
      );
    } else if (TOKEN) {
      side.append(el("p", { class: "sub", text: "Flags only report; there is nothing to accept or reject." }));
    }
  }

  // ---- keyboard ----------------------------------------------------------------------------------------
  function help() {
    const box = document.getElementById("help");
    const rows = [
      ["j  n", "next edit"],
      ["k  p", "previous edit"],
      ["]  [", "next / previous document"],
      ["Esc  u", "back to the list"],
      ["/", "search the list"],
      ["?", "this help"],
    ];
    if (TOKEN) rows.push(["a  r  c", "accept / reject / clear the edit"]);
    clear(box).append(
      el("div", { class: "panel" }, [
        el("h2", { text: "Keyboard" }),
        el("table", {}, [
          el(
            "tbody",
            {},
            rows.map((r) => el("tr", {}, [el("td", {}, [el("kbd", { text: r[0] })]), el("td", { text: r[1] })])),
          ),
        ]),
        el("p", { class: "sub", text: "Press any key to close." }),
      ]),
    );
    box.hidden = false;
  }
  document.getElementById("help").addEventListener("click", () => {
    document.getElementById("help").hidden = true;
  });
  document.getElementById("help-button").addEventListener("click", help);
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const helpBox = document.getElementById("help");
    if (!helpBox.hidden) {
      helpBox.hidden = true;
      ev.preventDefault();
      return;
    }
    const tag = (ev.target && ev.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    const k = ev.key;
    if (k === "?") {
      help();
      ev.preventDefault();
      return;
    }
    if (!views.doc.hidden && current) {
      const [n, id] = current.doc;
      if (k === "j" || k === "n") select(Math.min(current.sel + 1, current.spans.length - 1));
      else if (k === "k" || k === "p") select(Math.max(current.sel - 1, 0));
      else if (k === "]" && current.nextDoc !== null) location.hash = "#doc/" + current.nextDoc;
      else if (k === "[" && current.prevDoc !== null) location.hash = "#doc/" + current.prevDoc;
      else if (k === "Escape" || k === "u") location.hash = filtered ? listHash() : "#docs";
      else if (TOKEN && (k === "a" || k === "r" || k === "c") && !current.doc[4][current.sel][4]) {
        decide("edit", { doc: n, id, edit: current.sel }, { a: "accept", r: "reject", c: "clear" }[k]);
      } else return;
      ev.preventDefault();
    } else if (k === "/" && !views.docs.hidden) {
      const q = document.getElementById("f-q");
      if (q) {
        q.focus();
        ev.preventDefault();
      }
    }
  });

  // ---- start ---------------------------------------------------------------------------------------------
  window.addEventListener("hashchange", route);
  if (TOKEN) document.getElementById("review-badge").hidden = false;
  renderSummary();
  route();
  document.body.dataset.ready = "summary";
  if (window.performance && performance.mark) performance.mark("cleaner-summary");
  const start = () => {
    const loaded = TOKEN
      ? api("GET").then(
          (data) => {
            setDecisions(data.decisions);
            refresh();
          },
          (e) => toast("Cannot load decisions: " + e.message, true),
        )
      : Promise.resolve();
    loaded
      .then(() => loadIndex())
      .then(
        () => {
          document.body.dataset.index = "loaded";
          if (window.performance && performance.mark) performance.mark("cleaner-index");
        },
        (e) => toast(e.message, true),
      );
  };
  if (window.requestIdleCallback) requestIdleCallback(start, { timeout: 200 });
  else setTimeout(start, 0);
})();
