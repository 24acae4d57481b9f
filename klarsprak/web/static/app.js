/* klarsprak serve: the page's script. Plain JavaScript, no build step, no outside requests.
 *
 * The text lives in a <textarea> (exactly what the writer typed; the browser gives line feeds).
 * Marks are drawn in a mirrored layer behind it. The API counts lines and columns in Unicode code
 * points; JavaScript strings are UTF-16, so every range is converted before it touches the text.
 * A check answer is shown only if it belongs to the newest request (sequence number), so a slow
 * answer for an older text can never paint marks on a newer one.
 */
"use strict";

const TEXTS = {
  nb: {
    skip: "Hopp til teksten", title: "Sjekk innlegget",
    intro: "Skriv eller lim inn utkastet. klarsprak markerer det du bør se på, forklarer hvorfor og retter det som er trygt å rette.",
    uiLang: "Språk på siden", kanal: "Kanal", noKanal: "Ikke valgt", nettside: "Nettside", type: "Type",
    innlegg: "Innlegg", svar: "Svar fra brukerstøtte", malform: "Målform", auto: "Finn selv",
    editorLabel: "Utkastet ditt",
    editorHelp: "Funn blir markert i teksten mens du skriver. Listen over funn står etter teksten.",
    fixAll: "Rett alt som er trygt", copy: "Kopier teksten", panel: "Om teksten", malformVerdict: "Målform",
    evidence: "Avgjort av", words: "Ord", sentences: "Setninger", chars: "Tegn", findings: "Funn",
    allRules: "Alle regler",
    privacy: "Teksten blir på denne maskinen: siden sender den bare til klarsprak-serveren du startet.",
    groups: { "klarsprak": "Klart språk", "helsenorge": "Stil og tone", "malform": "Målform",
              "uu": "Universell utforming", "other": "Andre regler" },
    severity: { error: "Feil", warning: "Advarsel", info: "Info", hint: "Tips" },
    counts: { error: ["feil", "feil"], warning: ["advarsel", "advarsler"], info: ["info", "info"], hint: ["tips", "tips"] },
    malformNames: { nb: "bokmål", nn: "nynorsk", mixed: "blanding av bokmål og nynorsk", unknown: "ukjent", da: "dansk" },
    weak: "svakt", line: "linje", empty: "Skriv eller lim inn en tekst for å sjekke den.",
    checking: "Sjekker …", none: "Ingen funn.", found: (n, parts) => `${n} funn: ${parts}.`,
    noFindings: "Ingen funn. Teksten følger reglene klarsprak kjenner.",
    message: "Melding", explanation: "Forklaring", source: "Kilde", suggestions: "Forslag",
    replace: (s) => `Bytt til «${s}»`, choose: (s) => `Vurder «${s}»`,
    confirm: (s) => `Passer «${s}» i sammenhengen? Sjekk før du bytter.`, confirmYes: (s) => `Ja, bytt til «${s}»`,
    cancel: "Avbryt", advice: "Råd", show: "Vis i teksten", readMore: "Les mer om regelen (åpnes i ny fane)",
    loading: "Henter forklaringen …", fixed: (a, b) => `Byttet «${a}» med «${b}».`,
    fixedAll: (n) => (n === 1 ? "Rettet 1 funn." : `Rettet ${n} funn.`), nothingSafe: "Ingen trygge rettinger å gjøre.",
    outdated: "Teksten er endret siden sjekken. Vent på den nye sjekken og prøv igjen.",
    copied: "Teksten er kopiert.", copyFailed: "Kunne ikke kopiere. Merk teksten og kopier den selv.",
    failed: (m) => `Kunne ikke sjekke teksten: ${m}`, offline: "fikk ikke kontakt med klarsprak-serveren",
    of: (max, kanal) => `av ${max} på ${kanal}`, over: (n) => `${n} for mye`, noLimit: (kanal) => `${kanal} har ingen fast grense`,
    pickKanal: "velg kanal for å se grensen", none2: "ingen kjenneord",
  },
  nn: {
    skip: "Hopp til teksten", title: "Sjekk innlegget",
    intro: "Skriv eller lim inn utkastet. klarsprak markerer det du bør sjå på, forklarer kvifor og rettar det som er trygt å rette.",
    uiLang: "Språk på sida", kanal: "Kanal", noKanal: "Ikkje vald", nettside: "Nettside", type: "Type",
    innlegg: "Innlegg", svar: "Svar frå brukarstøtta", malform: "Målform", auto: "Finn sjølv",
    editorLabel: "Utkastet ditt",
    editorHelp: "Funn blir markerte i teksten medan du skriv. Lista over funn står etter teksten.",
    fixAll: "Rett alt som er trygt", copy: "Kopier teksten", panel: "Om teksten", malformVerdict: "Målform",
    evidence: "Avgjort av", words: "Ord", sentences: "Setningar", chars: "Teikn", findings: "Funn",
    allRules: "Alle reglar",
    privacy: "Teksten blir verande på denne maskina: sida sender han berre til klarsprak-tenaren du starta.",
    groups: { "klarsprak": "Klart språk", "helsenorge": "Stil og tone", "malform": "Målform",
              "uu": "Universell utforming", "other": "Andre reglar" },
    severity: { error: "Feil", warning: "Åtvaring", info: "Info", hint: "Tips" },
    counts: { error: ["feil", "feil"], warning: ["åtvaring", "åtvaringar"], info: ["info", "info"], hint: ["tips", "tips"] },
    malformNames: { nb: "bokmål", nn: "nynorsk", mixed: "blanding av bokmål og nynorsk", unknown: "ukjend", da: "dansk" },
    weak: "svakt", line: "line", empty: "Skriv eller lim inn ein tekst for å sjekke han.",
    checking: "Sjekkar …", none: "Ingen funn.", found: (n, parts) => `${n} funn: ${parts}.`,
    noFindings: "Ingen funn. Teksten følgjer reglane klarsprak kjenner.",
    message: "Melding", explanation: "Forklaring", source: "Kjelde", suggestions: "Forslag",
    replace: (s) => `Byt til «${s}»`, choose: (s) => `Vurder «${s}»`,
    confirm: (s) => `Passar «${s}» i samanhengen? Sjekk før du byter.`, confirmYes: (s) => `Ja, byt til «${s}»`,
    cancel: "Avbryt", advice: "Råd", show: "Vis i teksten", readMore: "Les meir om regelen (blir opna i ei ny fane)",
    loading: "Hentar forklaringa …", fixed: (a, b) => `Bytte «${a}» med «${b}».`,
    fixedAll: (n) => (n === 1 ? "Retta 1 funn." : `Retta ${n} funn.`), nothingSafe: "Ingen trygge rettingar å gjere.",
    outdated: "Teksten er endra sidan sjekken. Vent på den nye sjekken og prøv igjen.",
    copied: "Teksten er kopiert.", copyFailed: "Kunne ikkje kopiere. Merk teksten og kopier han sjølv.",
    failed: (m) => `Kunne ikkje sjekke teksten: ${m}`, offline: "fekk ikkje kontakt med klarsprak-tenaren",
    of: (max, kanal) => `av ${max} på ${kanal}`, over: (n) => `${n} for mykje`, noLimit: (kanal) => `${kanal} har inga fast grense`,
    pickKanal: "vel kanal for å sjå grensa", none2: "ingen kjenneord",
  },
};
const SEVERITY_ORDER = { error: 4, warning: 3, info: 2, hint: 1 };
const SEVERITY_ICON = { error: "✖", warning: "▲", info: "ℹ", hint: "✱" };
const GROUP_ORDER = ["klarsprak", "helsenorge", "malform", "uu", "other"];
const KANAL_NAMES = { facebook: "Facebook", instagram: "Instagram", x: "X", linkedin: "LinkedIn", nettside: "nettsida" };
const DEBOUNCE_MS = 250;

