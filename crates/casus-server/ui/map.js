// The world map: a small TopoJSON decoder, the Natural Earth projection and SVG paths.
//
// No libraries. The projection is Natural Earth I, after the polynomial of B. Šavrič,
// B. Jenny, T. Patterson, D. Petrovič and L. Hurni, "A polynomial equation for the Natural
// Earth projection", Cartography and Geographic Information Science 38(4), 2011. The
// TopoJSON format is Mike Bostock's (github.com/topojson/topojson-specification).
// Owns no page state: each map that draw() returns holds its own paths, pins and marker.

const SVG = "http://www.w3.org/2000/svg";
const RAD = Math.PI / 180;

// Šavrič et al. 2011, Table 1.
const A = [0.8707, -0.131979, -0.013791, 0.003971, -0.001529];
const B = [1.007226, 0.015085, -0.044475, 0.028874, -0.005916];

function xFactor(phi) {
  const p2 = phi * phi, p4 = p2 * p2;
  return A[0] + A[1] * p2 + A[2] * p4 + A[3] * p4 * p4 * p2 + A[4] * p4 * p4 * p4;
}

function yOf(phi) {
  const p2 = phi * phi, p4 = p2 * p2;
  return phi * (B[0] + B[1] * p2 + B[2] * p4 * p2 + B[3] * p4 * p4 + B[4] * p4 * p4 * p2);
}

function dyOf(phi) {
  const p2 = phi * phi, p4 = p2 * p2;
  return B[0] + 3 * B[1] * p2 + 7 * B[2] * p4 * p2 + 9 * B[3] * p4 * p4 + 11 * B[4] * p4 * p4 * p2;
}

/** Scale: projected units to SVG user units. */
const S = 100;

/** Projects degrees to SVG coordinates (y down). Longitudes beyond ±180 extrapolate. */
export function project(lon, lat) {
  const phi = lat * RAD;
  return [lon * RAD * xFactor(phi) * S, -yOf(phi) * S];
}

/** The inverse, by Newton's method on y; null outside the map. */
export function invert(x, y) {
  const ty = -y / S;
  let phi = ty;
  for (let i = 0; i < 25; i++) {
    const d = (yOf(phi) - ty) / dyOf(phi);
    phi -= d;
    if (Math.abs(d) < 1e-10) break;
  }
  const lambda = x / S / xFactor(phi);
  const lat = phi / RAD, lon = lambda / RAD;
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return null;
  return [lat, lon];
}

/** Decodes the `countries` object of a quantized TopoJSON topology into features:
 *  { key, name, polygons: [[ring of [lon, lat]]] }. The key is the feature's id (ISO 3166-1
 *  numeric in world-atlas) or, for the few without one, its name. */
export function decode(topology, objectName) {
  const [kx, ky] = topology.transform.scale;
  const [dx, dy] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([a, b]) => { x += a; y += b; return [x * kx + dx, y * ky + dy]; });
  });
  const ring = (indices) => {
    const points = [];
    for (const i of indices) {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      if (points.length) points.pop(); // arcs share their end points
      for (const p of arc) points.push(p);
    }
    return points;
  };
  const features = [];
  for (const g of topology.objects[objectName].geometries) {
    let polygons;
    if (g.type === "Polygon") polygons = [g.arcs.map(ring)];
    else if (g.type === "MultiPolygon") polygons = g.arcs.map((p) => p.map(ring));
    else continue;
    const name = (g.properties && g.properties.name) || "";
    features.push({ key: g.id !== undefined ? String(g.id) : name, name, polygons });
  }
  return features;
}

/** Unwraps a ring's longitudes so that it is continuous across the antimeridian. */
function unwrap(ring) {
  let offset = 0, prev = ring[0][0];
  return ring.map(([lon, lat]) => {
    if (lon - prev > 180) offset -= 360;
    else if (prev - lon > 180) offset += 360;
    prev = lon;
    return [lon + offset, lat];
  });
}

function pathOfRing(ring, shift) {
  let d = "";
  ring.forEach(([lon, lat], i) => {
    const [x, y] = project(lon + shift, lat);
    d += (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
  });
  return d + "Z";
}

/** SVG path data for a feature. A ring across the antimeridian is drawn unwrapped, and again
 *  shifted by 360°, and the map clips both to the globe's outline. */
export function pathOf(feature) {
  let d = "";
  for (const polygon of feature.polygons) {
    for (const raw of polygon) {
      const ring = unwrap(raw);
      const lons = ring.map((p) => p[0]);
      d += pathOfRing(ring, 0);
      if (Math.max(...lons) > 180) d += pathOfRing(ring, -360);
      if (Math.min(...lons) < -180) d += pathOfRing(ring, 360);
    }
  }
  return d;
}

/** The outline of the globe in this projection. */
function outline() {
  let d = "";
  for (let lat = -90; lat <= 90; lat += 2) {
    const [x, y] = project(180, lat);
    d += (d ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
  }
  for (let lat = 90; lat >= -90; lat -= 2) {
    const [x, y] = project(-180, lat);
    d += "L" + x.toFixed(1) + "," + y.toFixed(1);
  }
  return d + "Z";
}

/** A point to pin a label on: the centroid of the feature's largest ring, projected. */
function anchorOf(feature) {
  let best = null, bestArea = 0;
  for (const polygon of feature.polygons) {
    const ring = unwrap(polygon[0]).map(([lon, lat]) => project(lon, lat));
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j], [x1, y1] = ring[i];
      const c = x0 * y1 - x1 * y0;
      a += c; cx += (x0 + x1) * c; cy += (y0 + y1) * c;
    }
    if (Math.abs(a) > bestArea) { bestArea = Math.abs(a); best = [cx / (3 * a), cy / (3 * a), bestArea]; }
  }
  return best;
}

