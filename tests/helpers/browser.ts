/**
 * What browser tests share: Chromium launched and closed per the repo's
 * rules (`./chromium.ts`: Debian's binary, a watchdog, a bounded close),
 * signing a demo user in through the login form, and the common waits.
 * playwright-core is only imported as types here, so a test file whose
 * browser tests are ignored never loads it.
 *
 * @example
 * ```ts
 * const page = await signIn(context, origin, "producer", { path: "/budget" });
 * await waitOnline(page);
 * ```
 *
 * @module
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_SLUG, demoPath } from "./demo_path.ts";

export {
  browserAvailable,
  browserTestsEnabled,
  CHROMIUM_PATH,
  closeBrowser,
  launchChromium,
} from "./chromium.ts";

/** The demo users' password. */
export const DEMO_PASSWORD = "password123";

/** Playwright's saved cookies and storage of a signed-in context. */
export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Fills the login form on `page` and submits it (no wait for the result). */
export async function submitLogin(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}

/** Options of {@linkcode signIn}. */
export interface SignInOptions {
  /**
   * The page to land on after signing in: the demo feature film's
   * dashboard by default; an old single-production path (`/tasks`) is
   * that page of the demo feature film ({@linkcode demoPath}).
   */
  path?: string;
  /** Also wait for the live connection ({@linkcode waitOnline}). */
  online?: boolean;
  /** Bound of the wait for the landing page, ms (Playwright's default). */
  timeout?: number;
  /** Collects the page's errors from its first load ({@linkcode watchErrors}). */
  errors?: string[];
}

/**
 * Opens a page in `context`, signs `username` in through the login form
 * (asked for `path`, as a redirect to sign-in does) and resolves once the
 * page shows `path` (in the demo feature film, see {@linkcode demoPath}).
 */
export async function signIn(
  context: BrowserContext,
  origin: string,
  username: string,
  options: SignInOptions = {},
): Promise<Page> {
  const path = demoPath(options.path ?? `/p/${DEMO_SLUG}`);
  const page = await context.newPage();
  if (options.errors) watchErrors(page, options.errors);
  await page.goto(`${origin}/login?next=${encodeURIComponent(path)}`);
  await Promise.all([
    page.waitForURL(`${origin}${path}`, { timeout: options.timeout }),
    submitLogin(page, username),
  ]);
  if (options.online) await waitOnline(page);
  return page;
}

/**
 * Signs `username` in on a context of its own and returns the session as
 * storage state, for contexts that start signed in.
 */
export async function signedInState(
  browser: Browser,
  origin: string,
  username: string,
  options: Pick<SignInOptions, "timeout"> = {},
): Promise<StorageState> {
  const context = await browser.newContext();
  try {
    await signIn(context, origin, username, options);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** Resolves once the page's connection pill says it is live. */
export async function waitOnline(
  page: Page,
  options: { timeout?: number } = {},
): Promise<Page> {
  await page.waitForSelector('.conn[data-status="online"]', options);
  return page;
}

/**
 * Records the page's uncaught errors (and, with `console`, its console
 * errors: CSP violations land there) into `errors`, each with the page's
 * address; returns `errors`.
 */
export function watchErrors(
  page: Page,
  errors: string[] = [],
  options: { console?: boolean } = {},
): string[] {
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  if (options.console) {
    page.on("console", (msg) => {
      if (msg.type() === "error") {
        errors.push(`${page.url()}: console: ${msg.text()}`);
      }
    });
  }
  return errors;
}