const state = {
  ui: "nb",
  settings: null,       // GET /api/oppsett
  seq: 0,               // the newest request; older answers are dropped
  timer: null,
  text: "",             // the editor's text the marks and findings refer to
  result: null,         // the last accepted API record
  findings: [],         // {key, d, start, end, matched} with UTF-16 ranges into state.text
  open: new Set(),      // keys of findings whose details are open
  rules: new Map(),     // rule id → details (GET /api/rules/{id})
};

const $ = (id) => document.getElementById(id);
const t = () => TEXTS[state.ui];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// -- code points ↔ UTF-16 ----------------------------------------------------------------------
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The UTF-16 index of a 1-based (line, column) counted in code points, as the JSON contract gives. */
function utf16Index(text, starts, line, column) {
  if (line - 1 >= starts.length) return text.length;
  let index = starts[line - 1];
  for (let c = 1; c < column && index < text.length; c++) {
    const code = text.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length
      && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
    index += pair ? 2 : 1;
  }
  return index;
}

function codePoints(text) { return Array.from(text).length; }

// -- checking ----------------------------------------------------------------------------------
function request() {
  const body = { text: $("editor").value, malform: $("malform").value, type: $("type").value };
  if ($("kanal").value) body.kanal = $("kanal").value;
  return body;
}

