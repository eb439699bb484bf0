/**
 * Layout of the reports, script, team and VFX pages measured in Chromium at
 * a laptop (1366 px) and a phone (390 px) width, light and dark: the page
 * never scrolls sideways, tables fit their cards (or, for the cast matrix,
 * scroll inside theirs), chart labels render at a readable size, the
 * breakdown sheet's "All scenes" button keeps its place, and axe-core finds
 * no serious or critical violation (nor the duplicate landmarks /vfx had).
 */
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { getScript, listScripts } from "@/lib/script/service.ts";
import { serviceContext } from "@/lib/service.ts";
import { shots } from "@/lib/vfx/store.ts";
import { listElements } from "@/lib/elements/store.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signedInState,
} from "./helpers/browser.ts";
import { createTestApp, type TestApp } from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";

const runBrowser = browserTestsEnabled();

const VARIANTS = [
  { name: "1366 light", width: 1366, height: 850, dark: false },
  { name: "1366 dark", width: 1366, height: 850, dark: true },
  { name: "390 light", width: 390, height: 844, dark: false },
  { name: "390 dark", width: 390, height: 844, dark: true },
] as const;

type Variant = typeof VARIANTS[number];

/** Smallest rendered size of chart text, in CSS pixels. */
const MIN_CHART_TEXT = 12;

/** Rules the pages once broke that axe rates below "serious". */
const ALSO_FAIL = ["landmark-unique", "heading-order"];

/** Axe violations that fail the test: "[impact] rule: targets". */
async function axeViolations(page: Page, source: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) {
    await page.evaluate(source);
  }
  const found: { id: string; impact: string; targets: string[] }[] = await page
    .evaluate(async () => {
      // deno-lint-ignore no-explicit-any
      const axe = (globalThis as any).axe;
      const result = await axe.run(document, { resultTypes: ["violations"] });
      // deno-lint-ignore no-explicit-any
      return result.violations.map((v: any) => ({
        id: v.id as string,
        impact: v.impact as string,
        // deno-lint-ignore no-explicit-any
        targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(" ")),
      }));
    });
  return found
    .filter((v) =>
      v.impact === "serious" || v.impact === "critical" ||
      ALSO_FAIL.includes(v.id)
    )
    .map((v) => `[${v.impact}] ${v.id}: ${v.targets.join(", ")}`);
}

/** Page width against the window's. */
function pageWidth(page: Page) {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: globalThis.innerWidth,
  }));
}

/**
 * Tables (by selector) whose content is wider than their scroll box: cut
 * off, or scrolling sideways inside the card.
 */
function overflowingTables(page: Page, selector: string) {
  return page.$$eval(selector, (tables) =>
    tables.flatMap((table) => {
      const box = table.closest(".table-wrap") ?? table.parentElement!;
      return table.scrollWidth > box.clientWidth + 1
        ? [`${table.className}: ${table.scrollWidth} > ${box.clientWidth}`]
        : [];
    }));
}

/** The reports: chart text size, figures inside their cards. */
async function checkReports(page: Page, where: string) {
  const texts = await page.$$eval(
    "svg.report-chart text",
    (nodes) =>
      nodes.map((node) => {
        const text = node as SVGTextElement;
        const scale = text.ownerSVGElement!.getScreenCTM()!.a;
        return {
          label: text.textContent ?? "",
          height: text.getBoundingClientRect().height,
          font: parseFloat(getComputedStyle(text).fontSize) * scale,
        };
      }),
  );
  assert.ok(texts.length >= 20, `${where}: chart labels are drawn`);
  for (const t of texts) {
    assert.ok(
      t.font >= MIN_CHART_TEXT && t.height >= MIN_CHART_TEXT,
      `${where}: chart text "${t.label}" renders at ${t.font.toFixed(1)} px`,
    );
  }
  const outside = await page.$$eval(
    ".reports > .card",
    (cards) =>
      cards.flatMap((card) => {
        const c = card.getBoundingClientRect();
        return [...card.querySelectorAll("table, svg")].flatMap((el) => {
          const r = el.getBoundingClientRect();
          return r.right > c.right + 0.5 || r.left < c.left - 0.5
            ? [
              `${
                card.id || card.querySelector("h2")?.textContent
              }: ${el.tagName} ${r.left}–${r.right} outside ${c.left}–${c.right}`,
            ]
            : [];
        });
      }),
  );
  assert.deepEqual(outside, [], `${where}: charts and tables in their cards`);
  assert.deepEqual(
    await overflowingTables(page, ".report-figures"),
    [],
    `${where}: every figures table fits its card`,
  );
}

