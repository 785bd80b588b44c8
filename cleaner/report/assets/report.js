// cleaner report: summary, document list and document view; decisions when `cleaner review` serves it.
// Document content is untrusted: it reaches the page only as textContent, title or value, never as markup.
(function () {
  "use strict";

  const PAGE = 50; // documents per page of the list
  const QPAGE = 20; // hunks per page of the queue
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
  // Text for a place that cannot hold the boxes (the tab title): each control named in brackets.
  function plain(text) {
    return String(text).replace(CONTROL, (ch) => "[" + (NAMES[ch] || codePoint(ch)) + "]");
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
  let edits = null; // every edit of the report, a few numbers each (edits.js)
  let editsData = null; // edits.js as loaded, until the index it refers to is in
  let editsWaiters = [];
  const chunks = new Map();
  const heads = new Map(); // "n:i" → a hunk ready to draw, from the queue-R.js files (hunks.py)
  const headFiles = new Map(); // rule → promise of its queue file loaded (or found missing)
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
      edits(data) {
        if (!editsData) {
          editsData = data;
          editsWaiters.forEach((f) => f());
          editsWaiters = [];
        }
      },
      hunks(r, list) {
        for (const h of list) heads.set(h[0] + ":" + h[1], h);
      },
      chunk(k, docs) {
        for (const d of docs) toUnits(d);
        chunks.set(k, new Map(docs.map((d) => [d[0], d])));
        (waiting.get(k) || []).forEach((f) => f());
        waiting.delete(k);
      },
    }),
  });
  // Edits count characters (code points), as Python does; a JavaScript string counts UTF-16 units,
  // two for a character beyond the BMP (an emoji). A document's edits are moved to units once,
  // when its chunk comes in, so that every slice of its text falls where the edit is.
  const PAIR = /[\ud800-\udbff][\udc00-\udfff]/;
  function toUnits(doc) {
    const text = doc[2];
    if (!PAIR.test(text)) return;
    const units = [];
    for (let u = 0; u < text.length; u++) {
      units.push(u);
      const c = text.charCodeAt(u);
      if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
        const d = text.charCodeAt(u + 1);
        if (d >= 0xdc00 && d <= 0xdfff) u++;
      }
    }
    units.push(text.length);
    for (const e of doc[4]) {
      e[0] = units[e[0]];
      e[1] = units[e[1]];
    }
  }
  function loadScript(name) {
    return new Promise((resolve, reject) => {
      if (!/^(index|edits|chunk-\d+|queue-\d+)\.js$/.test(name) || !/^data-[0-9a-f]+$/.test(REPORT.data || "")) {
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
  let editsPromise = null;
  function loadEdits() {
    // edits.js loads beside the index, not after it; its rule numbers need the index to be read
    if (!editsPromise) {
      const loaded = new Promise((resolve, reject) => {
        editsWaiters.push(resolve);
        loadScript("edits.js").catch(reject);
      });
      editsPromise = Promise.all([loadIndex(), loaded]).then(() => {
        if (!edits) edits = prepareEdits(editsData);
      });
    }
    return editsPromise;
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
  // The least and most confident hunks of the rules a queue shows, written when the report was
  // (hunks.py): a page by confidence draws them without the chunks they lie in. A report written
  // before them has no such files, and its pages load their chunks.
  function loadHeads(rules) {
    return Promise.all(
      rules.map((r) => {
        if (!headFiles.has(r))
          headFiles.set(r, loadScript("queue-" + String(r).padStart(5, "0") + ".js").catch(() => null));
        return headFiles.get(r);
      }),
    );
  }
  function headRules(rule, stage) {
    const all = index.rules.map((_, r) => r);
    if (rule) return all.filter((r) => index.rules[r] === rule);
    return stage ? all.filter((r) => index.ruleStage[r] === stage) : all;
  }
  function prepareIndex(data) {
    const rules = data.rules.map((r) => r[0]);
    const ruleStage = data.rules.map((r) => r[1]);
    const byN = new Map();
    data.docs.forEach((row, i) => byN.set(row[0], i));
    return { rules, ruleStage, docs: data.docs, chunks: data.chunks, byN, lower: null };
  }
  function prepareEdits(data) {
    // Columns of the flat list: document, edit index, 2 × combo + flag, confidence ‰, group.
    const flat = data.edits,
      count = flat.length / 5;
    const col = (c, Type) => {
      const a = new Type(count);
      for (let k = 0; k < count; k++) a[k] = flat[5 * k + c];
      return a;
    };
    const n = col(0, Int32Array);
    const docStart = new Map();
    for (let k = 0; k < count; k++) if (!docStart.has(n[k])) docStart.set(n[k], k);
    return {
      count,
      n,
      i: col(1, Int32Array),
      key: col(2, Int32Array),
      conf: col(3, Int16Array),
      group: col(4, Int32Array),
      combos: data.combos,
      docStart,
    };
  }
  // The document n of a loaded chunk.
  function docOf(n) {
    const row = index.docs[index.byN.get(n)];
    const docs = row && chunks.get(row[2]);
    return docs ? docs.get(n) : undefined;
  }

  // ---- decisions (review mode) -------------------------------------------------------------------
  // Later decisions override earlier ones: an edit's state is that of the last decision naming it,
  // its group, its document or one of its group's rules.
  let decisions = [];
  let lastEdit = new Map(),
    lastDoc = new Map(),
    lastRule = new Map();
  let undone = new Set();
  function setDecisions(list) {
    decisions = list;
    lastEdit = new Map();
    lastDoc = new Map();
    lastRule = new Map();
    undone = new Set(list.filter((d) => d.scope === "undo").map((d) => d.line));
    list.forEach((d, i) => {
      if (undone.has(i)) return;
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
  // The state of every edit of the report (-1 a flag, 0 undecided, 1 accepted, 2 rejected) and the
  // counts of fixes [all, accepted, rejected] in total, per rule and per document: the same
  // resolution as groupStates, over edits.js.
  let states = null,
    progress = null;
  function computeStates() {
    if (!edits) return;
    const { count, n, i, key, group, combos, docStart } = edits;
    const groupLine = new Int32Array(count).fill(-1);
    const comboLine = combos.map((c) => Math.max(-1, ...c.map((r) => lastRule.get(index.rules[r]) ?? -1)));
    const byEdit = lastEdit.size > 0;
    for (let k = 0; k < count; k++) {
      if (key[k] & 1) continue;
      let line = Math.max(comboLine[key[k] >> 1], lastDoc.get(n[k]) ?? -1);
      if (byEdit) line = Math.max(line, lastEdit.get(n[k] + ":" + i[k]) ?? -1);
      const g = docStart.get(n[k]) + group[k];
      if (line > groupLine[g]) groupLine[g] = line;
    }
    states = new Int8Array(count);
    const total = [0, 0, 0],
      byRule = new Map(),
      byDoc = new Map();
    const add = (map, x, st) => {
      let c = map.get(x);
      if (!c) map.set(x, (c = [0, 0, 0]));
      c[0]++;
      if (st) c[st]++;
    };
    for (let k = 0; k < count; k++) {
      if (key[k] & 1) {
        states[k] = -1;
        continue;
      }
      const line = groupLine[docStart.get(n[k]) + group[k]];
      const d = line < 0 ? "clear" : decisions[line].decision;
      const st = d === "accept" ? 1 : d === "reject" ? 2 : 0;
      states[k] = st;
      total[0]++;
      if (st) total[st]++;
      for (const r of combos[key[k] >> 1]) add(byRule, r, st);
      add(byDoc, n[k], st);
    }
    progress = { total, byRule, byDoc };
  }
  function progressText(c) {
    // "3 of 10 decided · 1 rejected · 7 undecided"
    const decided = c[1] + c[2];
    return (
      num(decided) + " of " + num(c[0]) + " decided \u00b7 " + num(c[2]) + " rejected \u00b7 " +
      num(c[0] - decided) + " undecided"
    );
  }
  async function api(method, body, path) {
    const response = await fetch(path || "api/decisions", {
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
  function describe(d) {
    const what = d.scope === "rule" ? "every fix of " + d.rule : d.scope === "doc" ? "document " + d.doc : "the edit";
    return (d.decision === "clear" ? "cleared " : d.decision === "accept" ? "accepted " : "rejected ") + what;
  }
  async function post(body) {
    try {
      const data = await api("POST", Object.assign({ report: REPORT.id }, body));
      decisions.push(data.decision);
      setDecisions(decisions);
      computeStates();
      return data.decision;
    } catch (e) {
      toast("Not saved: " + e.message, true);
      return null;
    }
  }
  // One decision, appended like any other; true when it was saved.
  async function decide(scope, target, decision) {
    const line = await post(Object.assign({ scope, decision }, target));
    if (!line) return false;
    const text = describe(line);
    toast(text[0].toUpperCase() + text.slice(1) + (scope === "edit" ? "" : " \u00b7 u undoes it"));
    refresh();
    return true;
  }
  // Take back the last decision not taken back yet (an "undo" line: states become what they were).
  async function undoLast() {
    let j = decisions.length - 1;
    while (j >= 0 && (decisions[j].scope === "undo" || undone.has(j))) j--;
    if (j < 0) {
      toast("Nothing to undo");
      return false;
    }
    const line = await post({ scope: "undo", line: j });
    if (!line) return false;
    toast("Undone: " + describe(decisions[j]));
    refresh();
    return true;
  }
  // Decisions that teach: an exception (keep this token) or a rule (always fix it) written from one
  // edit into the user's rule pack; the server checks it on the edit's line before writing it.
  async function teach(n, id, edit, action, replacement, reason) {
    const out = document.getElementById("teach-result");
    const body = { report: REPORT.id, doc: n, id, edit, action };
    if (replacement) body.replacement = replacement;
    if (reason) body.reason = reason;
    if (out) {
      out.hidden = false;
      out.className = "note";
      out.textContent = "Checking it on this edit\u2019s line\u2026";
    }
    try {
      const data = await api("POST", body, "api/rules");
      const e = data.entry;
      const what = e.kind === "keep" ? "Exception" : "Rule";
      const text =
        what + " rules." + e.ref + " written to " + e.path +
        ": cleaner rules test checks it; the next run applies it.";
      if (out) {
        out.className = "note ok";
        out.textContent = text;
      }
      toast(what + " written to " + e.path);
    } catch (err) {
      if (out) {
        out.className = "note error";
        out.textContent = "Not written: " + err.message;
      }
      toast("Not written: " + err.message, true);
    }
  }
  function teachPanel(n, id, sel, e) {
    const reason = el("input", {
      id: "teach-reason",
      type: "text",
      placeholder: "why (optional)",
      "aria-label": "reason",
    });
    const replacement = el("input", {
      id: "rule-replacement",
      type: "text",
      placeholder: e[4] ? "becomes (default: the first suggestion)" : "becomes (default: as this fix does)",
      "aria-label": "replacement",
    });
    return [
      el("h3", { text: "Teach the next run" }),
      el("div", { class: "teach" }, [
        el("button", {
          class: "btn small",
          id: "keep-token",
          text: "Keep this token",
          title: "An exception: " + (e[4] ? "this flag" : "this change") + " is never made in this token again",
          on: { click: () => teach(n, id, sel, "keep", "", reason.value) },
        }),
        replacement,
        el("button", {
          class: "btn small",
          id: "always-fix",
          text: "Always fix",
          title: "A rule: the token around this edit always becomes what the box says",
          on: { click: () => teach(n, id, sel, "rule", replacement.value, reason.value) },
        }),
        reason,
      ]),
      el("div", { id: "teach-result", class: "note", hidden: true }),
    ];
  }
  // A bulk decision asks once, saying how many fixes it decides.
  function confirmThen(message, label, action) {
    const box = clear(document.getElementById("confirm"));
    const close = () => {
      box.hidden = true;
    };
    const yes = el("button", {
      class: "btn " + (label.startsWith("Reject") ? "reject" : label.startsWith("Accept") ? "accept" : ""),
      id: "confirm-yes",
      text: label,
      on: {
        click: () => {
          close();
          action();
        },
      },
    });
    box.append(
      el("div", { class: "panel", role: "dialog", "aria-modal": "true" }, [
        appendText(el("p", { id: "confirm-text" }), message),
        el("div", { class: "decide" }, [
          yes,
          el("button", { class: "btn", id: "confirm-no", text: "Cancel", on: { click: close } }),
        ]),
        el("p", { class: "sub", text: "Enter confirms, Esc cancels; u undoes it afterwards." }),
      ]),
    );
    box.hidden = false;
    yes.focus();
  }
  function bulk(scope, target, decision, count, what) {
    const verb = { accept: "Accept", reject: "Reject", clear: "Clear the decisions on" }[decision];
    confirmThen(
      verb + " " + num(count) + (count === 1 ? " fix" : " fixes") + " of " + what + "?",
      (decision === "clear" ? "Clear " : verb + " ") + num(count),
      () => decide(scope, target, decision),
    );
  }

  // ---- routing -------------------------------------------------------------------------------------
  const views = {
    summary: document.getElementById("summary"),
    docs: document.getElementById("docs"),
    doc: document.getElementById("doc"),
    queue: document.getElementById("queue"),
  };
  const filters = { q: "", stage: "", rule: "", kind: "", sort: "edits", page: 0 };
  let filtered = null; // rows of the list, in its current order
  let current = null; // the open document: { doc, items, sel }
  let back = "#docs"; // where Esc goes from a document: the list or the queue it was opened from

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
    } else if (name === "queue") {
      view = "queue";
    }
    for (const key of Object.keys(views)) views[key].hidden = key !== view;
    if (view !== "queue") document.body.dataset.queue = "hidden"; // no page of it is shown (tests wait on "shown")
    document.getElementById("nav-summary").classList.toggle("active", view === "summary");
    document.getElementById("nav-docs").classList.toggle("active", view === "docs" || view === "doc");
    document.getElementById("nav-queue").classList.toggle("active", view === "queue");
    if (view === "docs") {
      back = location.hash || "#docs";
      showList();
    }
    if (view === "queue") {
      back = location.hash;
      showQueue(query || "");
    }
    if (view === "doc") {
      const edit = parseInt(new URLSearchParams(query || "").get("edit"), 10);
      showDocument(parseInt(name.slice(4), 10), Number.isNaN(edit) ? null : edit);
    }
    if (view === "summary") {
      document.title = "cleaner report";
      renderSummary(); // decisions made elsewhere (a bulk decision from the list) show here at once
    }
  }
  function refresh() {
    if (!views.doc.hidden && current) renderDocument(current.doc, current.sel);
    if (!views.summary.hidden) renderSummary();
    if (!views.docs.hidden && index) showList();
    if (!views.queue.hidden && queue) renderQueueStates();
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

    const languages = Object.entries(S.languages || {});
    if (languages.length) {
      root.append(
        el("div", {
          class: "note",
          id: "summary-languages",
          text: "Languages: " + languages.map(([lang, n]) => lang + " " + num(n)).join(" \u00b7 "),
        }),
      );
    }
    for (const [stage, missed] of Object.entries(S.languages_not_read || {})) {
      const list = Object.entries(missed);
      const total = list.reduce((sum, [, n]) => sum + n, 0);
      root.append(
        el("div", {
          class: "note warning",
          text:
            "The " + stage + " stage has no word list for " +
            num(total) + (total === 1 ? " document: " : " documents: ") +
            list.map(([lang, n]) => lang + " (" + num(n) + ")").join(", ") + ".",
        }),
      );
    }

    if (TOKEN) root.append(progressPanel());

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
      const head = ["rule", label, "documents", "", "queue"].concat(TOKEN && col === 2 ? ["progress", "decision"] : []);
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
              el("td", {}, [
                el("a", {
                  class: "btn small",
                  href: queueHash({ rule: r[0], kind: col === 2 ? "fix" : "flag" }),
                  text: "Queue",
                  title: "Every " + (col === 2 ? "fix" : "flag") + " of " + r[0] + " as a list of hunks",
                }),
              ]),
              TOKEN && col === 2 ? el("td", { class: "progress sub", text: ruleProgress(r[0]) }) : null,
              TOKEN && col === 2 ? el("td", {}, [ruleButtons(r[0])]) : null,
            ]),
          ),
        ),
      ]);
    };
    const fixPanel = el("div", { class: "panel", id: "fix-rules" }, [
      el("h2", { text: "Fixes by rule" }),
      fixRules.length ? ruleTable(fixRules, 2, "", "fixes") : el("div", { class: "empty", text: "No fixes." }),
    ]);
    // in review the fixes table carries progress and decisions: it takes the page's width
    root.append(TOKEN ? fixPanel : el("div", { class: "two" }, [stagePanel, fixPanel]));
    if (TOKEN) root.append(stagePanel);
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
                el("tr", {}, [
                  appendText(el("td", { class: "docid" }), String(r.source)),
                  appendText(el("td"), String(r.reason)),
                ]),
              ),
            ),
          ]),
        ]),
      );
    }
    root.append(configPanel());
  }
  function ruleProgress(rule) {
    if (!progress) return "\u2026";
    const c = progress.byRule.get(index.rules.indexOf(rule));
    return c ? progressText(c) : "";
  }
  function progressPanel() {
    if (!progress)
      return el("div", { class: "panel", id: "progress" }, [
        el("span", { class: "sub", text: "Counting decisions\u2026" }),
      ]);
    const [all, accepted, rejected] = progress.total;
    const card = (value, label, cls) =>
      el("div", { class: "card " + (cls || "") }, [
        el("div", { class: "num", text: num(value) }),
        el("div", { class: "lbl", text: label }),
      ]);
    return el("div", { class: "panel", id: "progress" }, [
      el("div", { class: "head-row" }, [
        el("h2", { text: "Review" }),
        el("span", { class: "sub", id: "progress-text", text: progressText(progress.total) }),
        el("span", { class: "spacer" }),
        el("a", {
          class: "btn",
          href: queueHash({ kind: "fix", state: "undecided" }),
          text: "Undecided fixes in the queue",
        }),
        el("button", { class: "btn", id: "next-undecided", text: "Next undecided (n)", on: { click: nextUndecided } }),
      ]),
      el("div", { class: "cards", id: "progress-cards" }, [
        card(accepted + rejected, "decided"),
        card(accepted, "accepted"),
        card(rejected, "rejected", rejected ? "warn" : ""),
        card(all - accepted - rejected, "undecided"),
      ]),
      bar(all ? (accepted + rejected) / all : 0),
    ]);
  }
  function ruleButtons(rule) {
    const i = lastRule.get(rule);
    const state = i === undefined ? null : decisions[i].decision;
    const row = payload.rules.find((r) => r[0] === rule);
    const count = row ? row[2] : 0;
    const what = "rule " + rule + " (the whole report)";
    return el("span", { class: "decide" }, [
      el("button", {
        class: "btn small accept" + (state === "accept" ? " on" : ""),
        text: "Accept all " + num(count),
        title: "Accept every fix of " + rule,
        on: { click: () => bulk("rule", { rule }, "accept", count, what) },
      }),
      el("button", {
        class: "btn small reject" + (state === "reject" ? " on" : ""),
        text: "Reject all " + num(count),
        title: "Reject every fix of " + rule,
        on: { click: () => bulk("rule", { rule }, "reject", count, what) },
      }),
      el("button", {
        class: "btn small clear",
        text: "Clear",
        title: "Every fix of " + rule + " back to undecided",
        on: { click: () => bulk("rule", { rule }, "clear", count, what) },
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
  // The config a run used: its file (or the built-in default) and what the command line changed.
  function configLayers(o) {
    const layers = [o.config || "built-in default"];
    for (const setting of o.settings || []) layers.push("--set " + setting);
    if ((o.only || []).length) layers.push("--only " + o.only.join(","));
    if ((o.disable || []).length) layers.push("--disable " + o.disable.join(","));
    return layers.join(", then ");
  }
  function configPanel() {
    const o = S.options || {};
    const run = [
      ["cleaner", S.cleaner_version],
      ["report id", REPORT.id || "\u2014"],
      ["inputs", (o.inputs || []).join(", ")],
      ["output", S.output ? S.output.path + " (" + S.output.format + ")" : o.output],
      ["config", configLayers(o)],
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
  // Search: ids, titles and edited text from the index at once; the documents' text once every
  // chunk has been read (in the background, a chunk at a time), after which the view asked again.
  const textHits = new Map(); // query → Set of documents whose text holds it
  let scanning = null;
  function searchDocs(query) {
    const q = query.trim().toLowerCase();
    if (!index.lower) index.lower = index.docs.map((row) => (row[1] + "\n" + row[6]).toLowerCase());
    const out = new Set();
    index.docs.forEach((row, j) => {
      if (index.lower[j].includes(q)) out.add(row[0]);
    });
    const hits = textHits.get(q);
    if (hits) for (const n of hits) out.add(n);
    else scanText(q);
    return out;
  }
  async function scanText(q) {
    if (scanning === q) return;
    scanning = q;
    document.body.dataset.search = "scanning";
    const hits = new Set();
    for (let c = 0; c < index.chunks.length; c++) {
      let docs;
      try {
        docs = await loadChunk(c);
      } catch (e) {
        toast(e.message, true);
        break;
      }
      if (scanning !== q) return;
      for (const d of docs.values()) if (d[2].toLowerCase().includes(q)) hits.add(d[0]);
    }
    textHits.set(q, hits);
    scanning = null;
    document.body.dataset.search = "done";
    if (!views.docs.hidden && filters.q.trim().toLowerCase() === q) showList();
    if (!views.queue.hidden && qf.q.trim().toLowerCase() === q) {
      queue = null;
      showQueue(location.hash.split("?")[1] || "");
    }
  }
  function computeList() {
    const rule = filters.rule ? index.rules.indexOf(filters.rule) : -1;
    const q = filters.q.trim().toLowerCase();
    const docs = q ? searchDocs(q) : null;
    const any = rule !== -1 || filters.stage || filters.kind;
    const out = [];
    if (filters.rule && rule === -1) return out;
    index.docs.forEach((row, i) => {
      const count = any ? rowCount(row, rule, filters.stage, filters.kind) : row[3] + row[4];
      if (!count) return;
      if (docs && !docs.has(row[0])) return;
      out.push([row, count]);
    });
    if (filters.sort === "edits") out.sort((a, b) => b[1] - a[1] || a[0][0] - b[0][0]);
    else if (filters.sort === "edits-asc") out.sort((a, b) => a[1] - b[1] || a[0][0] - b[0][0]);
    return out;
  }
  let listBuilt = false;
  // The filter row's boxes that the document list and the queue share: a search box and the
  // stage, rule and kind choices, with ids PREFIX-q, PREFIX-stage, PREFIX-rule and PREFIX-kind.
  function selectBox(id, label, options) {
    return el(
      "select",
      { id, "aria-label": label },
      [el("option", { value: "", text: label })].concat(
        options.map((o) => el("option", { value: o[0], text: o[1] })),
      ),
    );
  }
  function searchBox(prefix) {
    return el("input", {
      type: "search",
      id: prefix + "-q",
      placeholder: "Search ids, titles, text\u2026",
      "aria-label": "Search",
    });
  }
  function editFilters(prefix) {
    const stageNames = [...new Set(index.ruleStage)].sort();
    return [
      selectBox(prefix + "-stage", "All stages", stageNames.map((x) => [x, x])),
      selectBox(prefix + "-rule", "All rules", index.rules.map((r) => [r, r]).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
      selectBox(prefix + "-kind", "Fixes and flags", [
        ["fix", "Fixes only"],
        ["flag", "Flags only"],
      ]),
    ];
  }
  function buildListFrame() {
    const root = clear(views.docs);
    const search = searchBox("f");
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
        ...editFilters("f"),
        selectBox("f-sort", "Sort", [
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
            TOKEN ? el("th", { text: "review" }) : null,
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
            el("td", { class: "n sub", text: String(row[0]) }),
            appendText(el("td", { class: "docid" }), row[1]),
            el("td", { class: "n", text: num(count) }),
            el("td", { class: "n", text: num(row[3]) }),
            el("td", { class: "n", text: num(row[4]) }),
            el("td", {}, chips),
            TOKEN ? docStateCell(row) : null,
          ],
        ),
      );
    }
    if (!filtered.length)
      rows.append(el("tr", {}, [el("td", { colspan: "7", class: "empty", text: "No document matches." })]));
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

  // A document's review state: its fixes decided, rejected, undecided.
  function docStateCell(row) {
    const td = el("td", { class: "state" });
    if (!row[3]) return td.append(el("span", { class: "sub", text: "flags only" })), td;
    const c = progress && progress.byDoc.get(row[0]);
    if (!c) return td.append(el("span", { class: "sub", text: "\u2026" })), td;
    const decided = c[1] + c[2];
    const word = decided === 0 ? "undecided" : decided === c[0] ? "decided" : decided + " of " + c[0] + " decided";
    td.append(el("span", { class: "pill " + (decided === c[0] ? "done" : decided ? "part" : "none"), text: word }));
    if (c[2]) td.append(" ", el("span", { class: "pill reject", text: c[2] + " rejected" }));
    td.title = progressText(c);
    return td;
  }

  // ---- document view ---------------------------------------------------------------------------------
  async function showDocument(n, edit) {
    const root = views.doc;
    if (!index) {
      clear(root).append(el("div", { class: "panel empty", text: "Loading\u2026" }));
      await loadIndex();
    }
    const i = index.byN.get(n);
    if (i === undefined) {
      clear(root).append(el("div", { class: "panel empty", text: "No document #" + n + " with edits." }));
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
    const doc = docs.get(n);
    if (!doc) return;
    if (location.hash.split("?")[0] !== "#doc/" + n) return; // the reader moved on while the chunk loaded
    renderDocument(doc, edit !== null ? edit : current && current.doc[0] === n ? current.sel : 0);
    document.title = plain(row[1]) + " \u2014 cleaner report";
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
  function docCounts(doc, states) {
    // [fixes, accepted, rejected] of a document, from its group states
    const c = [0, 0, 0];
    for (const e of doc[4]) {
      if (e[4]) continue;
      const st = states.get(e[7]);
      c[0]++;
      if (st === "accept") c[1]++;
      else if (st === "reject") c[2]++;
    }
    return c;
  }
  function renderDocument(doc, sel) {
    const [n, id, text, meta, edits] = doc;
    const states = TOKEN ? groupStates(doc) : new Map();
    const root = clear(views.doc);
    const pos = filtered ? filtered.findIndex((x) => x[0][0] === n) : -1;
    const neighbour = (d) => (pos >= 0 && filtered[pos + d] ? filtered[pos + d][0][0] : null);
    const prevDoc = neighbour(-1),
      nextDoc = neighbour(1);
    const fixCount = edits.filter((e) => !e[4]).length;
    const docLine = lastDoc.get(n);
    const docState = docLine === undefined ? null : decisions[docLine].decision;
    const docBulk = (decision) => () =>
      bulk("doc", { doc: n, id }, decision, fixCount, "document #" + n + " (" + id + ")");
    const bar = el("div", { class: "doc-bar panel" }, [
      el("a", {
        class: "btn",
        href: back,
        text: back.startsWith("#queue") ? "\u2190 Queue" : "\u2190 Documents",
      }),
      appendText(el("span", { class: "docid", id: "doc-id" }), id),
      el("span", { class: "sub", id: "doc-n", text: "#" + n }),
      el("span", { class: "spacer" }),
      TOKEN && fixCount
        ? el("span", { class: "decide" }, [
            el("button", {
              class: "btn accept" + (docState === "accept" ? " on" : ""),
              id: "accept-doc",
              text: "Accept document (" + fixCount + ")",
              title: "Accept every fix of this document",
              on: { click: docBulk("accept") },
            }),
            el("button", {
              class: "btn reject" + (docState === "reject" ? " on" : ""),
              id: "reject-doc",
              text: "Reject document (" + fixCount + ")",
              title: "Reject every fix of this document",
              on: { click: docBulk("reject") },
            }),
            el("button", {
              class: "btn clear",
              id: "clear-doc",
              text: "Clear",
              title: "Every fix of this document back to undecided",
              on: { click: docBulk("clear") },
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

    const fixes = fixCount;
    const metaBits = [];
    for (const key of ["date", "title", "language"]) {
      if (meta && meta[key])
        metaBits.push(el("span", {}, [key + " ", appendText(el("b"), String(meta[key])), " \u00b7 "]));
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
            metaBits.concat([
              el("span", { text: num(fixes) + " fixes, " + num(edits.length - fixes) + " flags" }),
              TOKEN && fixes ? " \u00b7 " : null,
              TOKEN && fixes
                ? el("span", { class: "sub", id: "doc-progress", text: progressText(docCounts(doc, states)) })
                : null,
            ]),
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
            TOKEN ? " reject (and on to the next undecided), " : "",
            TOKEN ? el("kbd", { text: "n" }) : null,
            TOKEN ? " next undecided, " : "",
            TOKEN ? el("kbd", { text: "u" }) : null,
            TOKEN ? " undo" : "",
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
  // One side of a change with the characters it does not share with the other side marked
  // (surplus,â€� → surplus,” marks â€� and ”); a side of whitespace alone shown as symbols.
  function changed(parent, tag, text, other) {
    if (!text) return parent.append("\u2205"), parent;
    if (!other || !text.trim()) return appendVisible(parent, text);
    const [p, q] = commonEnds(text, other);
    return marked(parent, tag, text, p, q);
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
        changed(el("span", { class: "v b", id: "change-before" }), "del", before, e[2]),
        el("span", { class: "sub", text: e[4] ? "suggests" : "after" }),
        changed(el("span", { class: "v a", id: "change-after" }), "ins", e[2], before),
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
          ruleNames(e).map((r) => {
            const row = payload.rules.find((x) => x[0] === r);
            const count = row ? row[2] : 0;
            return el("button", {
              class: "btn small reject",
              text: "Reject all " + num(count) + " of " + r,
              title: "Reject every fix of " + r + " in the report",
              on: { click: () => bulk("rule", { rule: r }, "reject", count, "rule " + r + " (the whole report)") },
            });
          }),
        ),
      );
    } else if (TOKEN) {
      side.append(el("p", { class: "sub", text: "Flags only report; there is nothing to accept or reject." }));
    }
    if (TOKEN) {
      side.append(...teachPanel(n, id, sel, e));
    }
  }

  // ---- queue: every edit of a filter as hunks, keyboard first ---------------------------------------
  // The list is edits.js filtered and sorted (no text needed); a page loads the chunks of its
  // documents only, so the cost of a page does not grow with the report.
  const qf = { q: "", stage: "", rule: "", kind: "", min: "", max: "", state: "", sort: "order", page: 0 };
  const QKEYS = ["q", "stage", "rule", "kind", "min", "max", "state"];
  let queue = null; // { sig, list: Int32Array of edit numbers in edits.js }
  let qsel = 0; // position in queue.list of the selected hunk
  let qHunks = new Map(); // position → hunk element, on the page shown
  let queueTicket = 0;
  function queueHash(changes) {
    const f = Object.assign({}, changes && changes.keep ? qf : { sort: "order", page: 0 }, changes || {});
    const p = new URLSearchParams();
    for (const key of QKEYS) if (f[key]) p.set(key, f[key]);
    if (f.sort && f.sort !== "order") p.set("sort", f.sort);
    if (f.page) p.set("page", String(f.page));
    const s = p.toString();
    return "#queue" + (s ? "?" + s : "");
  }
  function computeQueue() {
    const { count, n, key, conf, combos } = edits;
    const rule = qf.rule ? index.rules.indexOf(qf.rule) : -1;
    const comboOk = combos.map(
      (c) => (!qf.rule || c.includes(rule)) && (!qf.stage || c.some((r) => index.ruleStage[r] === qf.stage)),
    );
    const per = (v, d) => (v === "" || Number.isNaN(parseFloat(v)) ? d : Math.round(parseFloat(v) * 1000));
    const lo = per(qf.min, -1),
      hi = per(qf.max, 1001);
    const docs = qf.q ? searchDocs(qf.q) : null;
    const want = { undecided: 0, accepted: 1, rejected: 2 }[qf.state];
    const out = [];
    for (let k = 0; k < count; k++) {
      const flag = key[k] & 1;
      if (!comboOk[key[k] >> 1]) continue;
      if (qf.kind && (qf.kind === "flag") !== (flag === 1)) continue;
      if (conf[k] < lo || conf[k] > hi) continue;
      if (docs && !docs.has(n[k])) continue;
      if (want !== undefined && (!states || states[k] !== want)) continue;
      out.push(k);
    }
    const list = Int32Array.from(out);
    if (qf.sort === "conf") list.sort((a, b) => conf[a] - conf[b] || a - b);
    else if (qf.sort === "conf-desc") list.sort((a, b) => conf[b] - conf[a] || a - b);
    return list;
  }
  let queueBuilt = false;
  function buildQueueFrame() {
    const root = clear(views.queue);
    const search = searchBox("q");
    const number = (id, label) =>
      el("input", {
        type: "number",
        id,
        min: "0",
        max: "1",
        step: "0.05",
        placeholder: label,
        "aria-label": label,
        class: "conf-in",
      });
    root.append(
      el("div", { class: "head-row" }, [
        el("h1", { text: "Queue" }),
        el("span", { class: "sub", id: "q-summary" }),
      ]),
      el("div", { class: "panel" }, [
        el("div", { class: "filters" }, [
          search,
          ...editFilters("q"),
          TOKEN
            ? selectBox("q-state", "Any state", [
                ["undecided", "Undecided"],
                ["accepted", "Accepted"],
                ["rejected", "Rejected"],
              ])
            : null,
          el("span", { class: "sub", text: "confidence" }),
          number("q-min", "from"),
          number("q-max", "to"),
          selectBox("q-sort", "Sort", [
            ["order", "Document order"],
            ["conf", "Least confident first"],
            ["conf-desc", "Most confident first"],
          ]),
        ]),
        el("div", { id: "q-bulk" }),
        el("div", { class: "keys" }, [
          "Keys: ",
          el("kbd", { text: "j" }),
          " / ",
          el("kbd", { text: "k" }),
          " next / previous, ",
          TOKEN ? el("kbd", { text: "a" }) : null,
          TOKEN ? " accept, " : "",
          TOKEN ? el("kbd", { text: "r" }) : null,
          TOKEN ? " reject (each moves to the next undecided), " : "",
          TOKEN ? el("kbd", { text: "c" }) : null,
          TOKEN ? " clear, " : "",
          TOKEN ? el("kbd", { text: "u" }) : null,
          TOKEN ? " undo, " : "",
          TOKEN ? el("kbd", { text: "n" }) : null,
          TOKEN ? " next undecided, " : "",
          el("kbd", { text: "space" }),
          " open the document, ",
          el("kbd", { text: "[" }),
          " ",
          el("kbd", { text: "]" }),
          " pages",
        ]),
      ]),
      el("div", { id: "hunks" }),
      el("div", { class: "pager" }, [
        el("button", { class: "btn", id: "q-prev", text: "\u2039 Previous" }),
        el("span", { class: "sub", id: "q-page" }),
        el("button", { class: "btn", id: "q-next", text: "Next \u203a" }),
      ]),
    );
    document.getElementById("q-sort").firstChild.remove();
    const go = (changes) => {
      location.hash = queueHash(Object.assign({ keep: true, page: 0 }, changes));
    };
    let typing = null;
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => go({ q: search.value }), 200);
    });
    for (const key of ["stage", "rule", "kind", "state", "sort", "min", "max"]) {
      const input = document.getElementById("q-" + key);
      if (input) input.addEventListener("change", (ev) => go({ [key]: ev.target.value }));
    }
    document.getElementById("q-prev").addEventListener("click", () => gotoQueuePos((qf.page - 1) * QPAGE));
    document.getElementById("q-next").addEventListener("click", () => gotoQueuePos((qf.page + 1) * QPAGE));
    queueBuilt = true;
  }
  async function showQueue(query) {
    const asked = new URLSearchParams(query);
    const bySort = (asked.get("sort") || "order") !== "order";
    const headsLoaded = bySort
      ? loadIndex().then(() => loadHeads(headRules(asked.get("rule") || "", asked.get("stage") || "")))
      : null;
    if (!index || !edits) {
      clear(views.queue).append(el("div", { class: "panel empty", text: "Loading the edits\u2026" }));
      try {
        await loadEdits();
      } catch (e) {
        clear(views.queue).append(el("div", { class: "panel empty", text: e.message }));
        return;
      }
      queueBuilt = false;
      if (views.queue.hidden) return;
      query = (location.hash.split("?")[1] || "");
    }
    document.title = "Queue \u2014 cleaner report";
    document.body.dataset.queue = "loading";
    const p = new URLSearchParams(query);
    for (const key of QKEYS) qf[key] = p.get(key) || "";
    qf.sort = p.get("sort") || "order";
    qf.page = Math.max(0, parseInt(p.get("page") || "0", 10) || 0);
    const sig = QKEYS.map((k) => qf[k]).join("\u0000") + "\u0000" + qf.sort;
    if (!queue || queue.sig !== sig) {
      queue = { sig, list: computeQueue() };
      qsel = -1;
    }
    if (!queueBuilt) buildQueueFrame();
    const q = document.getElementById("q-q");
    if (document.activeElement !== q) q.value = qf.q;
    for (const key of ["stage", "rule", "kind", "state", "sort", "min", "max"]) {
      const input = document.getElementById("q-" + key);
      if (input && document.activeElement !== input) input.value = qf[key];
    }
    const pages = Math.max(1, Math.ceil(queue.list.length / QPAGE));
    qf.page = Math.min(qf.page, pages - 1);
    const first = qf.page * QPAGE;
    const ks = Array.from(queue.list.subarray(first, first + QPAGE));
    document.getElementById("q-page").textContent = "page " + (qf.page + 1) + " of " + num(pages);
    document.getElementById("q-prev").disabled = qf.page === 0;
    document.getElementById("q-next").disabled = qf.page >= pages - 1;
    renderQueueBulk();
    const box = clear(document.getElementById("hunks"));
    qHunks = new Map();
    if (!ks.length) {
      box.append(el("div", { class: "panel empty", text: "No edit matches." }));
      renderQueueSummary();
      document.body.dataset.queue = "shown";
      document.body.dataset.queueHash = location.hash;
      return;
    }
    const ticket = ++queueTicket;
    // A place for each hunk at once (keys work on it already); each hunk is drawn as soon as its
    // document's chunk is in, so a page spread over many chunks shows its first hunks early.
    ks.forEach((k, j) => {
      const wait = el("div", { class: "hunk panel loading", data: { k, pos: first + j } }, [
        el("span", { class: "sub", text: "Loading\u2026" }),
      ]);
      qHunks.set(first + j, wait);
      box.append(wait);
    });
    if (qsel < first || qsel >= first + ks.length) {
      qsel = first;
      const undecided = TOKEN && states ? ks.findIndex((k) => states[k] === 0) : -1;
      if (undecided >= 0) qsel = first + undecided; // a page opens at its first undecided fix
    }
    selectHunk(qsel);
    const chunkOf = (k) => index.docs[index.byN.get(edits.n[k])][2];
    let drawn = 0;
    const done = new Set();
    const draw = (c) => {
      if (ticket !== queueTicket) return; // another page or filter was asked for meanwhile
      ks.forEach((k, j) => {
        const pos = first + j;
        if (done.has(pos) || (c !== undefined && chunkOf(k) !== c)) return;
        const hunk = renderHunk(k, pos);
        if (!hunk) return; // neither its chunk nor a hunk of a queue file is in yet
        done.add(pos);
        qHunks.get(pos).replaceWith(hunk);
        qHunks.set(pos, hunk);
        if (pos === qsel) hunk.classList.add("sel");
        if (++drawn === 1 && window.performance && performance.mark) performance.mark("cleaner-queue-first");
      });
      renderQueueStates();
    };
    try {
      if (headsLoaded) await headsLoaded;
      if (ticket !== queueTicket) return;
      draw(undefined); // what the queue files and the chunks in memory already hold
      const rest = ks.filter((k, j) => !done.has(first + j));
      await Promise.all([...new Set(rest.map(chunkOf))].map((c) => loadChunk(c).then(() => draw(c))));
    } catch (e) {
      box.append(el("div", { class: "panel empty", text: e.message }));
      return;
    }
    if (ticket !== queueTicket) return;
    selectHunk(qsel);
    document.body.dataset.queue = "shown";
    document.body.dataset.queueHash = location.hash; // which page is shown, for tests and benchmarks
    if (window.performance && performance.mark) performance.mark("cleaner-queue");
  }
  function renderQueueSummary() {
    const list = queue.list;
    let fixes = 0;
    const c = [0, 0, 0];
    for (let j = 0; j < list.length; j++) {
      if (edits.key[list[j]] & 1) continue;
      fixes++;
      if (states) {
        c[0]++;
        if (states[list[j]] > 0) c[states[list[j]]]++;
      }
    }
    document.getElementById("q-summary").textContent =
      num(list.length) + (list.length === 1 ? " edit" : " edits") + " (" + num(fixes) + " fixes, " +
      num(list.length - fixes) + " flags)" + (TOKEN && states && fixes ? " \u00b7 " + progressText(c) : "");
  }
  function renderQueueBulk() {
    const box = clear(document.getElementById("q-bulk"));
    if (TOKEN && qf.rule && qf.kind !== "flag" && index.rules.includes(qf.rule)) {
      box.append(
        el("div", { class: "note" }, [
          "Every fix of ",
          el("code", { text: qf.rule }),
          " in this report: ",
          ruleButtons(qf.rule),
        ]),
      );
    }
  }
  // The nearest line with words before the line starting at ls, and after the line ending at le
  // (blank lines between paragraphs are skipped): [start, end), empty when there is none.
  function lineBefore(text, ls) {
    let end = ls - 1;
    while (end > 0) {
      const start = text.lastIndexOf("\n", end - 1) + 1;
      if (text.slice(start, end).trim()) return [start, end];
      end = start - 1;
    }
    return [0, 0];
  }
  function lineAfter(text, le) {
    let start = le + 1;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      if (text.slice(start, end).trim()) return [start, end];
      start = end + 1;
    }
    return [0, 0];
  }
  function commonEnds(a, b) {
    let p = 0;
    const m = Math.min(a.length, b.length);
    while (p < m && a[p] === b[p]) p++;
    let q = 0;
    while (q < m - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
    return [p, q];
  }
  // The changed characters of an edit, marked: `before` and `after` share their ends.
  function marked(parent, tag, text, p, q) {
    const mid = text.slice(p, text.length - q);
    appendText(parent, text.slice(0, p));
    if (mid) parent.append(appendVisible(el(tag, { class: /^\s+$/.test(mid) ? "space" : null }), mid));
    else {
      const title = tag === "del" ? "inserted here" : "deleted here";
      parent.append(el("span", { class: "caret", title, text: "\u2038" }));
    }
    appendText(parent, text.slice(text.length - q));
    return parent;
  }
  // What a hunk shows of `text` around text[s:t], as hunks.py `pieces` computes it for the queue
  // files: [line before, cut on its left, head, cut head, tail, cut tail, line after, cut on its right].
  function hunkPieces(text, s, t) {
    const ls = s > 0 ? text.lastIndexOf("\n", s - 1) + 1 : 0;
    let le = text.indexOf("\n", t);
    if (le < 0) le = text.length;
    const a = Math.max(ls, s - 160),
      b = Math.min(le, t + 160); // a long line (a paragraph) is cut around the edit
    const [pls, ple] = lineBefore(text, ls);
    const [nls, nle] = lineAfter(text, le);
    const p0 = Math.max(pls, ple - 120),
      n1 = Math.min(nle, nls + 120);
    return [text.slice(p0, ple), +(p0 > pls), text.slice(a, s), +(a > ls), text.slice(t, b), +(b < le),
      text.slice(nls, n1), +(n1 < nle)];
  }
  // A hunk's data: from its document's chunk when that is in memory, else from a queue file.
  function hunkSource(k) {
    const n = edits.n[k],
      i = edits.i[k];
    const doc = docOf(n);
    if (doc) {
      const e = doc[4][i];
      return { n, i, id: doc[1], e, before: doc[2].slice(e[0], e[1]), p: hunkPieces(doc[2], e[0], e[1]) };
    }
    const h = heads.get(n + ":" + i);
    return h ? { n, i, id: h[2], e: h[4], before: h[3], p: h[5] } : null;
  }
  function renderHunk(k, pos) {
    const src = hunkSource(k);
    if (!src) return null;
    const { n, i, id, e, before, p } = src;
    const flag = e[4] === 1;
    const after = e[2];
    const line = (cls, sign, content) =>
      el("div", { class: "hl " + cls }, [el("span", { class: "sign", text: sign }), content]);
    const cut = (x) => x.append(el("span", { class: "sub", text: "\u2026" }));
    const body = el("div", { class: "hunk-body" });
    if (p[0]) {
      const ctx = el("span");
      if (p[1]) cut(ctx);
      appendText(ctx, p[0]);
      body.append(line("ctx", " ", ctx));
    }
    const lead = () => {
      const x = el("span");
      if (p[3]) cut(x);
      appendText(x, p[2]);
      return x;
    };
    const trail = (x) => {
      appendText(x, p[4]);
      if (p[5]) cut(x);
      return x;
    };
    if (flag) {
      const x = lead();
      x.append(appendVisible(el("mark", { class: "flagged" }), before || "\u2038"));
      body.append(line("flagline", "!", trail(x)));
      if (after) body.append(line("suggest", "?", appendVisible(el("span", { class: "sub" }), "suggests " + after)));
    } else {
      const [p, q] = commonEnds(before, after);
      body.append(line("old", "\u2212", trail(marked(lead(), "del", before, p, q))));
      body.append(line("new", "+", trail(marked(lead(), "ins", after, p, q))));
    }
    if (p[6]) {
      const ctx = el("span");
      appendText(ctx, p[6]);
      if (p[7]) cut(ctx);
      body.append(line("ctx", " ", ctx));
    }
    const rules = e[3].map((r) => el("span", { class: "chip" + (flag ? " flag" : ""), text: index.rules[r] }));
    const hunk = el(
      "div",
      { class: "hunk panel " + (flag ? "is-flag" : "is-fix"), data: { k, pos }, on: { click: () => selectHunk(pos) } },
      [
        el("div", { class: "hunk-head" }, [
          el("span", { class: "sub", text: pos + 1 + "." }),
          appendText(el("span", { class: "docid" }), id),
          el("a", { class: "sub", href: "#doc/" + n + "?edit=" + i, text: "#" + n + " \u00b7 edit " + (i + 1) }),
          ...rules,
          el("span", { class: "pill " + (flag ? "flag" : "fix"), text: flag ? "flag" : "fix" }),
          el("span", { class: "mono sub", text: "confidence " + e[5].toFixed(2) }),
          el("span", { class: "spacer" }),
          TOKEN && !flag ? el("span", { class: "pill none state", text: "undecided" }) : null,
        ]),
        body,
        el("div", { class: "sub reason", text: e[6] }),
      ],
    );
    return hunk;
  }
  function renderQueueStates() {
    if (views.queue.hidden || !queue) return;
    for (const [pos, hunk] of qHunks) {
      const st = states ? states[queue.list[pos]] : 0;
      hunk.classList.toggle("rejected", st === 2);
      hunk.classList.toggle("accepted", st === 1);
      const pill = hunk.querySelector(".state");
      if (pill) {
        pill.className = "pill state " + (st === 2 ? "reject" : st === 1 ? "accept" : "none");
        pill.textContent = st === 2 ? "rejected: the original stays" : st === 1 ? "accepted" : "undecided";
      }
    }
    renderQueueSummary();
    renderQueueBulk();
  }
  function selectHunk(pos) {
    for (const old of views.queue.querySelectorAll(".hunk.sel")) old.classList.remove("sel");
    qsel = pos;
    const hunk = qHunks.get(pos);
    if (hunk) {
      hunk.classList.add("sel");
      hunk.scrollIntoView({ block: "nearest", behavior: "instant" });
    }
  }
  // Select queue position `pos`, changing page when it is on another one.
  function gotoQueuePos(pos) {
    if (!queue || pos < 0 || pos >= queue.list.length) return false;
    const page = Math.floor(pos / QPAGE);
    qsel = pos;
    if (page !== qf.page) {
      location.hash = queueHash({ keep: true, page });
    } else selectHunk(pos);
    return true;
  }
  function nextUndecidedPos(from) {
    const list = queue.list;
    for (let j = 1; j <= list.length; j++) {
      const pos = (from + j) % list.length;
      if (states && states[list[pos]] === 0) return pos;
    }
    return -1;
  }
  async function queueDecide(decision) {
    if (!queue || !queue.list.length) return;
    const k = queue.list[qsel];
    if (edits.key[k] & 1) {
      toast("A flag only reports: nothing to decide");
      gotoQueuePos(qsel + 1);
      return;
    }
    const n = edits.n[k];
    const ok = await decide("edit", { doc: n, id: index.docs[index.byN.get(n)][1], edit: edits.i[k] }, decision);
    if (ok && decision !== "clear") {
      const next = nextUndecidedPos(qsel);
      if (next < 0) toast("Every fix of this queue is decided");
      else gotoQueuePos(next);
    }
  }
  // Actions from the keyboard run one after the other, each on the state the last one left.
  let keyChain = Promise.resolve();
  function inOrder(action) {
    keyChain = keyChain.then(action, action);
  }

  // ---- next undecided ------------------------------------------------------------------------------------
  function firstUndecided(n) {
    // the index of the first undecided fix of document n, or -1
    const start = edits.docStart.get(n);
    if (start === undefined) return -1;
    for (let k = start; k < edits.count && edits.n[k] === n; k++) if (states[k] === 0) return edits.i[k];
    return -1;
  }
  async function nextUndecided() {
    if (!TOKEN) return;
    if (!views.queue.hidden && queue) {
      const pos = nextUndecidedPos(qsel);
      if (pos < 0) toast("Every fix of this queue is decided");
      else gotoQueuePos(pos);
      return;
    }
    if (!views.doc.hidden && current) {
      const [, , , , docEdits] = current.doc;
      for (let j = current.sel + 1; j < docEdits.length; j++) {
        if (!docEdits[j][4] && !current.states.has(docEdits[j][7])) return select(j);
      }
    }
    await loadEdits();
    if (!states) computeStates();
    const order = filtered ? filtered.map((x) => x[0][0]) : index.docs.map((row) => row[0]);
    const here = current && !views.doc.hidden ? order.indexOf(current.doc[0]) : -1;
    for (let j = 1; j <= order.length; j++) {
      const n = order[(here + j + order.length) % order.length];
      const c = progress.byDoc.get(n);
      if (c && c[1] + c[2] < c[0]) {
        location.hash = "#doc/" + n + "?edit=" + firstUndecided(n);
        return;
      }
    }
    toast("Every fix is decided");
  }

  // ---- keyboard ----------------------------------------------------------------------------------------
  function help() {
    const box = document.getElementById("help");
    const rows = TOKEN
      ? [
          ["j  k", "next / previous edit (in the queue: hunk)"],
          ["a  r", "accept / reject the edit, then on to the next undecided"],
          ["c", "clear the edit's decision"],
          ["u", "undo the last decision (a bulk one too)"],
          ["n", "next undecided fix"],
          ["space", "queue: open the hunk's document"],
          ["]  [", "next / previous document (in the queue: page)"],
          ["Esc", "back to the list or the queue"],
          ["/", "search"],
          ["?", "this help"],
        ]
      : [
          ["j  n", "next edit (in the queue: hunk)"],
          ["k  p", "previous edit"],
          ["space", "queue: open the hunk's document"],
          ["]  [", "next / previous document (in the queue: page)"],
          ["Esc  u", "back to the list or the queue"],
          ["/", "search"],
          ["?", "this help"],
        ];
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
    const confirmBox = document.getElementById("confirm");
    if (!confirmBox.hidden) {
      if (ev.key === "Enter") document.getElementById("confirm-yes").click();
      else if (ev.key === "Escape") confirmBox.hidden = true;
      else if (ev.key === "Tab") return;
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
    if (TOKEN && k === "u") {
      inOrder(undoLast);
      ev.preventDefault();
      return;
    }
    if (!views.queue.hidden && queue) {
      if (k === "j" || (!TOKEN && k === "n")) inOrder(() => gotoQueuePos(Math.min(qsel + 1, queue.list.length - 1)));
      else if (k === "k" || k === "p") inOrder(() => gotoQueuePos(Math.max(qsel - 1, 0)));
      else if (TOKEN && (k === "a" || k === "r" || k === "c"))
        inOrder(() => queueDecide({ a: "accept", r: "reject", c: "clear" }[k]));
      else if (TOKEN && k === "n") inOrder(nextUndecided);
      else if (k === " " || k === "Enter") {
        const kk = queue.list[qsel];
        if (kk !== undefined) location.hash = "#doc/" + edits.n[kk] + "?edit=" + edits.i[kk];
      } else if (k === "]") inOrder(() => gotoQueuePos((qf.page + 1) * QPAGE));
      else if (k === "[") inOrder(() => gotoQueuePos(Math.max(0, (qf.page - 1) * QPAGE)));
      else if (k === "/") document.getElementById("q-q").focus();
      else return;
      ev.preventDefault();
    } else if (!views.doc.hidden && current) {
      const [n, id] = current.doc;
      if (k === "j" || (!TOKEN && k === "n")) select(Math.min(current.sel + 1, current.spans.length - 1));
      else if (k === "k" || k === "p") select(Math.max(current.sel - 1, 0));
      else if (k === "]" && current.nextDoc !== null) location.hash = "#doc/" + current.nextDoc;
      else if (k === "[" && current.prevDoc !== null) location.hash = "#doc/" + current.prevDoc;
      else if (k === "Escape" || k === "u") location.hash = back;
      else if (TOKEN && k === "n") inOrder(nextUndecided);
      else if (TOKEN && (k === "a" || k === "r" || k === "c") && !current.doc[4][current.sel][4]) {
        const sel = current.sel;
        inOrder(async () => {
          const ok = await decide("edit", { doc: n, id, edit: sel }, { a: "accept", r: "reject", c: "clear" }[k]);
          if (ok && k !== "c" && current && current.doc[0] === n) {
            const docEdits = current.doc[4];
            for (let j = 1; j < docEdits.length; j++) {
              const x = (sel + j) % docEdits.length;
              if (!docEdits[x][4] && !current.states.has(docEdits[x][7])) return select(x);
            }
          }
        });
      } else return;
      ev.preventDefault();
    } else if (k === "/" && !views.docs.hidden) {
      const q = document.getElementById("f-q");
      if (q) {
        q.focus();
        ev.preventDefault();
      }
    } else if (TOKEN && k === "n") {
      inOrder(nextUndecided);
      ev.preventDefault();
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
          if (!TOKEN) return;
          return loadEdits().then(() => {
            computeStates();
            document.body.dataset.progress = "counted";
            refresh();
          });
        },
      )
      .catch((e) => toast(e.message, true));
  };
  if (window.requestIdleCallback) requestIdleCallback(start, { timeout: 200 });
  else setTimeout(start, 0);
})();