function schedule(delay = DEBOUNCE_MS) {
  state.seq += 1; // any answer still on its way is now stale
  clearTimeout(state.timer);
  state.timer = setTimeout(check, delay);
}

async function check() {
  const seq = state.seq;
  const body = request();
  if (body.text.trim() === "") {
    accept("", null);
    say(t().empty);
    return;
  }
  $("findings").setAttribute("aria-busy", "true");
  let answer;
  try {
    const response = await fetch("/api/check", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({ error: response.statusText }));
    answer = response.ok ? { data } : { error: data.error || String(response.status) };
  } catch (error) {
    answer = { error: t().offline };
  }
  if (seq !== state.seq || body.text !== $("editor").value) return; // a newer text is on its way
  $("findings").removeAttribute("aria-busy");
  if (answer.error) {
    say(t().failed(answer.error));
    return;
  }
  accept(body.text, answer.data);
  announce();
}

/** Take an API record for ``text``: findings with UTF-16 ranges, then draw everything. */
function accept(text, record) {
  state.text = text;
  state.result = record;
  const starts = lineStarts(text);
  const seen = new Map();
  state.findings = (record ? record.diagnostics : []).map((d) => {
    const start = utf16Index(text, starts, d.line, d.column);
    const end = Math.max(start, utf16Index(text, starts, d.end_line, d.end_column));
    const matched = text.slice(start, end);
    const base = `${d.rule}|${matched}`;
    const n = (seen.get(base) || 0) + 1;
    seen.set(base, n);
    return { key: `${base}|${n}`, d, start, end, matched };
  });
  for (const key of [...state.open]) if (!state.findings.some((f) => f.key === key)) state.open.delete(key);
  drawMarks();
  drawFindings();
  drawPanel();
}

/** Keep marks on the words they belong to while the writer types, until the next answer comes. */
function follow(oldText, newText) {
  let prefix = 0;
  const max = Math.min(oldText.length, newText.length);
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix
    && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  state.findings = state.findings.flatMap((f) => {
    if (f.end <= prefix && !(f.end === prefix && f.start === prefix)) return [f];
    if (f.start >= oldEnd) return [{ ...f, start: f.start + delta, end: f.end + delta }];
    return []; // the edit touched this finding: it waits for the next check
  });
  state.text = newText;
  drawMarks();
}

