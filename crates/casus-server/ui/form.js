// casus page: the event form. Builds its controls from the vocabulary and the proposals, puts
// `query` into them (sync) and reads them back on each change, takes a map click as a victim,
// an aggressor or a point, describes the point of attack, and plays the years from 1949.
// Owns `play`, the timer of "Watch NATO grow".

import { api } from "./api.js";
import { $, h, words } from "./dom.js";
import { today } from "./url.js";

/** `ctx`: { page, query, update() (the URL now, the check once the input settles) }. */
export function createForm({ page, query, update }) {
  const play = { timer: null }; // the interval of the play button, while it plays

  function stateOptions(select, chosen, withNsa) {
    const rows = [...page.statesNow].sort((a, b) => a.name.localeCompare(b.name));
    const opts = rows.map((s) => h("option", { value: s.code }, `${s.name} (${s.code})`));
    if (withNsa) opts.unshift(h("option", { value: "NSA:non-state actor" }, "a non-state actor"));
    if (!rows.some((s) => s.code === chosen) && !(withNsa && chosen.startsWith("NSA:"))) {
      opts.unshift(h("option", { value: chosen }, `${chosen} (no such state on this date)`));
    }
    select.replaceChildren(...opts);
    select.value = chosen;
  }

  /** The aggressor and victim lists, from the states on the current date. */
  function syncStates() {
    stateOptions($("aggressor"), query.aggressor, true);
    stateOptions($("victim"), query.victim, false);
  }

  function build() {
    $("target").replaceChildren(...page.vocab.targets.map((t) => h("option", { value: t }, t)));
    const facts = $("facts");
    for (const f of page.vocab.facts) {
      const id = `fact-${f}`;
      facts.append(h("div", { class: "fact-row" },
        h("label", { for: id }, words(f)),
        h("select", { id, "data-fact": f },
          h("option", { value: "" }, "unknown"),
          h("option", { value: "true" }, "true"),
          h("option", { value: "false" }, "false"))));
    }
    const box = $("proposals");
    if (!page.proposals.length) box.append(h("p", { class: "hint" }, "No proposal in the data."));
    for (const p of page.proposals) {
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
    form.addEventListener("change", onChange);
    form.addEventListener("input", (ev) => {
      if (ev.target.id === "year") onYear();
    });
    form.addEventListener("submit", (ev) => ev.preventDefault());
    $("swap").addEventListener("click", () => {
      [query.aggressor, query.victim] = [query.victim, query.aggressor];
      sync();
      update();
    });
    $("play").addEventListener("click", togglePlay);
  }

  /** Puts `query` into the form. */
  function sync() {
    syncStates();
    $("date").value = query.date;
    $("year").value = query.date.slice(0, 4);
    $("year-out").textContent = query.date.slice(0, 4);
    $("target").value = query.target;
    for (const r of document.querySelectorAll("input[name=place]")) r.checked = r.value === query.place;
    for (const r of document.querySelectorAll("input[name=click]")) r.checked = r.value === query.click;
    $("region-row").hidden = query.place !== "region";
    $("point-row").hidden = query.place !== "point";
    $("region").value = query.region;
    $("lat").value = query.at ? query.at[0] : "";
    $("lon").value = query.at ? query.at[1] : "";
    for (const f of page.vocab.facts) {
      const v = query.facts[f];
      $(`fact-${f}`).value = v === undefined ? "" : String(v);
    }
    for (const p of page.proposals) {
      const a = query.assume.find((x) => x === p.id || x.startsWith(p.id + ":"));
      $(`assume-${p.id}`).checked = !!a;
      const sel = $(`assume-${p.id}-variant`);
      sel.value = a && a.includes(":") ? a.split(":")[1] : "";
      sel.disabled = !a;
    }
    if (page.map) page.map.mark(query.place === "point" ? query.at : null);
  }

  /** Reads the form into `query`. */
  function onChange(ev) {
    const t = ev.target;
    if (t.id === "aggressor") query.aggressor = t.value;
    else if (t.id === "victim") query.victim = t.value;
    else if (t.id === "date") { if (t.value) query.date = t.value; }
    else if (t.id === "year") onYear();
    else if (t.id === "target") query.target = t.value;
    else if (t.name === "place") query.place = t.value;
    else if (t.name === "click") query.click = t.value;
    else if (t.id === "region") query.region = t.value.trim().toUpperCase();
    else if (t.id === "lat" || t.id === "lon") {
      const lat = parseFloat($("lat").value), lon = parseFloat($("lon").value);
      query.at = Number.isFinite(lat) && Number.isFinite(lon) ? [lat, lon] : null;
    } else if (t.dataset.fact) {
      if (t.value === "") delete query.facts[t.dataset.fact];
      else query.facts[t.dataset.fact] = t.value === "true";
    } else if (t.dataset.proposal) {
      const id = t.dataset.proposal;
      query.assume = query.assume.filter((x) => x !== id && !x.startsWith(id + ":"));
      if ($(`assume-${id}`).checked) {
        const v = $(`assume-${id}-variant`).value;
        query.assume.push(v ? `${id}:${v}` : id);
      }
    }
    sync();
    update();
  }

  function onYear() {
    const y = $("year").value.padStart(4, "0");
    let md = query.date.slice(4);
    if (md === "-02-29") md = "-02-28";
    query.date = y + md;
    $("date").value = query.date;
    $("year-out").textContent = y;
    update();
  }

  function togglePlay() {
    const b = $("play");
    if (play.timer) {
      clearInterval(play.timer);
      play.timer = null;
      b.setAttribute("aria-pressed", "false");
      b.textContent = "▶ Watch NATO grow from 1949";
      return;
    }
    b.setAttribute("aria-pressed", "true");
    b.textContent = "■ Stop";
    let year = 1949;
    const last = Number(today.slice(0, 4));
    query.date = "1949-08-24";
    const step = () => {
      query.date = `${year}${query.date.slice(4)}`;
      sync();
      update();
      year += 1;
      if (year > last) togglePlay();
    };
    step();
    play.timer = setInterval(step, 450);
  }

  /** A click on the check map: the state clicked, or the point, as the form's click choice says. */
  function onMapClick({ key, latlon }) {
    if (query.click === "point") {
      if (!latlon) return;
      query.place = "point";
      query.at = [Math.round(latlon[0] * 100) / 100, Math.round(latlon[1] * 100) / 100];
    } else {
      const code = key && page.stateOfKey.get(key);
      if (!code) return;
      query[query.click] = code;
    }
    sync();
    update();
  }

  /** What casus knows of the point of attack, under the point's fields. */
  async function describePoint() {
    const [lat, lon] = query.at;
    try {
      const w = await api(`/v1/where?lat=${lat}&lon=${lon}&date=${query.date}`);
      const f = w.facts;
      const name = f ? f.name || (f.at_sea ? "at sea" : "unnamed") : "not classified";
      const who = w.sovereign ? `, ${w.sovereign.name} (${w.sovereign.code})` : "";
      const sea = f && f.sea && f.sea.length ? `; ${f.sea.map(words).join(", ")}` : "";
      $("point-where").textContent = `${name}${who}${sea}`;
    } catch (e) {
      $("point-where").textContent = e.message;
    }
  }

  return { build, sync, syncStates, onMapClick, describePoint };
}
