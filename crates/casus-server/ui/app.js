// casus page: the entry point. Creates the page's state and hands it to the modules that use
// it: `query` (url.js: what the URL says the page shows), `page` (page.js: the loaded data),
// the requests of the check view (requests.js), the "what happens next" view's own (next.js).
// Loads what every view needs, then shows the view the URL names. Owns only the choice
// between the check view and a treaty's page (showView).
//
// The modules, one concern each: dom.js (element helpers), api.js (the JSON API), url.js (the
// URL state), page.js (the loaded data), form.js (the event form), requests.js (the check's
// requests), check-view.js (the map, legend and memo of a decision), treaty-view.js (a
// treaty's page), next.js (cascades and simulations), map.js (the world map).

import { api, statesOn } from "./api.js";
import { createCheckView } from "./check-view.js";
import { $, h } from "./dom.js";
import { createForm } from "./form.js";
import { decode, draw } from "./map.js";
import { createNext } from "./next.js";
import { createPage } from "./page.js";
import { createRequests } from "./requests.js";
import { createTreatyView } from "./treaty-view.js";
import { createQuery, createUrl, today } from "./url.js";

const query = createQuery();
const page = createPage();
const url = createUrl(query);

// The modules call one another through these (created below, used only after start).
const treatyView = createTreatyView({ page, query, url, showView: () => showView() });
const checkView = createCheckView({ page, query, treatyLink: treatyView.link });
const form = createForm({ page, query, update: () => requests.update() });
const nextView = createNext({
  $, h, api, query, treatyLink: treatyView.link, writeUrl: url.write,
  map: () => page.map,
  stateOf: (key) => page.stateOfKey.get(key),
  // Back to the decision: repaint the map and the memo from it.
  onClose: () => requests.refresh(),
});
url.parts.push(nextView);
const requests = createRequests({ page, query, url, form, checkView, nextView });

/** Shows the check view or a treaty's page, as `query` says; `early` is a check already sent. */
async function showView(early) {
  const treaty = !!query.treaty;
  $("check-view").hidden = treaty;
  $("treaty-view").hidden = !treaty;
  document.body.dataset.ready = "false";
  if (treaty) {
    await treatyView.render();
    $("treaty-view").focus();
  } else {
    document.title = "casus: who is bound to defend whom";
    form.sync();
    await requests.refresh(early);
  }
}

async function start() {
  url.read();
  // The first check goes out with the page's other requests, not after them.
  const early = query.treaty ? null : requests.check();
  const [v, treaties, topo, , scenarios] = await Promise.all([
    api("/v1/vocabulary"),
    api(`/v1/treaties?date=${today}`),
    fetch("/assets/countries-110m.json").then((r) => r.json()),
    statesOn(query.date).catch(() => null),
    api("/v1/scenarios").catch(() => []),
  ]);
  page.vocab = v;
  page.proposals = treaties.treaties.filter((t) => t.kind === "proposal");
  page.features = decode(topo, "countries");
  page.map = draw($("map"), page.features, form.onMapClick);
  form.build();
  nextView.build(scenarios);
  window.addEventListener("popstate", () => { url.read(); showView(); });
  await showView(early);
}

start().catch((e) => {
  $("status").textContent = `The page could not start: ${e.message || e}`;
});