// -- marks in the text ---------------------------------------------------------------------------
function drawMarks() {
  const text = state.text;
  const layer = document.querySelector('[data-klarsprak="marks"]');
  const spans = state.findings.filter((f) => f.end > f.start);
  const cuts = new Set([0, text.length]);
  for (const f of spans) { cuts.add(f.start); cuts.add(f.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = spans.filter((f) => f.start <= from && f.end >= to)
      .sort((a, b) => (b.end - b.start) - (a.end - a.start)); // widest outside
    let node = document.createTextNode(piece);
    for (const f of covering.reverse()) {
      node = el("mark", { "class": `sev-${f.d.severity}`, "data-rule": f.d.rule, "data-severity": f.d.severity,
        "data-key": f.key }, node);
    }
    fragment.append(node);
  }
  fragment.append(document.createTextNode("\n")); // a last empty line must take up room as in the textarea
  layer.replaceChildren(fragment);
  syncScroll();
}

function syncScroll() {
  const layer = document.querySelector('[data-klarsprak="marks"]');
  layer.scrollTop = $("editor").scrollTop;
  layer.scrollLeft = $("editor").scrollLeft;
}

// -- the findings list -------------------------------------------------------------------------
function groupOf(d) { return GROUP_ORDER.includes(d.pack) ? d.pack : "other"; }

function explainMalform() {
  const chosen = $("malform").value;
  if (chosen === "nb" || chosen === "nn") return chosen;
  return state.result && state.result.malform === "nn" ? "nn" : "nb";
}

/** Where the keyboard is inside ``root``: the finding and the control, so a redraw can put it back. */
function focusIn(root) {
  const active = document.activeElement;
  if (!active || !root.contains(active) || active === root) return null;
  const item = active.closest("li[data-key]");
  return { key: item ? item.dataset.key : null, action: active.dataset.action || null, index: active.dataset.index || null };
}

/** After a redraw, focus the same control of the same finding again (or its toggle, if the control is gone). */
function refocus(root, where) {
  if (!where) return;
  const scope = where.key && !root.closest(`li[data-key="${CSS.escape(where.key)}"]`)
    ? root.querySelector(`li[data-key="${CSS.escape(where.key)}"]`) : root;
  if (!scope) return;
  let selector = where.action ? `[data-action="${where.action}"]` : ".finding-toggle";
  if (where.index !== null) selector += `[data-index="${where.index}"]`;
  const target = scope.querySelector(selector) || (where.key ? scope.querySelector(".finding-toggle") : null);
  if (target) target.focus();
}

function drawFindings() {
  const box = $("findings");
  const where = focusIn(box);
  box.replaceChildren();
  const findings = state.findings;
  $("findings-count").textContent = state.result ? `(${findings.length})` : "";
  if (!state.result) return;
  if (findings.length === 0) {
    box.append(el("p", { "class": "none", text: t().noFindings }));
    return;
  }
  for (const group of GROUP_ORDER) {
    const items = findings.filter((f) => groupOf(f.d) === group);
    if (items.length === 0) continue;
    const list = el("ul", { "class": "finding-list" });
    items.forEach((f) => list.append(findingItem(f)));
    box.append(el("section", { "class": "group", "data-group": group, "aria-label": t().groups[group] },
      el("h3", { text: `${t().groups[group]} (${items.length})` }), list));
  }
  refocus(box, where);
}

function findingItem(f) {
  const d = f.d;
  const id = `finding-${hash(f.key)}`;
  const isOpen = state.open.has(f.key);
  const toggle = el("button", {
    type: "button", "class": "finding-toggle", "aria-expanded": isOpen ? "true" : "false", "aria-controls": id,
    "data-action": "open",
  },
  el("span", { "class": "badge" }, el("span", { "class": "icon", "aria-hidden": "true", text: SEVERITY_ICON[d.severity] }),
    ` ${t().severity[d.severity]}`),
  el("span", { "class": "where", text: ` ${t().line} ${d.line}` }),
  f.matched && f.matched.length <= 60 ? el("span", { "class": "quote", text: ` «${f.matched}»` }) : null,
  el("span", { "class": "summary", text: ` ${d.message}` }));
  const details = el("div", { id, "class": "finding-details", hidden: !isOpen });
  if (isOpen) fillDetails(details, f);
  return el("li", { "class": `finding sev-${d.severity}`, "data-rule": d.rule, "data-severity": d.severity,
    "data-key": f.key }, toggle, details);
}

function hash(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

function fillDetails(box, f) {
  const d = f.d;
  const words = t();
  const parts = [el("p", { "class": "message", text: d.message })];
  const fixes = d.suggestions.filter((s) => s.fix !== false);
  const advice = d.suggestions.filter((s) => s.fix === false);
  if (fixes.length) {
    const row = el("div", { "class": "suggestions", role: "group", "aria-label": words.suggestions });
    fixes.forEach((s, i) => {
      if (s.safe) {
        row.append(el("button", { type: "button", "class": "fix", "data-action": "fix", "data-index": i, text: words.replace(s.text) }));
      } else {
        row.append(el("button", { type: "button", "class": "choose", "data-action": "choose", "data-index": i,
          "aria-expanded": "false", text: words.choose(s.text) }));
      }
    });
    parts.push(row);
    parts.push(el("div", { "class": "confirm", hidden: true }));
  }
  advice.forEach((s) => parts.push(el("p", { "class": "advice" }, el("strong", { text: `${words.advice}: ` }), s.text)));
  const malform = explainMalform();
  const rule = state.rules.get(d.rule);
  parts.push(el("h4", { text: words.explanation }));
  parts.push(el("p", { "class": "explanation", lang: malform, text: rule ? rule.explanation[malform] : words.loading }));
  if (rule) parts.push(el("p", { "class": "source" }, el("strong", { text: `${words.source}: ` }), rule.source));
  parts.push(el("p", { "class": "links" },
    el("button", { type: "button", "class": "link-like", "data-action": "show", text: words.show }), " ",
    el("a", { href: `/regler/${encodeURIComponent(d.rule)}?malform=${malform}`, target: "_blank", rel: "noopener", text: words.readMore })));
  const where = focusIn(box); // the explanation arrives later: keep the keyboard where it was
  box.replaceChildren(...parts);
  refocus(box, where);
  if (!rule) loadRule(d.rule).then(() => { if (!box.hidden) fillDetails(box, f); });
}

async function loadRule(id) {
  if (state.rules.has(id)) return state.rules.get(id);
  try {
    const response = await fetch(`/api/rules/${encodeURIComponent(id)}`);
    if (response.ok) state.rules.set(id, await response.json());
  } catch (error) { /* the details say «loading»; the rule page link still works */ }
  return state.rules.get(id);
}

function findingOf(node) {
  const item = node.closest("li[data-key]");
  return item ? state.findings.find((f) => f.key === item.dataset.key) : null;
}

function onFindingsClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const f = findingOf(button);
  const item = button.closest("li[data-key]");
  if (!f || !item) return;
  const action = button.dataset.action;
  if (action === "open") {
    const details = item.querySelector(".finding-details");
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    details.hidden = !open;
    if (open) { state.open.add(f.key); fillDetails(details, f); } else state.open.delete(f.key);
  } else if (action === "show") {
    const editor = $("editor");
    editor.focus({ preventScroll: true });
    editor.setSelectionRange(f.start, f.end);
    const mark = document.querySelector(`[data-klarsprak="marks"] mark[data-key="${CSS.escape(f.key)}"]`);
    (mark || editor).scrollIntoView({ block: "center" });
  } else if (action === "fix" || action === "confirm-fix") {
    const fixes = f.d.suggestions.filter((s) => s.fix !== false);
    applyOne(f, fixes[Number(button.dataset.index)].text);
  } else if (action === "choose") {
    const fixes = f.d.suggestions.filter((s) => s.fix !== false);
    const choice = fixes[Number(button.dataset.index)].text;
    const box = item.querySelector(".confirm");
    item.querySelectorAll('[data-action="choose"]').forEach((b) => b.setAttribute("aria-expanded", String(b === button)));
    box.replaceChildren(el("p", { text: t().confirm(choice) }),
      el("button", { type: "button", "class": "fix", "data-action": "confirm-fix", "data-index": button.dataset.index, text: t().confirmYes(choice) }),
      " ", el("button", { type: "button", "data-action": "cancel", text: t().cancel }));
    box.hidden = false;
    box.querySelector('[data-action="confirm-fix"]').focus();
  } else if (action === "cancel") {
    const box = item.querySelector(".confirm");
    box.hidden = true;
    const chooser = item.querySelector('[data-action="choose"][aria-expanded="true"]');
    item.querySelectorAll('[data-action="choose"]').forEach((b) => b.setAttribute("aria-expanded", "false"));
    if (chooser) chooser.focus();
  }
}

// -- fixes ---------------------------------------------------------------------------------------
function stillThere(f) { return $("editor").value.slice(f.start, f.end) === f.matched; }

function applyOne(f, replacement) {
  const editor = $("editor");
  if (!stillThere(f)) { say(t().outdated); return; }
  editor.setRangeText(replacement, f.start, f.end, "end");
  editor.focus();
  editor.setSelectionRange(f.start + replacement.length, f.start + replacement.length);
  state.open.delete(f.key);
  changed();
  say(t().fixed(f.matched, replacement));
}

/** Every safe fix, left to right without overlaps (as ``check --fix``), applied right to left. */
function fixAll() {
  const candidates = state.findings
    .map((f) => ({ f, s: f.d.suggestions.find((s) => s.safe && s.fix !== false) }))
    .filter((c) => c.s && stillThere(c.f))
    .sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end);
  const chosen = [];
  let lastEnd = -1;
  for (const c of candidates) {
    if (c.f.start < lastEnd) continue;
    chosen.push(c);
    lastEnd = c.f.end;
  }
  if (chosen.length === 0) { say(t().nothingSafe); return; }
  const editor = $("editor");
  for (const c of chosen.reverse()) editor.setRangeText(c.s.text, c.f.start, c.f.end, "preserve");
  changed();
  editor.focus();
  say(t().fixedAll(chosen.length));
}

