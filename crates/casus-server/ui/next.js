// casus page: "what happens next". A cascade (POST /v1/cascade) stepped through round by
// round on the map, and a Monte Carlo simulation (POST /v1/simulate) drawn as a chart. The
// view is in the URL too: &next=cascade|simulate[&scenario=ID][&escalation=...][&round=K]
// [&world=K] (the variant shown, when the simulation runs one world per variant);
// &next=compare&items=A,B[:VARIANT] compares instruments (compare-view.js).
// Owns `next`: the view shown, the scenario, the escalation rule, the round, and the last
// trace or simulation; reads the attack from `ctx.query`.

import { renderComparison } from "./compare-view.js";

const SVG = "http://www.w3.org/2000/svg";
const words = (s) => String(s).replace(/[_-]/g, " ");
const pct = (p) => `${(p * 100).toFixed(p > 0 && p < 0.01 ? 1 : 0)}%`;
/** A probability with its 95% interval: "22% (21–23%)". */
const withCi = (p, lo, hi) => `${pct(p)} (${pct(lo)}–${pct(hi)})`;

/** The "what happens next" part of the page. `ctx` gives what it shares with the check view:
 *  { $, h, api, query, map: () => map, stateOf: (key) => code, writeUrl, treatyLink, onClose }. */
export function createNext(ctx) {
  const { $, h } = ctx;
  const next = { view: null, scenario: "", escalation: "strike-aggressor-territory", round: 1, world: 1, samples: 10000, trace: null, sim: null, cmp: null, items: "", scenarios: [] };

  function readUrl(q) {
    next.view = ["cascade", "simulate", "compare"].includes(q.get("next")) ? q.get("next") : null;
    next.items = q.get("items") || "";
    next.scenario = q.get("scenario") || "";
    next.escalation = q.get("escalation") === "stay-on-victim-soil" ? "stay-on-victim-soil" : "strike-aggressor-territory";
    next.round = Math.max(1, parseInt(q.get("round") || "1", 10) || 1);
    next.world = Math.max(1, parseInt(q.get("world") || "1", 10) || 1);
  }

  function writeUrl(q) {
    if (!next.view) return;
    q.set("next", next.view);
    if (next.scenario) q.set("scenario", next.scenario);
    else if (next.escalation !== "strike-aggressor-territory") q.set("escalation", next.escalation);
    if (next.view === "cascade" && next.round > 1) q.set("round", String(next.round));
    if (next.view === "simulate" && next.world > 1) q.set("world", String(next.world));
    if (next.view === "compare" && next.items) q.set("items", next.items);
  }

  /** The request: a bundled scenario, or the attack on the form as a one-event scenario. */
  function body() {
    const s = ctx.query;
    const b = {};
    if (next.scenario) b.scenario = next.scenario;
    else {
      const ev = { date: s.date, aggressor: s.aggressor, victim: s.victim, target: s.target };
      if (s.place === "region" && s.region) ev.region = s.region;
      if (s.place === "point" && s.at) ev.at = { lat: s.at[0], lon: s.at[1] };
      if (Object.keys(s.facts).length) ev.facts = s.facts;
      b.events = [ev];
      b.escalation = next.escalation;
    }
    if (s.assume.length) b.assume_in_force = s.assume;
    return b;
  }

  function build(scenarios) {
    next.scenarios = scenarios;
    const sel = $("scenario");
    sel.replaceChildren(
      h("option", { value: "" }, "the attack above"),
      ...scenarios.map((s) => h("option", { value: s.id }, s.title)));
    $("next-controls").addEventListener("change", (ev) => {
      if (ev.target.id === "scenario") next.scenario = ev.target.value;
      if (ev.target.id === "escalation") next.escalation = ev.target.value;
      sync();
    });
    $("run-cascade").addEventListener("click", () => open("cascade"));
    $("run-simulate").addEventListener("click", () => open("simulate"));
    $("run-compare").addEventListener("click", () => { next.items = $("compare-items").value.trim(); open("compare"); });
  }

  function sync() {
    $("scenario").value = next.scenario;
    if (next.items) $("compare-items").value = next.items;
    $("escalation").value = next.escalation;
    $("escalation").disabled = !!next.scenario;
  }

  function open(view) {
    next.view = view;
    next.round = 1;
    next.world = 1;
    ctx.writeUrl(true);
    return show();
  }

  function close() {
    next.view = null;
    next.trace = next.sim = next.cmp = null;
    $("next-view").hidden = true;
    $("next-view").replaceChildren();
    ctx.writeUrl(true);
    ctx.onClose();
  }

  /** Runs and renders the view in the URL; false if there is none. */
  async function show() {
    sync();
    if (!next.view) {
      $("next-view").hidden = true;
      return false;
    }
    const box = $("next-view");
    box.hidden = false;
    const busy = { cascade: "Running the cascade…", compare: "Comparing and searching for counterexamples…" };
    box.replaceChildren(h("p", { role: "status" }, busy[next.view] || `Drawing ${next.samples.toLocaleString("en")} samples…`));
    try {
      if (next.view === "compare") {
        const items = next.items.split(",").map((s) => s.trim()).filter(Boolean);
        next.cmp = await ctx.api("/v1/compare", { items, date: ctx.query.date });
        box.replaceChildren(header("Compare"), ...renderComparison(h, next.cmp, ctx.treatyLink));
        $("status").textContent = `Compared ${next.cmp.items.length} instruments`;
      } else if (next.view === "cascade") {
        next.trace = await ctx.api("/v1/cascade", body());
        next.round = Math.min(next.round, next.trace.rounds.length);
        renderCascade();
      } else {
        next.sim = await ctx.api("/v1/simulate", { ...body(), samples: next.samples, seed: 1 });
        next.world = Math.min(next.world, next.sim.variants.length);
        renderSimulation();
      }
    } catch (e) {
      box.replaceChildren(header("Could not run"), h("div", { class: "errors", role: "alert" },
        h("ul", {}, (e.errors || [{ code: "error", message: String(e.message || e) }]).map((x) => h("li", {},
          h("code", {}, x.code), " ", x.message, x.help ? h("div", { class: "hint" }, "help: ", x.help) : null)))));
    }
    document.body.dataset.next = next.view;
    box.focus();
    return true;
  }

  function header(title) {
    return h("div", { class: "next-head" },
      h("h2", {}, title),
      h("button", { type: "button", class: "small", id: "close-next", onclick: close }, "Back to the decision"));
  }

  // ------------------------------------------------------------ the cascade

  /** Sides up to round `k`: code -> "victim" | "aggressor"; and who entered in round k. */
  function sidesUpTo(t, k) {
    const side = new Map();
    const fresh = new Set();
    t.rounds.slice(0, k).forEach((r, i) => {
      for (const e of r.events) {
        for (const x of e.entered) {
          if (!side.has(x.state.code)) side.set(x.state.code, x.side);
          if (i === k - 1) fresh.add(x.state.code);
        }
      }
    });
    return { side, fresh };
  }

  function paintCascade(side, fresh) {
    const map = ctx.map();
    for (const [key, path] of map.paths) {
      const code = ctx.stateOf(key);
      const s = code && side.get(code);
      let c = code ? "state" : "none";
      if (s) c = `side-${s}` + (fresh.has(code) ? " fresh" : "");
      path.setAttribute("class", `country ${c}`);
      path.setAttribute("data-state", code || "");
    }
    map.pin([]);
    map.title.textContent = `World map: cascade, round ${next.round} of ${next.trace.rounds.length}; ` +
      `${[...side.values()].filter((s) => s === "victim").length} states on the victim's side, ` +
      `${[...side.values()].filter((s) => s === "aggressor").length} on the aggressor's.`;
    $("legend").replaceChildren(h("ul", { class: "legend" },
      h("li", {}, h("span", { class: "swatch side-victim", "aria-hidden": "true" }), "at war on the victim's side"),
      h("li", {}, h("span", { class: "swatch side-aggressor", "aria-hidden": "true" }), "at war on the aggressor's side"),
      h("li", {}, h("span", { class: "swatch fresh", "aria-hidden": "true" }), "entering in this round (outlined)"),
      h("li", {}, h("span", { class: "swatch state", "aria-hidden": "true" }), "not at war")));
  }

  function basis(b) {
    return h("span", {}, ctx.treatyLink(b.treaty), ` Art ${b.article}`, b.variant ? ` (${words(b.variant)})` : "",
      `, ${words(b.strength)}`, b.hypothetical ? [" ", h("span", { class: "tag hyp" }, "hypothetical")] : null);
  }

  function renderCascade() {
    const t = next.trace;
    const n = t.rounds.length;
    const k = next.round;
    const { side, fresh } = sidesUpTo(t, k);
    paintCascade(side, fresh);
    const round = t.rounds[k - 1];
    const step = (d) => () => { next.round = Math.min(n, Math.max(1, next.round + d)); ctx.writeUrl(false); renderCascade(); };
    const out = [header(`Cascade: ${t.title}`)];
    if (t.hypothetical) out.push(h("p", { class: "banner" }, "HYPOTHETICAL: rests on instruments assumed in force"));
    out.push(h("div", { class: "stepper" },
      h("button", { type: "button", id: "round-prev", onclick: step(-1), disabled: k <= 1 ? "" : null, "aria-label": "Previous round" }, "◀"),
      h("span", { id: "round-label", "aria-live": "polite" }, `Round ${k} of ${n}`),
      h("button", { type: "button", id: "round-next", onclick: step(1), disabled: k >= n ? "" : null, "aria-label": "Next round" }, "▶")));
    for (const e of round.events) {
      const quiet = e.derived && !e.entered.length && !e.stayed_out.length && !e.undecided.length;
      if (quiet) continue;
      out.push(h("h3", {}, `${e.date}: ${e.label || `${e.aggressor.name} strikes ${e.victim.name}`}`, e.derived ? h("span", { class: "hint" }, " (derived)") : null));
      // Caveats belong to an obligation, shared by all it binds: listed once per event.
      const caveats = [...new Set(e.entered.flatMap((x) => x.basis.flatMap((b) => b.caveats || [])))];
      out.push(h("ul", { class: "entries" },
        e.entered.map((x) => h("li", { "data-side": x.side },
          h("strong", {}, `${x.state.name} (${x.state.code})`), ` enters on the ${x.side}'s side`,
          ...(x.basis.length ? [": ", ...x.basis.flatMap((b, i) => [i ? "; " : "", basis(b)])] : [" (a principal)"]))),
        caveats.map((c) => h("li", { class: "caveat" }, c)),
        e.stayed_out.map((x) => h("li", { class: "out" }, `${x.state.name} (${x.state.code}) stays out of `, ctx.treatyLink(x.treaty), `: ${x.reason}`)),
        e.undecided.map((u) => h("li", { class: "missing" }, `undecided: ${u}`))));
    }
    if (k === n) {
      out.push(h("p", { class: "event" }, `At the end: ${t.victim_side.map((s) => s.code).join(", ")} against ${t.aggressor_side.map((s) => s.code).join(", ")}.`,
        t.fixed_point ? "" : " The round limit was reached before the cascade stopped."));
    }
    $("next-view").replaceChildren(...out.flat());
    $("status").textContent = `Cascade, round ${k} of ${n}`;
  }

  // ------------------------------------------------------------ the simulation

  function paintSimulation(sim) {
    const map = ctx.map();
    const p = new Map(sim.states.map((e) => [e.state.code, e]));
    for (const [key, path] of map.paths) {
      const code = ctx.stateOf(key);
      const e = code && p.get(code);
      let c = code ? "state" : "none";
      if (e && e.aggressor_side > e.victim_side) c = "side-aggressor";
      else if (e && e.victim_side >= 0.8) c = "s1";
      else if (e && e.victim_side >= 0.5) c = "s3";
      else if (e && e.victim_side >= 0.2) c = "s5";
      else if (e && e.victim_side > 0) c = "s6";
      path.setAttribute("class", `country ${c}`);
      path.setAttribute("data-state", code || "");
    }
    map.pin([]);
    map.title.textContent = `World map: chance of entering the war on the victim's side, over ${sim.samples} samples.`;
    $("legend").replaceChildren(h("ul", { class: "legend" },
      [["s1", "victim's side, 80% or more"], ["s3", "50–80%"], ["s5", "20–50%"], ["s6", "under 20%"],
        ["side-aggressor", "more likely on the aggressor's side"], ["state", "never at war"]]
        .map(([c, label]) => h("li", {}, h("span", { class: `swatch ${c}`, "aria-hidden": "true" }), label))));
  }

  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  /** A bar chart of entry probabilities: two bars per state, the numbers written beside. */
  function chart(entry) {
    const rows = entry.slice(0, 30);
    const row = 18, left = 46, width = 300, top = 16;
    const g = svg("svg", { viewBox: `0 0 ${left + width + 90} ${top + rows.length * row + 4}`, class: "chart", role: "img",
      "aria-label": `Chance of entering, by state: ${rows.map((e) => `${e.state.code} ${pct(e.victim_side)}`).join(", ")}` });
    g.append(svg("text", { x: left, y: 11, class: "axis" }, "0%"), svg("text", { x: left + width, y: 11, class: "axis", "text-anchor": "end" }, "100%"));
    rows.forEach((e, i) => {
      const y = top + i * row;
      g.append(svg("text", { x: left - 6, y: y + 12, "text-anchor": "end", class: "code" }, e.state.code));
      g.append(svg("rect", { x: left, y: y + 2, width: Math.max(0.5, e.victim_side * width), height: 7, class: "bar victim-bar" }));
      if (e.victim_side_ci) {
        const [lo, hi] = e.victim_side_ci;
        g.append(svg("line", { x1: left + lo * width, x2: left + hi * width, y1: y + 5.5, y2: y + 5.5, class: "ci" }));
      }
      if (e.aggressor_side > 0) g.append(svg("rect", { x: left, y: y + 9, width: e.aggressor_side * width, height: 6, class: "bar aggressor-bar" }));
      const label = e.aggressor_side > 0 ? `${pct(e.victim_side)} / ${pct(e.aggressor_side)}` : pct(e.victim_side);
      g.append(svg("text", { x: left + width + 6, y: y + 12, class: "value" }, label));
    });
    return g;
  }

  function sizes(list, title) {
    const total = list.reduce((a, s) => a + s.samples, 0) || 1;
    return h("p", {}, `${title}: `, list.flatMap((s, i) => [i ? ", " : "", `${s.size} state${s.size === 1 ? "" : "s"} ${pct(s.samples / total)}`]));
  }

  /** The variant a world takes, in words: its variant ids (the proposal named once above). */
  function worldName(w) {
    return w.pinned.length ? w.pinned.map((p) => p.variant).join(" + ") : "the scenario";
  }

  /** Entry probabilities side by side, one column per world, with 95% intervals. */
  function sideBySide(sim) {
    const codes = [];
    for (const w of sim.variants) for (const e of w.states) if (!codes.includes(e.state.code)) codes.push(e.state.code);
    const cell = (w, code) => {
      const e = w.states.find((x) => x.state.code === code);
      return h("td", {}, e ? withCi(e.p_enter, e.ci_low, e.ci_high) : "0%");
    };
    return h("table", { class: "side-by-side", id: "sim-worlds" },
      h("caption", { class: "hint" }, "Chance of entering the war (either side), 95% interval, in each world"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "state"), sim.variants.map((w) => h("th", { scope: "col" }, worldName(w))))),
      h("tbody", {}, codes.map((code) => h("tr", {}, h("th", { scope: "row" }, code), sim.variants.map((w) => cell(w, code))))));
  }

  function renderSimulation() {
    const sim = next.sim;
    const worlds = sim.variants;
    const k = Math.min(next.world, worlds.length);
    const world = worlds[k - 1];
    paintSimulation({ ...world, samples: sim.samples });
    const out = [header("Simulation")];
    if (sim.hypothetical) out.push(h("p", { class: "banner" }, "HYPOTHETICAL: rests on instruments assumed in force"));
    out.push(h("p", { class: "hint" }, `${sim.samples.toLocaleString("en")} samples per world, seed ${sim.seed}. Rule (${sim.decide}): ${sim.rule}.`));
    if (worlds.length > 1) {
      out.push(h("p", {}, `The variants are alternatives: ${worlds.length} worlds, each simulated on its own. Shown on the map and in the chart:`));
      out.push(h("div", { class: "stepper", role: "group", "aria-label": "World shown" },
        worlds.map((w, i) => h("button", {
          type: "button", class: i + 1 === k ? "small current" : "small", "data-world": String(i + 1),
          "aria-pressed": i + 1 === k ? "true" : "false",
          onclick: () => { next.world = i + 1; ctx.writeUrl(false); renderSimulation(); },
        }, worldName(w)))));
    }
    out.push(h("figure", {}, chart(world.states), h("figcaption", { class: "hint" },
      `Chance of entering the war on the victim's side (hatched: on the aggressor's), top 30${worlds.length > 1 ? `, in the world ${worldName(world)}` : ""}. The thin line is the 95% interval.`)));
    out.push(sizes(world.victim_coalition, "Victim's side"), sizes(world.aggressor_coalition, "Aggressor's side"));
    if (worlds.length > 1) out.push(sideBySide(sim));
    out.push(h("details", {}, h("summary", {}, `Credibility used (${world.credibility.length})`),
      h("ul", {}, world.credibility.map((c) => h("li", {}, `${c.state.code} under `, ctx.treatyLink(c.treaty), c.variant ? ` (${c.variant})` : "", `: ${pct(c.probability)} (${c.from})`)))));
    out.push(h("details", {}, h("summary", {}, "Default credibility and its source"),
      h("ul", {}, sim.defaults.map((d) => h("li", {}, `${words(d.kind)}: ${pct(d.before_1945)} before 1945, ${pct(d.from_1945)} from 1945. `, h("span", { class: "hint" }, d.source))))));
    $("next-view").replaceChildren(...out.flat());
    $("status").textContent = `Simulation: ${sim.samples.toLocaleString("en")} samples${worlds.length > 1 ? `, world ${k} of ${worlds.length}` : ""}`;
  }

  return { next, readUrl, writeUrl, build, show, close };
}
