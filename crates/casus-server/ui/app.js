// casus page: the event form, the map and the memo, over the JSON API only (/v1).
// The state of the page lives in the URL's query string, so a view can be shared:
//   ?aggressor=RUS&victim=EST&date=2026-01-01&target=territory
//    [&region=US-HI | &at=21.31,-157.86][&fact=provoked:false]...[&assume=ID[:VARIANT]]...
//   ?treaty=north-atlantic-treaty&date=1955-05-06       (a treaty's page)

import { decode, draw } from "./map.js";
import { createNext } from "./next.js";

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- the state and the URL

const today = new Date().toISOString().slice(0, 10);

const state = {
  treaty: null,
  aggressor: "RUS",
  victim: "EST",
  date: today,
  target: "territory",
  place: "home",
  region: "",
  at: null, // [lat, lon]
  facts: {}, // name -> true | false
  assume: [], // "id" | "id:variant"
  click: "victim",
};

function readUrl() {
  const q = new URLSearchParams(location.search);
  state.treaty = q.get("treaty");
  for (const k of ["aggressor", "victim", "target", "region", "click"]) {
    if (q.get(k)) state[k] = q.get(k);
  }
  if (q.get("date")) state.date = q.get("date");
  state.at = null;
  const at = q.get("at");
  if (at && at.includes(",")) {
    const [lat, lon] = at.split(",").map(Number);
    if (Number.isFinite(lat) && Number.isFinite(lon)) state.at = [lat, lon];
  }
  state.place = state.at ? "point" : q.get("region") ? "region" : "home";
  state.facts = {};
  for (const f of q.getAll("fact")) {
    const [name, value] = f.split(":");
    if (value === "true" || value === "false") state.facts[name] = value === "true";
  }
  state.assume = q.getAll("assume");
  if (nextView) nextView.readUrl(q);
}

function urlOf(s) {
  const q = new URLSearchParams();
  if (s.treaty) {
    q.set("treaty", s.treaty);
    q.set("date", s.date);
    return "?" + q.toString();
  }
  q.set("aggressor", s.aggressor);
  q.set("victim", s.victim);
  q.set("date", s.date);
  if (s.target !== "territory") q.set("target", s.target);
  if (s.place === "region" && s.region) q.set("region", s.region);
  if (s.place === "point" && s.at) q.set("at", s.at.map((v) => v.toFixed(2)).join(","));
  for (const [k, v] of Object.entries(s.facts)) q.append("fact", `${k}:${v}`);
  for (const a of s.assume) q.append("assume", a);
  if (s.click !== "victim") q.set("click", s.click);
  if (nextView && s === state) nextView.writeUrl(q);
  return "?" + q.toString();
}

function writeUrl(push) {
  const url = urlOf(state);
  if (url === location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, errors) {
    super(errors.map((e) => e.message).join("; "));
    this.status = status;
    this.errors = errors;
  }
}

async function api(path, body, signal) {
  const init = body
    ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal }
    : { signal };
  const r = await fetch(path, init);
  const json = await r.json().catch(() => ({ errors: [{ code: "internal", message: `HTTP ${r.status}` }] }));
  if (!r.ok) throw new ApiError(r.status, json.errors || []);
  return json;
}

const cache = { states: new Map() };

async function statesOn(date) {
  if (!cache.states.has(date)) {
    const p = api(`/v1/states?date=${encodeURIComponent(date)}`).catch((e) => {
      cache.states.delete(date);
      throw e;
    });
    cache.states.set(date, p);
  }
  return cache.states.get(date);
}

// ---------------------------------------------------------------- text helpers

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const words = (s) => String(s).replace(/[_-]/g, " ");