function changed() {
  follow(state.text, $("editor").value);
  schedule();
}

// -- panel and status ---------------------------------------------------------------------------
function announce() {
  const words = t();
  if (!state.result) return;
  const counts = {};
  state.findings.forEach((f) => { counts[f.d.severity] = (counts[f.d.severity] || 0) + 1; });
  const parts = Object.keys(SEVERITY_ORDER).filter((s) => counts[s])
    .map((s) => `${counts[s]} ${words.counts[s][counts[s] === 1 ? 0 : 1]}`);
  say(state.findings.length ? words.found(state.findings.length, parts.join(", ")) : words.none);
}

function say(message) {
  const status = $("status");
  status.textContent = message;
}

function drawPanel() {
  const words = t();
  const r = state.result;
  $("stat-malform").textContent = r ? words.malformNames[r.malform] || r.malform : "–";
  const evidence = r ? r.malform_evidence.slice(0, 6).map((e) => `«${e.word}» (${words.malformNames[e.malform] || e.malform}${e.weak ? `, ${words.weak}` : ""})`) : [];
  $("stat-evidence").textContent = r ? (evidence.join(", ") || words.none2) : "–";
  $("stat-words").textContent = r ? String(r.stats.words) : "0";
  $("stat-sentences").textContent = r ? String(r.stats.sentences) : "0";
  $("stat-lix").textContent = r ? `${String(r.stats.lix).replace(".", ",")} (${lixBand(r.stats)})` : "–";
  drawCounter();
}