function el(name, attrs) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

/** Hatch patterns, so that marks never rest on colour alone. */
function patterns(defs) {
  const hatch = (id, colour, background, angle) => {
    const p = el("pattern", { id, width: 3, height: 3, patternUnits: "userSpaceOnUse", patternTransform: `rotate(${angle})` });
    p.append(el("rect", { width: 3, height: 3, fill: background }));
    p.append(el("line", { x1: 0, y1: 0, x2: 0, y2: 3, stroke: colour, "stroke-width": 1.4 }));
    defs.append(p);
  };
  hatch("hatch-aggressor", "#000000", "#6b6b6b", 45);
  hatch("hatch-undecided", "#2166ac", "#eef3f8", -45);
}

/** Draws the map into `container`; returns { svg, paths: Map(key -> path), feature(key) }.
 *  Antarctica is left out (nothing in the data turns on it, and it would take a fifth of the
 *  height); the view runs from 85°N to 58°S. */
export function draw(container, features, onClick) {
  const [, top] = project(0, 85);
  const [, bottom] = project(0, -58);
  const [right] = project(180, 0);
  const svg = el("svg", {
    viewBox: `${-right - 2} ${top} ${2 * right + 4} ${bottom - top}`,
    role: "img",
    "aria-labelledby": "map-title",
    preserveAspectRatio: "xMidYMid meet",
  });
  const title = el("title", { id: "map-title" });
  title.textContent = "World map";
  svg.append(title);
  const defs = el("defs");
  patterns(defs);
  const clip = el("clipPath", { id: "globe" });
  clip.append(el("path", { d: outline() }));
  defs.append(clip);
  svg.append(defs);
  svg.append(el("path", { d: outline(), class: "sea" }));
  const g = el("g", { "clip-path": "url(#globe)", class: "countries" });
  const paths = new Map();
  const anchors = new Map();
  for (const f of features) {
    if (f.key === "010") continue; // Antarctica
    anchors.set(f.key, anchorOf(f));
    const p = el("path", { d: pathOf(f), "data-key": f.key, class: "country" });
    const t = el("title");
    t.textContent = f.name;
    p.append(t);
    g.append(p);
    paths.set(f.key, p);
  }
  svg.append(g);
  const overlayGroup = el("g", { "clip-path": "url(#globe)", class: "overlay" });
  svg.append(overlayGroup);
  const marker = el("g", { class: "point-marker", visibility: "hidden" });
  marker.append(el("circle", { r: 3.2, class: "halo" }));
  marker.append(el("circle", { r: 1.6, class: "dot" }));
  svg.append(marker);
  const pins = el("g", { class: "pins", "aria-hidden": "true" });
  svg.append(pins);
  svg.addEventListener("click", (ev) => {
    const pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    const local = pt.matrixTransform(svg.getScreenCTM().inverse());
    const key = ev.target && ev.target.getAttribute ? ev.target.getAttribute("data-key") : null;
    onClick({ key, latlon: invert(local.x, local.y) });
  });
  container.replaceChildren(svg);
  return {
    svg,
    paths,
    title,
    /** Pins labels on states: [{ keys: [feature], text, cls }], each on its largest feature. */
    pin(list) {
      pins.replaceChildren();
      for (const { keys, text, cls } of list) {
        const at = (keys || []).map((k) => anchors.get(k)).filter(Boolean).sort((a, b) => b[2] - a[2])[0];
        if (!at) continue;
        const g = el("g", { class: `pin ${cls}`, transform: `translate(${at[0].toFixed(1)},${at[1].toFixed(1)})` });
        g.append(el("circle", { r: 2.6 }));
        const t = el("text", { x: 4, y: 3 });
        t.textContent = text;
        g.append(t);
        pins.append(g);
      }
    },
    /** Draws treaty areas ([{ id, name, outline: [[[lat, lon], ...]] }]) and parallels
     *  ([{ lat, label }]) over the countries, from the same polygons the engine tests. */
    overlay(areas, parallels) {
      overlayGroup.replaceChildren();
      for (const a of areas || []) {
        const rings = a.outline.map((ring) => ring.map(([lat, lon]) => [lon, lat]));
        const p = el("path", { d: pathOf({ polygons: [rings] }), class: `area ${a.quality || ""}`, "data-area": a.id, "fill-rule": "evenodd" });
        const t = el("title");
        t.textContent = `${a.name}${a.quality === "approximate" ? " (approximate)" : ""}`;
        p.append(t);
        overlayGroup.append(p);
      }
      for (const { lat, label } of parallels || []) {
        let d = "";
        for (let lon = -180; lon <= 180; lon += 2) {
          const [x, y] = project(lon, lat);
          d += (d ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
        }
        const p = el("path", { d, class: "parallel", "data-lat": lat });
        const t = el("title");
        t.textContent = label;
        p.append(t);
        overlayGroup.append(p);
      }
    },
    mark(latlon) {
      if (!latlon) { marker.setAttribute("visibility", "hidden"); return; }
      const [x, y] = project(latlon[1], latlon[0]);
      marker.setAttribute("transform", `translate(${x.toFixed(1)},${y.toFixed(1)})`);
      marker.setAttribute("visibility", "visible");
    },
  };
}
