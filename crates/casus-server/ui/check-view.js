// casus page: the check view. Paints the check map from a decision (states bound by
// strength, the victim, the aggressor, their pins), writes the legend, and the memo in the
// CLI's order, or the API's diagnostics when the check is refused. Owns no state: reads `page`
// and `query`, writes #legend, #status, #memo-body and the map's title.

import { $, h, words } from "./dom.js";

/** `ctx`: { page, query, treatyLink(id, label) }. */
export function createCheckView({ page, query, treatyLink }) {
  function strengthClass(strength) {
    const i = page.vocab.strengths.indexOf(strength);
    return i >= 0 && i <= 6 ? `s${i}` : "duty";
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
    const victim = decision ? decision.event.victim.code : query.victim;
    const aggressor = decision ? decision.event.aggressor.code : query.aggressor;
    const counts = new Map();
    for (const [key, path] of page.map.paths) {
      const code = page.stateOfKey.get(key);
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
    const name = (code, ref) => (ref ? ref.name : (page.statesNow.find((s) => s.code === code) || { name: code }).name);
    page.map.pin([
      { keys: page.keysOfState.get(aggressor), text: name(aggressor, decision && decision.event.aggressor), cls: "aggressor" },
      { keys: page.keysOfState.get(victim), text: name(victim, decision && decision.event.victim), cls: "victim" },
    ]);
    return counts;
  }

  function legend(counts) {
    const items = [];
    const item = (c, label, n) => items.push(h("li", {}, h("span", { class: `swatch ${c}`, "aria-hidden": "true" }), n === undefined ? label : `${label} (${n})`));
    if (counts.has("victim")) item("victim", "victim");
    if (counts.has("aggressor")) item("aggressor", "aggressor");
    page.vocab.strengths.forEach((s, i) => {
      if (i <= 6 && counts.has(`s${i}`)) item(`s${i}`, `bound: ${words(s)}`, counts.get(`s${i}`).size);
    });
    if (counts.has("undecided")) item("undecided", "bound if a missing fact is met", counts.get("undecided").size);
    if (counts.has("duty")) item("duty", "consultation or assurance only", counts.get("duty").size);
    item("state", "not bound");
    item("no-state", "no state in the registry on this date");
    $("legend").replaceChildren(h("ul", { class: "legend" }, items));
  }

  function renderErrors(err) {
    $("status").textContent = `The request was refused (${err.status}).`;
    $("memo-body").replaceChildren(h("div", { class: "errors", role: "alert" },
      h("ul", {}, err.errors.map((e) => h("li", {},
        h("code", {}, e.code), " ", e.field ? `${e.field}: ` : "", e.message,
        e.help ? h("div", { class: "hint" }, "help: ", e.help) : null)))));
    page.map.title.textContent = "World map: no decision";
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
    page.map.title.textContent = `World map: ${summary}. Victim ${e.victim.name}, aggressor ${e.aggressor.name}.`;
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
    out.push(h("ul", {}, d.not_triggered.map((f) => {
      // The treaty's own reasons, except that it is in force; then each obligation's reasons
      // that say why it does not bind, as the engine flags them (`fails`, never the code).
      const why = f.reasons.filter((r) => r.code !== "in-force" && r.code !== "assumed-in-force").map((r) => r.text);
      for (const o of f.obligations) for (const r of o.reasons) if (r.fails) why.push(`${o.article_title}: ${r.text}`);
      return h("li", {}, treatyLink(f.treaty, f.title), f.variant ? ` (variant ${f.variant.id})` : "", f.hypothetical ? " [hypothetical]" : "", ": ", why.join("; "), contested(f));
    })));
    if (d.unconcerned.length) {
      out.push(h("details", {},
        h("summary", {}, `Not concerned (${d.unconcerned.length}): the victim is neither party nor beneficiary`),
        h("p", {}, d.unconcerned.flatMap((id, i) => [i ? ", " : "", treatyLink(id)]))));
    }
    $("memo-body").replaceChildren(...out.flat());
  }

  return {
    /** The map, the legend and the memo from a decision. */
    showDecision(d) {
      legend(colour(d));
      renderMemo(d);
    },
    /** The map uncoloured but for the two sides, and the API's diagnostics (an ApiError). */
    showErrors(err) {
      legend(colour(null));
      renderErrors(err);
    },
  };
}