function lixBand(stats) {
  const bands = state.settings ? state.settings.lix_band : [];
  const column = state.ui === "nn" ? 2 : 1;
  const band = bands.find((b) => b[0] === null || stats.lix < b[0]);
  return band ? band[column] : stats.lix_band;
}

/** Characters as the kanal-lengde rule counts them: the body after front matter, trimmed;
 * on channels that count every web address as a fixed length (X: 23), each address as that. */
function channelLength(text, kanal) {
  let body = text;
  const front = /^\ufeff?---[ \t\r]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t\r]*(?:\n|$)/.exec(text);
  if (front) body = text.slice(front[0].length);
  body = body.replace(/<!--[\s\S]*?-->/g, (m) => " ".repeat(codePoints(m))).trim();
  const urlLength = state.settings && state.settings.lenke_lengde[kanal];
  if (!urlLength) return codePoints(body);
  const pattern = new RegExp(state.settings.lenke_monster, "giu");
  let count = 0;
  let position = 0;
  for (const match of body.matchAll(pattern)) {
    count += codePoints(body.slice(position, match.index)) + urlLength;
    position = match.index + match[0].length;
  }
  return count + codePoints(body.slice(position));
}

function drawCounter() {
  const words = t();
  const kanal = $("kanal").value;
  const text = $("editor").value;
  const counter = $("stat-chars");
  const count = channelLength(text, kanal);
  const limits = state.settings ? state.settings.kanal_grenser : {};
  counter.classList.remove("over");
  if (!kanal) {
    counter.textContent = `${count} (${words.pickKanal})`;
  } else if (!(kanal in limits)) {
    counter.textContent = `${count} (${words.noLimit(KANAL_NAMES[kanal])})`;
  } else {
    const max = limits[kanal];
    counter.textContent = `${count} ${words.of(max, KANAL_NAMES[kanal])}`;
    if (count > max) {
      counter.classList.add("over");
      counter.append(" ", el("strong", { text: `▲ ${words.over(count - max)}` }));
    }
  }
}

