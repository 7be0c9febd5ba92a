// casus page: the client of the JSON API (/v1). Owns the cache of /v1/states answers, one
// promise per date (dropped if the request fails, so a later view asks again).

export class ApiError extends Error {
  constructor(status, errors) {
    super(errors.map((e) => e.message).join("; "));
    this.status = status;
    this.errors = errors;
  }
}

/** GET `path`, or POST `body` as JSON; the answer's JSON, or an ApiError with its diagnostics. */
export async function api(path, body, signal) {
  const init = body
    ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal }
    : { signal };
  const r = await fetch(path, init);
  const json = await r.json().catch(() => ({ errors: [{ code: "internal", message: `HTTP ${r.status}` }] }));
  if (!r.ok) throw new ApiError(r.status, json.errors || []);
  return json;
}

const statesByDate = new Map(); // date -> promise of the /v1/states answer

/** The states existing on `date`, each with its map features (asked once per date). */
export function statesOn(date) {
  if (!statesByDate.has(date)) {
    const p = api(`/v1/states?date=${encodeURIComponent(date)}`).catch((e) => {
      statesByDate.delete(date);
      throw e;
    });
    statesByDate.set(date, p);
  }
  return statesByDate.get(date);
}