/** The breakdown sheet: "All scenes" first in the row, steps at its end. */
async function checkSheetNav(page: Page, where: string) {
  const nav = await page.$eval(".sheet-nav", (el) => {
    const box = (e: Element | null) => e?.getBoundingClientRect() ?? null;
    const n = el.getBoundingClientRect();
    const all = box(el.querySelector("a:not([rel])"));
    const next = box(el.querySelector('a[rel="next"]'));
    const prev = box(el.querySelector('a[rel="prev"]'));
    return {
      left: n.left,
      right: n.right,
      all: all && { left: all.left, top: all.top },
      next: next && { right: next.right },
      prev: prev && { right: prev.right },
    };
  });
  assert.ok(nav.all, `${where}: an "All scenes" link`);
  assert.ok(
    Math.abs(nav.all.left - nav.left) < 1,
    `${where}: "All scenes" starts the row (at ${nav.all.left}, row at ${nav.left})`,
  );
  const last = nav.next ?? nav.prev;
  assert.ok(last, `${where}: a previous or next scene`);
  assert.ok(
    Math.abs(last.right - nav.right) < 1,
    `${where}: previous/next end the row`,
  );
}

Deno.test({
  name:
    "browser - reports, script, team, VFX and element pages fit at 1366 and 390 px",
  ignore: !runBrowser,
  async fn(t) {
    const app: TestApp = await createTestApp({}, { moduleData: true });
    const server = serveApp(app);
    const origin = server.origin;
    const { kv } = app.services;
    const reader = serviceContext(kv, {
      id: "layout-test",
      name: "",
      role: "producer",
    });
    const [script] = await listScripts(reader);
    const { scenes } = await getScript(reader, script.id);
    const [shot] = await shots.findBy(kv, "code", "NL_010_0040");
    const castMember = (await listElements(
      productionKv(app.services.store, PRODUCTION_ID),
    )).find((e) => e.category === "cast")!;
    const sheet = (i: number) =>
      `/script/${script.id}/scenes/${scenes.at(i)!.id}`;
    const pages = [
      "/reports",
      "/script",
      `/script/${script.id}`,
      `/script/${script.id}?view=read`,
      `/script/${script.id}/reports`,
      sheet(0),
      sheet(4),
      sheet(-1),
      "/team",
      "/vfx",
      `/vfx/${shot.id}`,
      `/p/northern-lights/elements/${castMember.id}`,
      "/admin",
    ];
    const axe = (await import("axe-core")).default.source;
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const state = await signedInState(browser, origin, "producer", {
        timeout: 10_000,
      });
      for (const variant of VARIANTS) {
        await t.step(variant.name, async () => {
          const context = await browser!.newContext({
            storageState: state,
            viewport: { width: variant.width, height: variant.height },
            colorScheme: variant.dark ? "dark" : "light",
            // axe reads colours at one instant: the comment button turning
            // enabled as the socket connects could be caught mid-transition
            // (as in walk_browser_test.ts); reduced motion drops transitions.
            reducedMotion: "reduce",
          });
          try {
            const page = await context.newPage();
            for (const path of pages) {
              await checkPage(page, origin, path, variant, axe);
            }
          } finally {
            await context.close();
          }
        });
      }
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});

async function checkPage(
  page: Page,
  origin: string,
  path: string,
  variant: Variant,
  axe: string,
) {
  const where = `${path} (${variant.name})`;
  const res = await page.goto(`${origin}${path}`, { waitUntil: "load" });
  assert.equal(res?.status(), 200, where);
  const width = await pageWidth(page);
  assert.ok(
    width.scroll <= width.inner,
    `${where}: the page is ${width.scroll} px wide in a ${width.inner} px window`,
  );
  // Lists that must show every column: cut off nowhere (phones stack them).
  assert.deepEqual(
    await overflowingTables(
      page,
      ".script-table, .scene-table, .team-table, .shot-table, .element-scene-table, .admin-table, .report-table:not(.cast-matrix)",
    ),
    [],
    `${where}: tables fit their cards`,
  );
  if (path === "/reports") await checkReports(page, where);
  if (path.includes("/scenes/")) await checkSheetNav(page, where);
  assert.deepEqual(await axeViolations(page, axe), [], `${where}: axe`);
}
