// casus page: the requests behind the check view. Owns `requests`: the number of the latest
// refresh (an answer to an older one is dropped), the AbortController of the check in flight,
// and the debounce timer. update() writes the URL at once and refreshes once the input
// settles; refresh() fetches the states and the decision for `query` and hands them to the
// form, the check view and the "what happens next" view.

import { api, ApiError, statesOn } from "./api.js";
import { $, h } from "./dom.js";
import { applyStates } from "./page.js";

/** `ctx`: { page, query, url, form, checkView, nextView }. */
export function createRequests({ page, query, url, form, checkView, nextView }) {
  const requests = {
    seq: 0, // the number of the latest refresh
    inflight: null, // AbortController of its check
    timer: null, // the debounce before the next refresh
  };

  /** The body of POST /v1/check for `query`. */
  function body() {
    const b = {
      aggressor: query.aggressor,
      victim: query.victim,
      date: query.date,
      target: query.target,
      facts: query.facts,
      assume_in_force: query.assume,
    };
    if (query.place === "region" && query.region) b.region = query.region;
    if (query.place === "point" && query.at) b.at = { lat: query.at[0], lon: query.at[1] };
    return b;
  }

  /** Schedules a refresh: the URL now, the requests once the input settles. */
  function update() {
    url.write(false);
    clearTimeout(requests.timer);
    requests.timer = setTimeout(() => refresh(), 40);
  }

  /** The check as { d: decision } or { e: ApiError }. */
  function check(signal) {
    return api("/v1/check", body(), signal).then((d) => ({ d }), (e) => {
      if (e instanceof ApiError) return { e };
      throw e;
    });
  }

  /** Fetches and renders the decision for `query`; `early` is a check already sent (the
   *  first view sends it before the map is drawn). */
  async function refresh(early) {
    const mine = ++requests.seq;
    if (requests.inflight) requests.inflight.abort();
    requests.inflight = new AbortController();
    const date = query.date;
    try {
      const [states, decision] = await Promise.all([
        statesOn(date).catch((e) => {
          if (e instanceof ApiError) return null; // an impossible date: the check says why
          throw e;
        }),
        early || check(requests.inflight.signal),
      ]);
      if (mine !== requests.seq) return;
      if (states) applyStates(page, states.states);
      form.syncStates();
      if (decision.e) checkView.showErrors(decision.e);
      else checkView.showDecision(decision.d);
      if (query.place === "point" && query.at) form.describePoint();
      // A cascade or simulation in view follows the attack on the form: run it again.
      if (nextView.next.view && mine === requests.seq) await nextView.show();
      document.body.dataset.ready = "true";
      if (!window.casusFirstView) window.casusFirstView = performance.now();
    } catch (e) {
      if (e.name === "AbortError" || mine !== requests.seq) return;
      $("status").textContent = "The server could not be reached.";
      $("memo-body").replaceChildren(h("p", { class: "errors" }, String(e.message || e)));
    }
  }

  return { requests, update, check, refresh };
}
