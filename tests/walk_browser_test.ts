/**
 * Every page every role can open, as a user sees it: signed in as each demo
 * role, the walk starts from the role's navigation and follows the links it
 * finds (in the page and in the top bar: home, the production switcher,
 * studio admin) to one page of each route (a task, a shot, a scene…), so a
 * page added to the navigation or linked from it is walked without editing
 * this test; and every page route of the route table must have been walked
 * by some role (the sign-in page signed out), so a page nobody reaches fails
 * here instead of escaping the checks. Each page is checked at a laptop and
 * a phone size, in light and dark: no horizontal overflow, no console
 * error, no failed request, no CSP violation, and no serious or critical
 * axe-core violation.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { navFor } from "@/lib/navigation.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
  signedInState,
} from "./helpers/browser.ts";
import { pageKind, pageRoute, walkableLink } from "./helpers/page_walk.ts";
import { routeTable } from "./helpers/route_table.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { createTestApp, DEMO_SLUG, type TestApp } from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";

const runBrowser = browserTestsEnabled();

const VARIANTS = [
  { name: "1366 light", width: 1366, height: 850, dark: false },
  { name: "1366 dark", width: 1366, height: 850, dark: true },
  { name: "390 light", width: 390, height: 844, dark: false },
  { name: "390 dark", width: 390, height: 844, dark: true },
] as const;

/** Pages of one kind visited per role; more would only repeat the check. */
const MAX_DEPTH = 2;

/** Every page route of the app: what the walk must reach. */
const PAGE_ROUTES = routeTable()
  .filter((r) => !r.pattern.startsWith("/api/") && r.methods.includes("GET"))
  .map((r) => r.pattern);

/** The kind of page a path is: its route, else its shape. */
function kindOf(path: string): string {
  return pageRoute(path, PAGE_ROUTES) ?? pageKind(path);
}

interface Problems {
  list: string[];
}

