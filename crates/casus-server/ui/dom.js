// casus page: DOM helpers every module uses: $ (an element by id), h (an element with its
// attributes, listeners and children) and words (a code as words). Owns no state.

export const $ = (id) => document.getElementById(id);

export function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export const words = (s) => String(s).replace(/[_-]/g, " ");
