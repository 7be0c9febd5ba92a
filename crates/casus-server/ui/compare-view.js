// casus page: "compare" (POST /v1/compare). Instruments and variants side by side, with the
// counterexamples the search found: attacks on which one binds a state and the other does not.
// Rendered into the "what happens next" box; the items are in the URL (&next=compare&items=...).

const words = (s) => String(s).replace(/[_-]/g, " ");

/** One profile's cell for a row of the table. */
function cells(p) {
  const ob = p.obligations.filter((o) => o.assistance);
  const list = ob.length ? ob : p.obligations;
  const join = (f) => [...new Set(list.map(f).filter(Boolean))].join("; ") || "—";
  const who = (r) => (r.rule === "states" ? r.states.join(", ") : words(r.rule));
  return {
    "Who is bound": join((o) => who(o.obligors)),
    "Owed to": join((o) => who(o.beneficiaries)),
    Trigger: join((o) => {
      const by = o.attack_by.rule === "states" ? `an attack by ${o.attack_by.label || o.attack_by.states.join(", ")}` : `an attack by ${words(o.attack_by.rule)}`;
      const cond = o.conditions.map((c) => `${c.fact} ${c.must_be ? "true" : "false"} (${words(c.if_unknown)} if unknown)`);
      return [by, ...cond].join(", ");
    }),
    Strength: join((o) => words(o.strength)),
    Scope: join((o) => o.scope.join("; ")),
    Duration: p.duration || "—",
    Version: p.version_in_effect ? `${p.version_in_effect.id} (${p.version_in_effect.date})` : (p.on_the_table || "—"),
    Text: join((o) => (o.article ? `Art ${o.article.id}: “${o.article.quote}” [${o.article.quality}]` : "")),
    Sources: `${p.sources.length}: ${p.sources.slice(0, 2).map((s) => s.citation).join("; ")}${p.sources.length > 2 ? "; …" : ""}`,
  };
}

/** The place of a counterexample, in words. */
function place(pl) {
  if (pl.kind === "region") return `${pl.label} (${pl.code})`;
  if (pl.kind === "point") return `${pl.label} (${pl.lat}, ${pl.lon})`;
  return pl.label;
}

/** Renders a comparison; returns the nodes to show. */
export function renderComparison(h, cmp, treatyLink) {
  const out = [];
  if (cmp.hypothetical) out.push(h("p", { class: "banner" }, "HYPOTHETICAL: proposals compared as if in force"));
  out.push(h("p", { class: "hint" }, `On ${cmp.date}. ${cmp.search.evaluated.toLocaleString("en")} attacks evaluated${cmp.search.cut_off ? " (the search was cut off)" : ""}.`));
  const rows = cmp.items.map(cells);
  const heads = Object.keys(rows[0] || {});
  out.push(h("div", { class: "scroll" }, h("table", { class: "side-by-side compare", id: "compare-table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), cmp.items.map((p) => h("th", { scope: "col" }, treatyLink(p.treaty), p.variant ? h("div", { class: "hint" }, p.variant.id) : null)))),
    h("tbody", {}, heads.map((k) => h("tr", {}, h("th", { scope: "row" }, k), rows.map((r) => h("td", {}, r[k]))))))));
  out.push(h("h3", {}, "Where they differ"));
  for (const pair of cmp.pairs) {
    out.push(h("h4", {}, `${pair.a} and ${pair.b}: ${pair.found} counterexample${pair.found === 1 ? "" : "s"}`));
    out.push(h("ul", { class: "counterexamples" }, pair.counterexamples.map((c) => h("li", {},
      `${c.aggressor.name} attacks ${c.victim.name} at ${place(c.place)} on ${c.date} (${c.target}): `,
      c.only_a.length ? `${pair.a} binds ${c.only_a.join(", ")}` : `${pair.a} binds no one the other does not`,
      "; ",
      c.only_b.length ? `${pair.b} binds ${c.only_b.join(", ")}` : `${pair.b} binds no one the other does not`,
      "."))));
  }
  return out;
}