function treatyLink(id, label) {
  return h("a", {
    href: urlOf({ ...state, treaty: id }),
    onclick: (ev) => {
      if (ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      ev.preventDefault();
      openTreaty(id);
    },
  }, label || id);
}

// ---------------------------------------------------------------- the map

let vocab = null; // /v1/vocabulary
let proposals = []; // treaties of kind proposal
let features = null; // decoded map features
let map = null; // the drawn check map
let stateOfKey = new Map(); // map feature -> state code, on the current date
let keysOfState = new Map(); // state code -> [feature]
let statesNow = []; // /v1/states rows on the current date

function strengthClass(strength) {
  const i = vocab.strengths.indexOf(strength);
  return i >= 0 && i <= 6 ? `s${i}` : "duty";
}

function applyStates(rows) {
  statesNow = rows;
  stateOfKey = new Map();
  keysOfState = new Map();
  for (const s of rows) {
    keysOfState.set(s.code, s.map_ids);
    for (const k of s.map_ids) stateOfKey.set(k, s.code);
  }
}

/** Colours the check map from a decision (or none, on error). Returns the legend entries. */
function colour(decision) {
  const cls = new Map(); // code -> class
  const rank = (c) => (c.startsWith("s") ? Number(c.slice(1)) : c === "undecided" ? 7 : 8);
  const put = (code, c) => {
    const old = cls.get(code);
    if (!old || rank(c) < rank(old)) cls.set(code, c);
  };
  if (decision) {
    for (const f of decision.triggered) for (const o of f.obligations) for (const s of o.obligated) put(s.code, strengthClass(o.strength));
    for (const f of decision.indeterminate) for (const o of f.obligations) for (const s of o.obligated) put(s.code, "undecided");
    for (const d of decision.other_duties) for (const s of d.finding.obligated) put(s.code, "duty");
  }
  const victim = decision ? decision.event.victim.code : state.victim;
  const aggressor = decision ? decision.event.aggressor.code : state.aggressor;
  const counts = new Map();
  for (const [key, path] of map.paths) {
    const code = stateOfKey.get(key);
    let c = code ? cls.get(code) || "state" : "none";
    if (code && code === victim) c = "victim";
    if (code && code === aggressor) c = "aggressor";
    path.setAttribute("class", `country ${c}`);
    path.setAttribute("data-state", code || "");
    if (!counts.has(c)) counts.set(c, new Set());
    if (code) counts.get(c).add(code);
  }
  for (const [code, c] of cls) {
    if (!counts.has(c)) counts.set(c, new Set());
    counts.get(c).add(code);
  }
  const name = (code, ref) => (ref ? ref.name : (statesNow.find((s) => s.code === code) || { name: code }).name);
  map.pin([
    { keys: keysOfState.get(aggressor), text: name(aggressor, decision && decision.event.aggressor), cls: "aggressor" },
    { keys: keysOfState.get(victim), text: name(victim, decision && decision.event.victim), cls: "victim" },
  ]);
  return counts;
}

function legend(counts) {
  const items = [];
  const item = (c, label, n) => items.push(h("li", {}, h("span", { class: `swatch ${c}`, "aria-hidden": "true" }), n === undefined ? label : `${label} (${n})`));
  if (counts.has("victim")) item("victim", "victim");
  if (counts.has("aggressor")) item("aggressor", "aggressor");
  vocab.strengths.forEach((s, i) => {
    if (i <= 6 && counts.has(`s${i}`)) item(`s${i}`, `bound: ${words(s)}`, counts.get(`s${i}`).size);
  });
  if (counts.has("undecided")) item("undecided", "bound if a missing fact is met", counts.get("undecided").size);
  if (counts.has("duty")) item("duty", "consultation or assurance only", counts.get("duty").size);
  item("state", "not bound");
  item("no-state", "no state in the registry on this date");
  $("legend").replaceChildren(h("ul", { class: "legend" }, items));
}

// ---------------------------------------------------------------- the form

function stateOptions(select, chosen, withNsa) {
  const rows = [...statesNow].sort((a, b) => a.name.localeCompare(b.name));
  const opts = rows.map((s) => h("option", { value: s.code }, `${s.name} (${s.code})`));
  if (withNsa) opts.unshift(h("option", { value: "NSA:non-state actor" }, "a non-state actor"));
  if (!rows.some((s) => s.code === chosen) && !(withNsa && chosen.startsWith("NSA:"))) {
    opts.unshift(h("option", { value: chosen }, `${chosen} (no such state on this date)`));
  }
  select.replaceChildren(...opts);
  select.value = chosen;
}

function buildForm() {
  $("target").replaceChildren(...vocab.targets.map((t) => h("option", { value: t }, t)));
  const facts = $("facts");
  for (const f of vocab.facts) {
    const id = `fact-${f}`;
    facts.append(h("div", { class: "fact-row" },
      h("label", { for: id }, words(f)),
      h("select", { id, "data-fact": f },
        h("option", { value: "" }, "unknown"),
        h("option", { value: "true" }, "true"),
        h("option", { value: "false" }, "false"))));
  }
  const box = $("proposals");
  if (!proposals.length) box.append(h("p", { class: "hint" }, "No proposal in the data."));
  for (const p of proposals) {
    const id = `assume-${p.id}`;
    const variants = h("select", { id: `${id}-variant`, "data-proposal": p.id, "aria-label": `Variant of ${p.short_title || p.title}` },
      h("option", { value: "" }, "every variant"),
      p.variants.map((v) => h("option", { value: v }, words(v))));
    box.append(h("div", { class: "proposal" },
      h("div", { class: "switch" },
        h("input", { type: "checkbox", id, "data-proposal": p.id, role: "switch" }),
        h("label", { for: id }, `Assume in force: ${p.short_title || p.title}`)),
      h("label", { for: `${id}-variant`, class: "hint" }, "variant"),
      variants));
  }
  const form = $("event");
  form.addEventListener("change", onFormChange);
  form.addEventListener("input", (ev) => {
    if (ev.target.id === "year") onYear();
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  $("swap").addEventListener("click", () => {
    [state.aggressor, state.victim] = [state.victim, state.aggressor];
    syncForm();
    update();
  });
  $("play").addEventListener("click", togglePlay);
}

/** Puts the state into the form. */
function syncForm() {
  stateOptions($("aggressor"), state.aggressor, true);
  stateOptions($("victim"), state.victim, false);
  $("date").value = state.date;
  $("year").value = state.date.slice(0, 4);
  $("year-out").textContent = state.date.slice(0, 4);
  $("target").value = state.target;
  for (const r of document.querySelectorAll("input[name=place]")) r.checked = r.value === state.place;
  for (const r of document.querySelectorAll("input[name=click]")) r.checked = r.value === state.click;
  $("region-row").hidden = state.place !== "region";
  $("point-row").hidden = state.place !== "point";
  $("region").value = state.region;
  $("lat").value = state.at ? state.at[0] : "";
  $("lon").value = state.at ? state.at[1] : "";
  for (const f of vocab.facts) {
    const v = state.facts[f];
    $(`fact-${f}`).value = v === undefined ? "" : String(v);
  }
  for (const p of proposals) {
    const a = state.assume.find((x) => x === p.id || x.startsWith(p.id + ":"));
    $(`assume-${p.id}`).checked = !!a;
    const sel = $(`assume-${p.id}-variant`);
    sel.value = a && a.includes(":") ? a.split(":")[1] : "";
    sel.disabled = !a;
  }
  if (map) map.mark(state.place === "point" ? state.at : null);
}

/** Reads the form into the state. */
function onFormChange(ev) {
  const t = ev.target;
  if (t.id === "aggressor") state.aggressor = t.value;
  else if (t.id === "victim") state.victim = t.value;
  else if (t.id === "date") { if (t.value) state.date = t.value; }
  else if (t.id === "year") onYear();
  else if (t.id === "target") state.target = t.value;
  else if (t.name === "place") state.place = t.value;
  else if (t.name === "click") state.click = t.value;
  else if (t.id === "region") state.region = t.value.trim().toUpperCase();
  else if (t.id === "lat" || t.id === "lon") {
    const lat = parseFloat($("lat").value), lon = parseFloat($("lon").value);
    state.at = Number.isFinite(lat) && Number.isFinite(lon) ? [lat, lon] : null;
  } else if (t.dataset.fact) {
    if (t.value === "") delete state.facts[t.dataset.fact];
    else state.facts[t.dataset.fact] = t.value === "true";
  } else if (t.dataset.proposal) {
    const id = t.dataset.proposal;
    state.assume = state.assume.filter((x) => x !== id && !x.startsWith(id + ":"));
    if ($(`assume-${id}`).checked) {
      const v = $(`assume-${id}-variant`).value;
      state.assume.push(v ? `${id}:${v}` : id);
    }
  }
  syncForm();
  update();
}

function onYear() {
  const y = $("year").value.padStart(4, "0");
  let md = state.date.slice(4);
  if (md === "-02-29") md = "-02-28";
  state.date = y + md;
  $("date").value = state.date;
  $("year-out").textContent = y;
  update();
}

let playing = null;
function togglePlay() {
  const b = $("play");
  if (playing) {
    clearInterval(playing);
    playing = null;
    b.setAttribute("aria-pressed", "false");
    b.textContent = "▶ Watch NATO grow from 1949";
    return;
  }
  b.setAttribute("aria-pressed", "true");
  b.textContent = "■ Stop";
  let year = 1949;
  const last = Number(today.slice(0, 4));
  state.date = "1949-08-24";
  const step = () => {
    state.date = `${year}${state.date.slice(4)}`;
    syncForm();
    update();
    year += 1;
    if (year > last) togglePlay();
  };
  step();
  playing = setInterval(step, 450);
}

// ---------------------------------------------------------------- the check

function request() {
  const body = {
    aggressor: state.aggressor,
    victim: state.victim,
    date: state.date,
    target: state.target,
    facts: state.facts,
    assume_in_force: state.assume,
  };
  if (state.place === "region" && state.region) body.region = state.region;
  if (state.place === "point" && state.at) body.at = { lat: state.at[0], lon: state.at[1] };
  return body;
}

let seq = 0;
let inflight = null;
let timer = null;

/** Schedules a refresh: the URL now, the requests once the input settles. */
function update() {
  writeUrl(false);
  clearTimeout(timer);
  timer = setTimeout(refresh, 40);
}

/** The check as { d: decision } or { e: ApiError }. */
function check(signal) {
  return api("/v1/check", request(), signal).then((d) => ({ d }), (e) => {
    if (e instanceof ApiError) return { e };
    throw e;
  });
}

/** Fetches and renders the decision for the current state; `early` is a check already sent
 *  (the first view sends it before the map is drawn). */
async function refresh(early) {
  const mine = ++seq;
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const date = state.date;
  try {
    const [states, decision] = await Promise.all([
      statesOn(date).catch((e) => {
        if (e instanceof ApiError) return null; // an impossible date: the check says why
        throw e;
      }),
      early || check(inflight.signal),
    ]);
    if (mine !== seq) return;
    if (states) applyStates(states.states);
    stateOptions($("aggressor"), state.aggressor, true);
    stateOptions($("victim"), state.victim, false);
    if (decision.e) {
      legend(colour(null));
      renderErrors(decision.e);
    } else {
      legend(colour(decision.d));
      renderMemo(decision.d);
    }
    if (state.place === "point" && state.at) describePoint();
    // A cascade or simulation in view follows the attack on the form: run it again.
    if (nextView.next.view && mine === seq) await nextView.show();
    document.body.dataset.ready = "true";
    if (!window.casusFirstView) window.casusFirstView = performance.now();
  } catch (e) {
    if (e.name === "AbortError" || mine !== seq) return;
    $("status").textContent = "The server could not be reached.";
    $("memo-body").replaceChildren(h("p", { class: "errors" }, String(e.message || e)));
  }
}

async function describePoint() {
  const [lat, lon] = state.at;
  try {
    const w = await api(`/v1/where?lat=${lat}&lon=${lon}&date=${state.date}`);
    const f = w.facts;
    const name = f ? f.name || (f.at_sea ? "at sea" : "unnamed") : "not classified";
    const who = w.sovereign ? `, ${w.sovereign.name} (${w.sovereign.code})` : "";
    const sea = f && f.sea && f.sea.length ? `; ${f.sea.map(words).join(", ")}` : "";
    $("point-where").textContent = `${name}${who}${sea}`;
  } catch (e) {
    $("point-where").textContent = e.message;
  }
}

function onMapClick({ key, latlon }) {
  if (state.click === "point") {
    if (!latlon) return;
    state.place = "point";
    state.at = [Math.round(latlon[0] * 100) / 100, Math.round(latlon[1] * 100) / 100];
  } else {
    const code = key && stateOfKey.get(key);
    if (!code) return;
    state[state.click] = code;
  }
  syncForm();
  update();
}

// ---------------------------------------------------------------- the memo

function renderErrors(err) {
  $("status").textContent = `The request was refused (${err.status}).`;
  $("memo-body").replaceChildren(h("div", { class: "errors", role: "alert" },
    h("ul", {}, err.errors.map((e) => h("li", {},
      h("code", {}, e.code), " ", e.field ? `${e.field}: ` : "", e.message,
      e.help ? h("div", { class: "hint" }, "help: ", e.help) : null)))));
  map.title.textContent = "World map: no decision";
}

function heading(f) {
  return h("h3", {},
    treatyLink(f.treaty, f.title),
    f.variant ? [", variant ", h("code", {}, f.variant.id), `: ${f.variant.form}`] : null,
    f.hypothetical ? [" ", h("span", { class: "tag hyp" }, "hypothetical")] : null);
}

function obligation(o, quote) {
  const states = o.obligated.map((s) => s.code).join(", ") || "–";
  return h("div", { class: "obligation" },
    h("div", { class: "head" }, `${o.article_title} (${o.kind}, ${words(o.strength)})`),
    h("div", { class: "states" }, states),
    quote && o.operative_text ? h("blockquote", {}, `“${o.operative_text}” `, h("span", { class: "quality" }, `[${o.text_quality}]`)) : null,
    h("ul", {},
      o.reasons.map((r) => h("li", { "data-code": r.code }, r.text)),
      (o.missing || []).map((m) => h("li", { class: "missing" }, `would be decided by: ${m}`)),
      (o.caveats || []).map((c) => h("li", { class: "caveat" }, c))));
}

function contested(f) {
  return (f.contested || []).map((r) => h("p", { class: "caveat" },
    `Contested: ${r.covered ? "covered" : "not covered"} on one reading: ${r.text} [${r.source}]`));
}

function place(e) {
  if (e.place_label) return e.place_label;
  if (e.place.kind === "region") return e.place.code;
  if (e.place.kind === "point") return `${e.place.lat}, ${e.place.lon}` + (e.place_facts.name ? ` (${e.place_facts.name})` : "");
  return "the victim's metropolitan territory (assumed)";
}

/** The memo, in the CLI's order: triggered, undecided, other duties, breaches, not
 *  triggered, not concerned. */
function renderMemo(d) {
  const e = d.event;
  const bound = new Set();
  for (const f of d.triggered) for (const o of f.obligations) for (const s of o.obligated) bound.add(s.code);
  const summary = `${d.triggered.length} treat${d.triggered.length === 1 ? "y" : "ies"} triggered; ${bound.size} state${bound.size === 1 ? "" : "s"} bound to assist` +
    (d.indeterminate.length ? `; ${d.indeterminate.length} undecided` : "") + (d.hypothetical ? " (hypothetical)" : "");
  $("status").textContent = summary;
  map.title.textContent = `World map: ${summary}. Victim ${e.victim.name}, aggressor ${e.aggressor.name}.`;
  const out = [];
  out.push(h("p", { class: "event" },
    `Armed attack by ${e.aggressor.name} (${e.aggressor.code}) on ${e.victim.name} (${e.victim.code}), ${e.target}, on ${e.date}, at ${place(e)}.`));
  if (d.hypothetical) out.push(h("p", { class: "banner" }, `HYPOTHETICAL: assumes in force ${e.assume_in_force.join(", ")}`));
  for (const n of d.notes) out.push(h("p", { class: "hint" }, n));

  out.push(h("h2", {}, `Triggered (${d.triggered.length})`));
  if (!d.triggered.length) out.push(h("p", { class: "hint" }, "No treaty obliges any state to assist."));
  for (const f of d.triggered) {
    out.push(heading(f), h("ul", {}, f.reasons.map((r) => h("li", {}, r.text))), contested(f), f.obligations.map((o) => obligation(o, true)));
  }
  if (d.indeterminate.length) {
    out.push(h("h2", {}, `Undecided for lack of facts (${d.indeterminate.length})`));
    for (const f of d.indeterminate) out.push(heading(f), f.obligations.map((o) => obligation(o, true)));
  }
  if (d.other_duties.length) {
    out.push(h("h2", {}, `Other duties (${d.other_duties.length})`));
    for (const duty of d.other_duties) {
      out.push(h("h3", {}, treatyLink(duty.treaty), duty.variant ? `, variant ${duty.variant}` : "",
        duty.hypothetical ? [" ", h("span", { class: "tag hyp" }, "hypothetical")] : null));
      out.push(obligation(duty.finding, false));
    }
  }
  if (d.breaches.length) {
    out.push(h("h2", {}, `Undertakings broken by the aggressor (${d.breaches.length})`));
    out.push(h("ul", {}, d.breaches.map((b) => h("li", {}, treatyLink(b.treaty), ` ${b.finding.article_title}: `, b.finding.reasons.map((r) => r.text).join("; ")))));
  }
  out.push(h("h2", {}, `Not triggered (${d.not_triggered.length})`));
  // The engine says which reasons are why something does not bind (`fails`).
  const decisive = (r) => r.fails;
  out.push(h("ul", {}, d.not_triggered.map((f) => {
    const why = f.reasons.filter((r) => r.code !== "in-force" && r.code !== "assumed-in-force").map((r) => r.text);
    for (const o of f.obligations) for (const r of o.reasons) if (decisive(r)) why.push(`${o.article_title}: ${r.text}`);
    return h("li", {}, treatyLink(f.treaty, f.title), f.variant ? ` (variant ${f.variant.id})` : "", f.hypothetical ? " [hypothetical]" : "", ": ", why.join("; "), contested(f));
  })));
  if (d.unconcerned.length) {
    out.push(h("details", {},
      h("summary", {}, `Not concerned (${d.unconcerned.length}): the victim is neither party nor beneficiary`),
      h("p", {}, d.unconcerned.flatMap((id, i) => [i ? ", " : "", treatyLink(id)]))));
  }
  $("memo-body").replaceChildren(...out.flat());
}

// ---------------------------------------------------------------- a treaty's page

async function openTreaty(id) {
  state.treaty = id;
  writeUrl(true);
  await showView();
}

function membershipChart(t) {
  const SVGNS = "http://www.w3.org/2000/svg";
  const s = (name, attrs, text) => {
    const e = document.createElementNS(SVGNS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const year = (d) => { const [y, m, dd] = d.split("-").map(Number); return y + (m - 1) / 12 + (dd - 1) / 365; };
  const end = Math.max(year(today), ...t.memberships.map((m) => (m.left ? year(m.left) : 0)));
  const start = Math.min(...t.memberships.map((m) => year(m.joined)), ...t.status.map((x) => year(x.date)));
  const rows = [...t.memberships].sort((a, b) => a.joined.localeCompare(b.joined) || a.code.localeCompare(b.code));
  const W = 600, L = 40, R = 10, rowH = 11, top = 14;
  const H = top + rows.length * rowH + 6;
  const x = (y) => L + ((y - start) / Math.max(end - start, 1)) * (W - L - R);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Membership of ${t.title} over time, ${rows.length} memberships from ${Math.floor(start)}` });
  const span = end - start;
  const stepY = span > 150 ? 25 : span > 60 ? 10 : span > 20 ? 5 : 1;
  for (let y = Math.ceil(start / stepY) * stepY; y <= end; y += stepY) {
    svg.append(s("line", { x1: x(y), x2: x(y), y1: top - 4, y2: H, class: "axis" }));
    svg.append(s("text", { x: x(y), y: 9, "text-anchor": "middle" }, String(y)));
  }
  rows.forEach((m, i) => {
    const yy = top + i * rowH;
    svg.append(s("text", { x: L - 4, y: yy + 8, "text-anchor": "end" }, m.code));
    m.holders.forEach((hd, j) => {
      const x1 = x(year(hd.from)), x2 = x(hd.until ? year(hd.until) : end);
      const r = s("rect", { x: x1, y: yy + 1, width: Math.max(x2 - x1, 1), height: rowH - 3, class: `bar${j % 2 ? " alt" : ""}${m.uncertain ? " uncertain" : ""}` });
      r.append(s("title", {}, `${hd.state.name} (${hd.state.code}) ${hd.from} – ${hd.until || "today"}${m.role ? `, ${m.role}` : ""}${m.uncertain ? `; uncertain: ${m.uncertain}` : ""}`));
      svg.append(r);
    });
  });
  const cx = x(year(state.date));
  svg.append(s("line", { x1: cx, x2: cx, y1: top - 4, y2: H, class: "cursor" }));
  return svg;
}

let treatyMap = null;

async function renderTreaty() {
  const view = $("treaty-view");
  let t;
  try {
    const [tt, states] = await Promise.all([
      api(`/v1/treaties/${encodeURIComponent(state.treaty)}?date=${state.date}`),
      statesOn(state.date),
    ]);
    t = tt;
    applyStates(states.states);
  } catch (e) {
    const errors = e instanceof ApiError ? e.errors : [{ code: "network", message: String(e.message || e) }];
    view.replaceChildren(h("p", {}, h("a", { href: urlOf({ ...state, treaty: null }), onclick: back }, "← back to the map")),
      h("div", { class: "errors", role: "alert" }, h("ul", {}, errors.map((x) => h("li", {}, h("code", {}, x.code), " ", x.message, x.help ? ` (help: ${x.help})` : "")))));
    return;
  }
  document.title = `${t.short_title || t.title}: casus`;
  const status = t.status.filter((s) => s.date <= state.date).pop();
  const mapBox = h("div", { class: "map", id: "treaty-map" });
  const dateInput = h("input", { type: "date", id: "treaty-date", value: state.date });
  dateInput.addEventListener("change", () => {
    if (!dateInput.value) return;
    state.date = dateInput.value;
    writeUrl(false);
    renderTreaty();
  });
  view.replaceChildren(
    h("p", {}, h("a", { href: urlOf({ ...state, treaty: null }), onclick: back }, "← back to the map")),
    h("h2", {}, t.title),
    h("p", { class: "meta" }, `${t.kind}`, t.atopid ? ` · ATOP ${t.atopid}` : "", ` · id ${t.id}`,
      ` · on ${state.date}: ${t.in_force ? "in force" : status ? status.status : "not yet concluded"}`),
    t.summary ? h("p", {}, t.summary) : null,
    h("div", { class: "cols" },
      h("section", {},
        h("label", { for: "treaty-date" }, "Date"), dateInput,
        h("h3", {}, `Parties on ${state.date} (${t.parties_on_date.length})`),
        mapBox,
        h("p", { class: "hint" }, t.parties_on_date.map((p) => `${p.name} (${p.code})`).join(", ") || "none"),
        h("h3", {}, "Membership over time"),
        h("div", { class: "timeline" }, membershipChart(t)),
        h("h3", {}, "Status"),
        h("ul", {}, t.status.map((s) => h("li", {}, `${s.date}: ${s.status}`, s.note ? ` (${s.note})` : "", s.uncertain ? h("span", { class: "caveat" }, ` uncertain: ${s.uncertain}`) : ""))),
        t.variants.length ? [h("h3", {}, "Variants"), h("ul", {}, t.variants.map((v) => h("li", {}, h("code", {}, v.id), `: ${v.form}`)))] : null),
      h("section", {},
        h("h3", {}, `Articles (${t.articles.length})`),
        t.articles.map((a) => h("article", {},
          h("h4", {}, a.title, " ", h("span", { class: "tag" }, a.quality)),
          h("p", {}, a.text),
          a.operative !== a.text ? h("p", { class: "operative" }, "Operative: “", a.operative, "”") : null)),
        h("h3", {}, `Where an attack must happen (${t.scopes.length} ${t.scopes.length === 1 ? "scope" : "scopes"})`),
        t.scopes.length ? null : h("p", { class: "hint" }, "No geographic limit: an attack anywhere on a protected state counts."),
        t.scopes.map((sc) => h("div", { class: `scope${sc.in_effect ? "" : " past"}` },
          h("h4", {}, sc.article ? `Article ${sc.article}` : sc.id, sc.in_effect ? "" : " (not in effect on this date)"),
          h("ul", {}, sc.clauses.map((c) => h("li", {}, c.label || "clause",
            c.areas.length ? h("span", { class: "hint" }, ` · area: ${c.areas.join(", ")}`) : null,
            c.parallels.length ? h("span", { class: "hint" }, ` · ${c.parallels.map((p) => `${p.north ? "north" : "south"} of ${p.lat}°`).join(", ")}`) : null))),
          sc.reading ? h("p", { class: "reading" }, "How casus reads it: ", sc.reading) : null)),
        t.areas.map((a) => h("div", { class: "area-text", id: `area-${a.id}` },
          h("h4", {}, a.name, " ", h("span", { class: "tag" }, a.quality), " ", h("span", { class: "tag" }, `${a.edges} edges`)),
          a.text ? h("blockquote", {}, a.text) : null,
          a.note ? h("p", { class: "hint" }, a.note) : null,
          a.source ? h("p", { class: "hint" }, a.source) : null)),
        h("h3", {}, `Obligations (${t.obligations.length})`),
        h("ul", {}, t.obligations.map((o) => h("li", {}, `${o.id} (article ${o.article}): ${o.kind}, ${words(o.strength)}`))),
        h("h3", {}, `Statements (${t.statements.length})`),
        t.statements.map((s) => h("div", { class: "statement" },
          h("div", { class: "who" }, `${s.date} · ${s.speaker}`, s.role ? `, ${s.role}` : "", s.state ? ` (${s.state})` : "", ` · ${s.stance}`),
          h("blockquote", {}, `“${s.text}” `, h("span", { class: "quality" }, `[${s.quality}]`)),
          s.about ? h("div", { class: "hint" }, `about: ${s.about}`) : null,
          s.uncertain ? h("div", { class: "caveat" }, `uncertain: ${s.uncertain}`) : null,
          h("div", { class: "hint" }, s.sources.map((src) => src.citation).join("; ")))),
        h("h3", {}, `Sources (${t.sources.length})`),
        h("ol", { class: "sources" }, t.sources.map((s) => h("li", {}, `[${s.id}] ${s.citation} `, s.url ? h("a", { href: s.url, rel: "noreferrer noopener", target: "_blank" }, s.url) : ""))))));
  treatyMap = draw(mapBox, features, () => {});
  const parties = new Set(t.parties_on_date.map((p) => p.code));
  for (const [key, path] of treatyMap.paths) {
    const code = stateOfKey.get(key);
    path.setAttribute("class", `country ${code ? (parties.has(code) ? "party" : "state") : "none"}`);
  }
  const parallels = [];
  for (const sc of t.scopes.filter((x) => x.in_effect)) {
    for (const c of sc.clauses) for (const p of c.parallels) {
      if (!parallels.some((q) => q.lat === p.lat)) parallels.push({ lat: p.lat, label: `${p.lat}°: ${c.label || sc.id}` });
    }
  }
  treatyMap.overlay(t.areas, parallels);
  treatyMap.title.textContent = `Parties of ${t.title} on ${state.date}: ${t.parties_on_date.length}` +
    (t.areas.length ? `; treaty areas: ${t.areas.map((a) => a.name).join(", ")}` : "");
  document.body.dataset.ready = "true";
}

function back(ev) {
  ev.preventDefault();
  state.treaty = null;
  writeUrl(true);
  showView();
}

async function showView(early) {
  const treaty = !!state.treaty;
  $("check-view").hidden = treaty;
  $("treaty-view").hidden = !treaty;
  document.body.dataset.ready = "false";
  if (treaty) {
    await renderTreaty();
    $("treaty-view").focus();
  } else {
    document.title = "casus: who is bound to defend whom";
    syncForm();
    await refresh(early);
  }
}

// ---------------------------------------------------------------- what happens next

const nextView = createNext({
  $, h, api, state, treatyLink, writeUrl,
  map: () => map,
  stateOf: (key) => stateOfKey.get(key),
  // Back to the decision: repaint the map and the memo from it.
  onClose: () => refresh(),
});

// ---------------------------------------------------------------- start

async function start() {
  readUrl();
  // The first check goes out with the page's other requests, not after them.
  const early = state.treaty ? null : check();
  const [v, treaties, topo, , scenarios] = await Promise.all([
    api("/v1/vocabulary"),
    api(`/v1/treaties?date=${today}`),
    fetch("/assets/countries-110m.json").then((r) => r.json()),
    statesOn(state.date).catch(() => null),
    api("/v1/scenarios").catch(() => []),
  ]);
  vocab = v;
  proposals = treaties.treaties.filter((t) => t.kind === "proposal");
  features = decode(topo, "countries");
  map = draw($("map"), features, onMapClick);
  buildForm();
  nextView.build(scenarios);
  window.addEventListener("popstate", () => { readUrl(); showView(); });
  await showView(early);
}

start().catch((e) => {
  $("status").textContent = `The page could not start: ${e.message || e}`;
});
