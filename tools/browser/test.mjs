// Browser test of the casus page: starts `casus serve` on a free port, drives Debian's
// Chromium with playwright-core, and saves screenshots to target/browser/ as artefacts.
//
//   bash tools/browser/setup.sh && node --test tools/browser/test.mjs
//
// CASUS_BIN names the binary (default: target/debug/casus, built by `cargo build -p casus-cli`).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = process.env.CASUS_BIN || path.join(root, "target/debug/casus");
const shots = path.join(root, "target/browser");
mkdirSync(shots, { recursive: true });

let server, browser, base;
const problems = []; // console errors, page errors, CSP violations

before(async () => {
  server = spawn(bin, ["serve", "--addr", "127.0.0.1:0"], { cwd: root, stdio: ["ignore", "inherit", "pipe"] });
  base = await new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`casus serve did not start: ${err}`)), 60_000);
    server.stderr.on("data", (chunk) => {
      err += chunk;
      const m = err.match(/serving (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on("exit", (code) => reject(new Error(`casus serve exited with ${code}: ${err}`)));
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.on("exit", r));
    server.kill("SIGINT");
    await exited;
  }
});

async function open(query, { refused } = {}) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("console", (m) => {
    // A refused request is logged by the browser; where the test asks for one, it is expected.
    if (refused && /status of 422/.test(m.text())) return;
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
  await page.goto(`${base}/${query || ""}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Waits until the page has answered the latest change. */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready === "true");
  await page.waitForTimeout(150); // the debounce, then the answer
  await page.waitForFunction(() => document.body.dataset.ready === "true");
}

const classOf = (page, code) => page.getAttribute(`path.country[data-state="${code}"]`, "class");

test("the first view is interactive in well under a second", async () => {
  const page = await open("?aggressor=RUS&victim=EST&date=2026-01-01");
  const ms = await page.evaluate(() => window.casusFirstView);
  console.log(`first view rendered ${ms.toFixed(0)} ms after navigation start`);
  assert.ok(ms < 1000, `first view took ${ms} ms`);
  await page.close();
});

test("RUS attacks EST: the NATO states are coloured, the memo quotes Article 5", async () => {
  const page = await open("?aggressor=CHN&victim=IND&date=2026-01-01");
  await page.selectOption("#aggressor", "RUS");
  await page.selectOption("#victim", "EST");
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("2 treaties triggered"));
  await settled(page);
  assert.match(page.url(), /aggressor=RUS&victim=EST&date=2026-01-01/);
  assert.equal(await classOf(page, "EST"), "country victim");
  assert.equal(await classOf(page, "RUS"), "country aggressor");
  for (const nato of ["USA", "DEU", "FRA", "GBR", "POL", "TUR", "CAN", "NOR"]) {
    assert.equal(await classOf(page, nato), "country s1", nato); // as_deems_necessary
  }
  const bound = await page.$$eval("path.country", (ps) => new Set(ps.filter((p) => /\bs\d\b/.test(p.getAttribute("class"))).map((p) => p.dataset.state)).size);
  assert.ok(bound >= 28, `${bound} states coloured`);
  const memo = await page.textContent("#memo");
  assert.match(memo, /The North Atlantic Treaty/);
  assert.match(memo, /will assist the Party or Parties so attacked/);
  assert.match(memo, /Not triggered/i);
  assert.match(await page.textContent("#legend"), /bound: as deems necessary/);
  await page.screenshot({ path: path.join(shots, "1-russia-attacks-estonia-2026.png"), fullPage: true });
  await page.close();
});

test("the proposed Ukraine guarantee, assumed in force with a variant", async () => {
  const page = await open("?aggressor=RUS&victim=UKR&date=2027-01-01");
  // before the guarantee, France owes Ukraine only what its 2024 security agreement says
  // (consultation and support, no defence duty)
  assert.equal(await classOf(page, "FRA"), "country duty");
  await page.check("#assume-ukraine-guarantee-proposal-2025");
  await settled(page);
  // The Paris Declaration's coalition commitment (version of 6 January 2026).
  const variant = "paris-2026-01-coalition-commitment";
  await page.selectOption("#assume-ukraine-guarantee-proposal-2025-variant", variant);
  await page.waitForFunction((v) => location.search.includes(v), variant);
  await page.waitForFunction(() => /HYPOTHETICAL/.test(document.querySelector("#memo").textContent));
  await settled(page);
  assert.match(page.url(), /assume=ukraine-guarantee-proposal-2025%3Aparis-2026-01-coalition-commitment/);
  for (const code of ["FRA", "GBR", "DEU", "POL"]) assert.equal(await classOf(page, code), "country s1", code);
  assert.equal(await classOf(page, "UKR"), "country victim");
  const memo = await page.textContent("#memo");
  assert.match(memo, /variant paris-2026-01-coalition-commitment/);
  assert.match(memo, /version `paris-2026-01` of 2026-01-06/);
  await page.screenshot({ path: path.join(shots, "2-ukraine-guarantee-paris-coalition.png"), fullPage: true });
  await page.close();
});

test("the date slider: NATO in 1950 is twelve states", async () => {
  const page = await open("?aggressor=RUS&victim=NOR&date=2026-06-01");
  const now = await page.$$eval("path.country.s1", (ps) => new Set(ps.map((p) => p.dataset.state)).size);
  await page.fill("#year", "1950");
  await page.dispatchEvent("#year", "input");
  await page.waitForFunction(() => location.search.includes("date=1950-06-01"));
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("11 states bound"));
  await settled(page);
  const then = await page.$$eval("path.country.s1", (ps) => new Set(ps.map((p) => p.dataset.state)).size);
  assert.ok(then < now, `${then} bound in 1950, ${now} now`);
  assert.equal(await classOf(page, "DEU"), "country state"); // West Germany joined in 1955
  await page.screenshot({ path: path.join(shots, "3-nato-1950.png"), fullPage: true });
  await page.close();
});

test("a treaty's page: membership over time, articles, statements, sources", async () => {
  const page = await open("?aggressor=RUS&victim=EST&date=2026-01-01");
  await page.click("#memo a:text('The North Atlantic Treaty')");
  await page.waitForSelector("#treaty-view:not([hidden]) .timeline svg");
  assert.match(page.url(), /treaty=north-atlantic-treaty/);
  const text = await page.textContent("#treaty-view");
  assert.match(text, /Membership over time/);
  assert.match(text, /Article 5/);
  assert.match(text, /Sources/);
  const parties = await page.$$eval("#treaty-map path.country.party", (ps) => ps.length);
  assert.ok(parties >= 28, `${parties} party features`);
  await page.screenshot({ path: path.join(shots, "4-treaty-north-atlantic.png"), fullPage: true });
  await page.goBack();
  await page.waitForSelector("#check-view:not([hidden])");
  await page.close();
});

test("a proposal's page: its statements with their dates and notes", async () => {
  const page = await open("?treaty=ukraine-guarantee-proposal-2025&date=2026-02-01");
  await page.waitForSelector("#treaty-view:not([hidden]) .statement");
  const text = await page.textContent("#treaty-view");
  assert.match(text, /Statements \(\d+\)/);
  assert.match(text, /Rutte/);
  assert.match(text, /2025-08-17 · Steve Witkoff/);
  const notes = await page.$$eval("#treaty-view .statement .note", (ns) => ns.length);
  assert.ok(notes >= 10, `${notes} notes shown`);
  await page.close();
});

test("a treaty's scope on the map: the Rio Art 4 region and NATO's Tropic of Cancer", async () => {
  const page = await open("?treaty=rio-treaty&date=2026-01-01");
  await page.waitForSelector("#treaty-view:not([hidden]) #treaty-map path.area");
  const areas = await page.$$eval("#treaty-map path.area", (ps) => ps.map((p) => p.dataset.area));
  assert.ok(areas.includes("rio-art-4"), `areas drawn: ${areas}`);
  const d = await page.getAttribute("#treaty-map path.area[data-area='rio-art-4']", "d");
  assert.ok(d && d.length > 200, "the region is drawn with its rhumb lines densified");
  const text = await page.textContent("#treaty-view");
  assert.match(text, /Where an attack must happen/);
  assert.match(text, /How casus reads it/);
  await page.screenshot({ path: path.join(shots, "4b-treaty-rio-area.png"), fullPage: true });
  const nato = await open("?treaty=north-atlantic-treaty&date=2026-01-01");
  await nato.waitForSelector("#treaty-view:not([hidden]) #treaty-map path.parallel", { state: "attached" });
  const lats = await nato.$$eval("#treaty-map path.parallel", (ps) => ps.map((p) => Number(p.dataset.lat)));
  assert.ok(lats.some((l) => Math.abs(l - 23.4367) < 1e-6), `parallels drawn: ${lats}`);
  await nato.close();
  await page.close();
});

test("bad input shows the API's diagnostic with its help", async () => {
  const page = await open("?aggressor=RUS&victim=ESTT&date=2026-01-01", { refused: true });
  const alert = await page.textContent("[role=alert]");
  assert.match(alert, /unknown-state/);
  assert.match(alert, /victim: unknown state `ESTT`/);
  assert.match(alert, /did you mean `EST`\?/);
  await page.screenshot({ path: path.join(shots, "5-unknown-state.png") });
  await page.close();
});

test("keyboard: every control is reached with Tab and shows a focus ring", async () => {
  const page = await open("?aggressor=RUS&victim=EST&date=2026-01-01");
  const reached = new Set();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { id: e.id || e.name || e.tagName, outline: s.outlineStyle, width: s.outlineWidth };
    });
    reached.add(info.id);
    if (["aggressor", "victim", "date"].includes(info.id)) {
      assert.equal(info.outline, "solid", info.id);
      assert.equal(info.width, "3px", info.id);
    }
  }
  for (const id of ["aggressor", "swap", "victim", "date", "year"]) assert.ok(reached.has(id), `${id} not reached: ${[...reached]}`);
  await page.focus("#swap");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.search.includes("aggressor=EST&victim=RUS"));
  await page.close();
});

test("the map: a click chooses the victim or the point; play walks NATO from 1949", async () => {
  const page = await open("?aggressor=CHN&victim=JPN&date=2026-01-01");
  await page.click('path.country[data-state="AUS"]');
  await page.waitForFunction(() => location.search.includes("victim=AUS"));
  await settled(page);
  assert.equal(await classOf(page, "AUS"), "country victim");
  assert.equal(await page.inputValue("#victim"), "AUS");

  await page.check("input[name=click][value=point]");
  await page.click('path.country[data-state="AUS"]');
  await page.waitForFunction(() => /[?&]at=-?\d/.test(location.search));
  await page.waitForFunction(() => document.querySelector("#point-where").textContent.includes("Australia"));
  assert.equal(await page.isVisible(".point-marker"), true);
  assert.match(await page.textContent("#memo .event"), /at -?\d+(\.\d+)?, -?\d+(\.\d+)? \(/);

  await page.click("#play");
  await page.waitForFunction(() => /date=19(49|5\d)/.test(location.search));
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "true");
  await page.click("#play");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false");
  await page.close();
});

test("what happens next: a cascade stepped round by round on the map", async () => {
  const page = await open("?aggressor=RUS&victim=EST&date=2026-01-01");
  await page.click("#run-cascade");
  await page.waitForSelector("#next-view:not([hidden]) #round-label");
  await settled(page);
  assert.match(page.url(), /next=cascade/);
  assert.match(await page.textContent("#round-label"), /Round 1 of [2-9]/);
  // Round one: Estonia's allies enter; nobody has yet joined Russia.
  assert.match(await classOf(page, "USA"), /side-victim fresh/);
  assert.match(await classOf(page, "EST"), /side-victim/);
  assert.doesNotMatch(await classOf(page, "PRK"), /side-aggressor/);
  assert.match(await page.textContent("#next-view"), /north-atlantic-treaty Art 5/);
  await page.screenshot({ path: path.join(shots, "6-cascade-round-1.png"), fullPage: true });
  await page.click("#round-next");
  await page.waitForFunction(() => /Round 2 of/.test(document.querySelector("#round-label").textContent));
  assert.match(page.url(), /round=2/);
  // Round two: the strikes on Russia bring in the states bound to it.
  assert.match(await classOf(page, "PRK"), /side-aggressor fresh/);
  assert.match(await classOf(page, "BLR"), /side-aggressor/);
  assert.doesNotMatch(await classOf(page, "USA"), /fresh/);
  assert.match(await page.textContent("#next-view"), /russia-dprk-2024 Art 4/);
  await page.screenshot({ path: path.join(shots, "7-cascade-round-2.png"), fullPage: true });
  // The view is in the URL: a reload shows the same round.
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => /Round 2 of/.test(document.querySelector("#round-label")?.textContent || ""));
  await page.click("#close-next");
  await page.waitForFunction(() => !location.search.includes("next="));
  await settled(page);
  assert.equal(await classOf(page, "USA"), "country s1");
  await page.close();
});

test("what happens next: a simulation of the proposed guarantee as a chart", async () => {
  const page = await open("?aggressor=CHN&victim=IND&date=2026-01-01");
  await page.selectOption("#scenario", "ukraine-guarantee-2027");
  await page.click("#run-simulate");
  await page.waitForSelector("#next-view svg.chart rect.victim-bar");
  await settled(page);
  assert.match(page.url(), /next=simulate&scenario=ukraine-guarantee-2027/);
  const text = await page.textContent("#next-view");
  assert.match(text, /HYPOTHETICAL/);
  assert.match(text, /Credibility used/);
  const bars = await page.$$eval("svg.chart rect.victim-bar", (rs) => rs.length);
  assert.ok(bars >= 3, `${bars} bars`);
  const label = await page.getAttribute("svg.chart", "aria-label");
  assert.match(label, /GBR \d+%/);
  assert.match(await classOf(page, "GBR"), /country s\d/);
  // One world per variant, side by side, each probability with its 95% interval.
  assert.match(text, /alternatives/);
  assert.match(text, /95% interval/);
  const worlds = await page.$$eval("[data-world]", (bs) => bs.length);
  assert.ok(worlds >= 2, `${worlds} worlds`);
  assert.match(await page.textContent("#sim-worlds"), /\d+% \(\d+%–\d+%\)/);
  // Another world is another chart, and the URL keeps it.
  const before = await page.getAttribute("svg.chart", "aria-label");
  await page.click("[data-world='2']");
  await page.waitForFunction(() => /world=2/.test(location.search));
  const after = await page.getAttribute("svg.chart", "aria-label");
  assert.notEqual(before, after, "the second world draws its own chart");
  await page.screenshot({ path: path.join(shots, "8-simulation-ukraine-guarantee.png"), fullPage: true });
  await page.close();
});

test("compare: NATO's Article 5 and the guarantee's Paris variant, with counterexamples", async () => {
  const items = "north-atlantic-treaty,ukraine-guarantee-proposal-2025:paris-2026-01-coalition-commitment";
  const page = await open(`?aggressor=RUS&victim=UKR&date=2027-01-01&next=compare&items=${encodeURIComponent(items)}`);
  await page.waitForSelector("#compare-table");
  const table = await page.textContent("#compare-table");
  assert.match(table, /Who is bound/);
  assert.match(table, /DEU, FRA, GBR, POL/);
  const text = await page.textContent("#next-view");
  assert.match(text, /HYPOTHETICAL/);
  assert.match(text, /counterexample/);
  // A concrete attack on which one binds and the other does not.
  assert.match(text, /attacks Ukraine .* binds (DEU|FRA)/);
  await page.screenshot({ path: path.join(shots, "9-compare-article-5-paris.png"), fullPage: true });
  await page.close();
});

test("no console errors, page errors or policy violations", () => {
  assert.deepEqual(problems, []);
});
