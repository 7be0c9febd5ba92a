// casus page: a treaty's page (?treaty=ID&date=D). Fetches the treaty and the states on
// `query.date`, and shows its parties on a map of its own with its treaty areas and parallels,
// its membership over time, status, articles, scopes, obligations, statements and sources;
// also the links that open it (link). Owns no state: reads `page` and `query`, writes
// #treaty-view.

import { api, ApiError, statesOn } from "./api.js";
import { $, h, words } from "./dom.js";
import { draw } from "./map.js";
import { applyStates } from "./page.js";
import { today } from "./url.js";

/** `ctx`: { page, query, url, showView() (shows the view `query` names) }. */
export function createTreatyView({ page, query, url, showView }) {
  async function open(id) {
    query.treaty = id;
    url.write(true);
    await showView();
  }

  /** A link to a treaty's page: opened in place, or in a new tab with a modifier key. */
  function link(id, label) {
    return h("a", {
      href: url.urlOf({ ...query, treaty: id }),
      onclick: (ev) => {
        if (ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
        ev.preventDefault();
        open(id);
      },
    }, label || id);
  }

  function back(ev) {
    ev.preventDefault();
    query.treaty = null;
    url.write(true);
    showView();
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
    const cx = x(year(query.date));
    svg.append(s("line", { x1: cx, x2: cx, y1: top - 4, y2: H, class: "cursor" }));
    return svg;
  }

  async function render() {
    const view = $("treaty-view");
    let t;
    try {
      const [tt, states] = await Promise.all([
        api(`/v1/treaties/${encodeURIComponent(query.treaty)}?date=${query.date}`),
        statesOn(query.date),
      ]);
      t = tt;
      applyStates(page, states.states);
    } catch (e) {
      const errors = e instanceof ApiError ? e.errors : [{ code: "network", message: String(e.message || e) }];
      view.replaceChildren(h("p", {}, h("a", { href: url.urlOf({ ...query, treaty: null }), onclick: back }, "← back to the map")),
        h("div", { class: "errors", role: "alert" }, h("ul", {}, errors.map((x) => h("li", {}, h("code", {}, x.code), " ", x.message, x.help ? ` (help: ${x.help})` : "")))));
      return;
    }
    document.title = `${t.short_title || t.title}: casus`;
    const status = t.status.filter((s) => s.date <= query.date).pop();
    const mapBox = h("div", { class: "map", id: "treaty-map" });
    const dateInput = h("input", { type: "date", id: "treaty-date", value: query.date });
    dateInput.addEventListener("change", () => {
      if (!dateInput.value) return;
      query.date = dateInput.value;
      url.write(false);
      render();
    });
    view.replaceChildren(
      h("p", {}, h("a", { href: url.urlOf({ ...query, treaty: null }), onclick: back }, "← back to the map")),
      h("h2", {}, t.title),
      h("p", { class: "meta" }, `${t.kind}`, t.atopid ? ` · ATOP ${t.atopid}` : "", ` · id ${t.id}`,
        ` · on ${query.date}: ${t.in_force ? "in force" : status ? status.status : "not yet concluded"}`),
      t.summary ? h("p", {}, t.summary) : null,
      h("div", { class: "cols" },
        h("section", {},
          h("label", { for: "treaty-date" }, "Date"), dateInput,
          h("h3", {}, `Parties on ${query.date} (${t.parties_on_date.length})`),
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
            s.note ? h("div", { class: "hint note" }, `note: ${s.note}`) : null,
            s.uncertain ? h("div", { class: "caveat" }, `uncertain: ${s.uncertain}`) : null,
            h("div", { class: "hint" }, s.sources.map((src) => src.citation).join("; ")))),
          h("h3", {}, `Sources (${t.sources.length})`),
          h("ol", { class: "sources" }, t.sources.map((s) => h("li", {}, `[${s.id}] ${s.citation} `, s.url ? h("a", { href: s.url, rel: "noreferrer noopener", target: "_blank" }, s.url) : ""))))));
    const treatyMap = draw(mapBox, page.features, () => {});
    const parties = new Set(t.parties_on_date.map((p) => p.code));
    for (const [key, path] of treatyMap.paths) {
      const code = page.stateOfKey.get(key);
      path.setAttribute("class", `country ${code ? (parties.has(code) ? "party" : "state") : "none"}`);
    }
    const parallels = [];
    for (const sc of t.scopes.filter((x) => x.in_effect)) {
      for (const c of sc.clauses) for (const p of c.parallels) {
        if (!parallels.some((q) => q.lat === p.lat)) parallels.push({ lat: p.lat, label: `${p.lat}°: ${c.label || sc.id}` });
      }
    }
    treatyMap.overlay(t.areas, parallels);
    treatyMap.title.textContent = `Parties of ${t.title} on ${query.date}: ${t.parties_on_date.length}` +
      (t.areas.length ? `; treaty areas: ${t.areas.map((a) => a.name).join(", ")}` : "");
    document.body.dataset.ready = "true";
  }

  return { open, link, render };
}
