// casus page: the URL state. Owns `query`, what the page shows, and its round trip through
// the query string, so a view can be shared:
//   ?aggressor=RUS&victim=EST&date=2026-01-01&target=territory
//    [&region=US-HI | &at=21.31,-157.86][&fact=provoked:false]...[&assume=ID[:VARIANT]]...
//   ?treaty=north-atlantic-treaty&date=1955-05-06       (a treaty's page)
// Other owners of parameters join through `url.parts` (next.js: &next=cascade&round=2).

export const today = new Date().toISOString().slice(0, 10);

export function createQuery() {
  return {
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
}

/** Reads and writes `query` as the URL. */
export function createUrl(query) {
  const parts = []; // { readUrl(URLSearchParams), writeUrl(URLSearchParams) }

  /** The URL into `query` (and into the parts). */
  function read() {
    const q = new URLSearchParams(location.search);
    query.treaty = q.get("treaty");
    for (const k of ["aggressor", "victim", "target", "region", "click"]) {
      if (q.get(k)) query[k] = q.get(k);
    }
    if (q.get("date")) query.date = q.get("date");
    query.at = null;
    const at = q.get("at");
    if (at && at.includes(",")) {
      const [lat, lon] = at.split(",").map(Number);
      if (Number.isFinite(lat) && Number.isFinite(lon)) query.at = [lat, lon];
    }
    query.place = query.at ? "point" : q.get("region") ? "region" : "home";
    query.facts = {};
    for (const f of q.getAll("fact")) {
      const [name, value] = f.split(":");
      if (value === "true" || value === "false") query.facts[name] = value === "true";
    }
    query.assume = q.getAll("assume");
    for (const p of parts) p.readUrl(q);
  }

  /** The URL of `s`: `query` itself, or a copy of it that shows something else (a link). */
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
    if (s === query) for (const p of parts) p.writeUrl(q);
    return "?" + q.toString();
  }

  /** `query` into the address bar: a new history entry if `push`, else in place. */
  function write(push) {
    const url = urlOf(query);
    if (url === location.search) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  return { parts, read, urlOf, write };
}