// -- UI language --------------------------------------------------------------------------------
function setUi(lang) {
  state.ui = lang === "nn" ? "nn" : "nb";
  document.documentElement.lang = state.ui;
  const words = t();
  document.querySelectorAll("[data-i18n]").forEach((node) => {
    const value = words[node.dataset.i18n];
    if (typeof value === "string") node.textContent = value;
  });
  document.querySelectorAll("[data-ui-lang]").forEach((b) => {
    b.setAttribute("aria-pressed", String(b.dataset.uiLang === state.ui));
    if (b.dataset.uiLang === state.ui) b.removeAttribute("lang"); else b.setAttribute("lang", b.dataset.uiLang);
  });
  $("rules-link").setAttribute("href", `/regler?malform=${state.ui}`);
  try { localStorage.setItem("klarsprak-ui", state.ui); } catch (error) { /* private mode */ }
  drawFindings();
  drawPanel();
  if (state.result) announce();
}

function initialUi() {
  try {
    const saved = localStorage.getItem("klarsprak-ui");
    if (saved === "nb" || saved === "nn") return saved;
  } catch (error) { /* private mode */ }
  const languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "nb"];
  return languages.some((l) => /^nn\b/i.test(l)) && !languages.slice(0, 1).some((l) => /^(nb|no)\b/i.test(l)) ? "nn" : "nb";
}

// -- copying ------------------------------------------------------------------------------------
async function copyText() {
  const text = $("editor").value;
  try {
    await navigator.clipboard.writeText(text);
    say(t().copied);
  } catch (error) {
    const editor = $("editor");
    editor.focus();
    editor.select();
    say(document.execCommand && document.execCommand("copy") ? t().copied : t().copyFailed);
  }
}

// -- start --------------------------------------------------------------------------------------
async function start() {
  const editor = $("editor");
  editor.addEventListener("input", changed);
  editor.addEventListener("scroll", syncScroll);
  ["kanal", "type", "malform"].forEach((id) => $(id).addEventListener("change", () => { drawCounter(); schedule(0); }));
  $("findings").addEventListener("click", onFindingsClick);
  $("fix-all").addEventListener("click", fixAll);
  $("copy").addEventListener("click", copyText);
  document.querySelectorAll("[data-ui-lang]").forEach((b) => b.addEventListener("click", () => setUi(b.dataset.uiLang)));
  new ResizeObserver(syncScroll).observe(editor);
  setUi(initialUi());
  try {
    const response = await fetch("/api/oppsett");
    if (response.ok) state.settings = await response.json();
  } catch (error) { /* the counter then counts plain characters */ }
  if (state.settings && state.settings.malform !== "auto") $("malform").value = state.settings.malform;
  document.body.dataset.ready = "true";
  drawPanel();
  if (editor.value) changed(); else say(t().empty);
}

document.addEventListener("DOMContentLoaded", start);
