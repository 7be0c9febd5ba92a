// casus page: the loaded data every view reads. Owns `page`: what the page loads once at
// start (the vocabulary, the proposals, the decoded map features, the drawn check map) and the
// states on the date in view with the map features of each, which applyStates replaces
// whenever a view fetches the states of another date.

export function createPage() {
  return {
    vocab: null, // /v1/vocabulary
    proposals: [], // /v1/treaties rows of kind proposal
    features: null, // decoded map features (countries-110m.json)
    map: null, // the drawn check map (map.js draw)
    statesNow: [], // /v1/states rows on the current date
    stateOfKey: new Map(), // map feature -> state code, on the current date
    keysOfState: new Map(), // state code -> [map feature]
  };
}

/** Takes the /v1/states rows of a date as the states in view. */
export function applyStates(page, rows) {
  page.statesNow = rows;
  page.stateOfKey = new Map();
  page.keysOfState = new Map();
  for (const s of rows) {
    page.keysOfState.set(s.code, s.map_ids);
    for (const k of s.map_ids) page.stateOfKey.set(k, s.code);
  }
}