/** Records console errors, page errors, failed requests and CSP reports. */
function watch(page: Page, problems: Problems, where: () => string) {
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      problems.list.push(`${where()}: console error: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => {
    problems.list.push(`${where()}: page error: ${err.message}`);
  });
  page.on("requestfailed", (req) => {
    // Navigating away aborts what the old page still had in flight.
    if (req.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.list.push(
      `${where()}: request failed: ${req.url()} ${req.failure()?.errorText}`,
    );
  });
  page.on("response", (res) => {
    if (res.status() >= 400) {
      problems.list.push(`${where()}: HTTP ${res.status()} for ${res.url()}`);
    }
  });
}

/**
 * The minified axe-core build, injected into every page as an init script:
 * it runs outside the page's CSP (as a browser extension would) and is
 * parsed once per page instead of being sent over on each check.
 */
async function axeSource(): Promise<string> {
  await import("axe-core"); // installs the package for a fresh checkout
  const require = createRequire(import.meta.url);
  return await Deno.readTextFile(require.resolve("axe-core/axe.min.js"));
}

/**
 * The pages to walk for a role: its navigation, then one page of each kind
 * linked from there, in the page or the top bar (breadth first, up to
 * {@linkcode MAX_DEPTH} links deep).
 */
async function discover(
  page: Page,
  origin: string,
  start: string[],
): Promise<string[]> {
  const kinds = new Set(start.map(kindOf));
  const found = [...start];
  let frontier = [...start];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      const res = await page.goto(`${origin}${path}`);
      if (res === null || !res.ok()) continue;
      const hrefs = await page.$$eval(
        "main a[href]:not([download]), header a[href]:not([download])",
        (links) => links.map((a) => a.getAttribute("href") ?? ""),
      );
      for (const href of hrefs) {
        const link = walkableLink(href, origin);
        if (link === null || kinds.has(kindOf(link))) continue;
        kinds.add(kindOf(link));
        found.push(link);
        next.push(link);
      }
    }
    frontier = next;
  }
  return found;
}

/** What is wrong with the page as shown now, once its transitions ended. */
async function inspect(page: Page): Promise<string[]> {
  const out: string[] = [];
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document.getAnimations()
          .filter((a) => a.effect?.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => {})),
      ),
      // A bound on the wait above (an animation may never settle), not a
      // pause: pages with no animation go on at once.
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ])
  );
  const width = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: globalThis.innerWidth,
  }));
  if (width.scroll > width.inner) {
    out.push(`page is ${width.scroll} px wide in a ${width.inner} px window`);
  }
  const csp = await page.evaluate(() =>
    (globalThis as unknown as { __csp?: string[] }).__csp ?? []
  );
  for (const v of csp) out.push(`CSP violation: ${v}`);
  const violations = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    // deno-lint-ignore no-explicit-any
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      // deno-lint-ignore no-explicit-any
      targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(" ")),
    }));
  });
  for (const v of violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      out.push(`axe ${v.impact} ${v.id}: ${v.targets.join(", ")}`);
    }
  }
  return out;
}

/**
 * Runs `fn` on a page of a new context (with axe and the CSP recorder
 * installed when `axe` is given) and closes the context afterwards.
 */
async function withContext<T>(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0],
  fn: (page: Page) => Promise<T>,
  axe?: string,
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    if (axe !== undefined) {
      await context.addInitScript(() => {
        const seen: string[] = [];
        (globalThis as unknown as { __csp: string[] }).__csp = seen;
        document.addEventListener("securitypolicyviolation", (e) => {
          seen.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await context.addInitScript({ content: axe });
    }
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * Checks `pages` in the four variants at once, signed in as `state` (or
 * signed out): each page waits on the server and the browser in turn, so
 * they overlap well even on two cores. What is wrong, sorted.
 */
async function checkPages(
  browser: Browser,
  origin: string,
  state: Awaited<ReturnType<typeof signedInState>> | undefined,
  who: string,
  pages: string[],
  axe: string,
): Promise<string[]> {
  const problems: Problems = { list: [] };
  await Promise.all(VARIANTS.map((variant) =>
    withContext(browser, {
      storageState: state,
      viewport: { width: variant.width, height: variant.height },
      colorScheme: variant.dark ? "dark" : "light",
      // axe reads colours as they are at that instant: a button that turns
      // enabled as the socket connects would be caught half-way through its
      // colour transition (navy text on a still-dark background). The
      // stylesheet drops transitions for reduced motion.
      reducedMotion: "reduce",
    }, async (page) => {
      let at = "";
      watch(page, problems, () => at);
      for (const path of pages) {
        at = `${who} ${path} (${variant.name})`;
        const res = await page.goto(`${origin}${path}`, {
          waitUntil: "load",
        });
        if (res === null || !res.ok()) {
          problems.list.push(`${at}: HTTP ${res?.status()}`);
          continue;
        }
        for (const p of await inspect(page)) {
          problems.list.push(`${at}: ${p}`);
        }
      }
    }, axe)
  ));
  return problems.list.sort();
}

Deno.test({
  name: "browser - every page of every role: fits, no errors, accessible",
  ignore: !runBrowser,
  async fn(t) {
    // Four browsers walk every page at once from one address, as a studio
    // behind one proxy would: the per-address handshake cap (120 a minute)
    // is raised as README tells such a deployment to do.
    const app: TestApp = await createTestApp(
      { wsHandshakesPerMinute: 10_000 },
      { moduleData: true },
    );
    const server = serveApp(app);
    const origin = server.origin;
    const axe = await axeSource();
    /** The routes some walk reached. */
    const walked = new Set<string>();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      await t.step("signed out", async () => {
        const pages = ["/login"];
        for (const path of pages) walked.add(kindOf(path));
        const problems = await checkPages(
          browser!,
          origin,
          undefined,
          "signed out",
          pages,
          axe,
        );
        assert.deepEqual(problems, [], problems.join("\n"));
      });
      for (const demo of DEMO_USERS) {
        await t.step(demo.username, async () => {
          const state = await signedInState(browser!, origin, demo.username);
          // The role's navigation in the demo feature film.
          const start = navFor(demo.role).map((item) =>
            inProduction(DEMO_SLUG, item.href)
          );
          const pages = await withContext(
            browser!,
            { storageState: state },
            (page) => discover(page, origin, start),
          );
          // Every navigation entry was reachable and walked.
          assert.deepEqual(pages.slice(0, start.length), start);
          for (const path of pages) walked.add(kindOf(path));
          const problems = await checkPages(
            browser!,
            origin,
            state,
            demo.username,
            pages,
            axe,
          );
          assert.deepEqual(problems, [], problems.join("\n"));
        });
      }
      await t.step("every page route was walked", () => {
        const missed = PAGE_ROUTES.filter((route) => !walked.has(route));
        assert.deepEqual(
          missed,
          [],
          `no role reached ${missed.join(", ")}: link each page from the ` +
            "navigation or a page that is walked",
        );
      });
    } finally {
      await closeBrowser(browser);
      await server.close();
    }
  },
});
