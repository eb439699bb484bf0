/**
 * Launches the system's Debian Chromium through playwright-core for the
 * browser tests. No browser is ever downloaded.
 *
 * @module
 */
import type { Browser } from "playwright-core";

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags keeping Chromium headless, offline and quiet. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Whether the Chromium binary exists at {@link CHROMIUM_PATH}. */
export function browserAvailable(): boolean {
  try {
    return Deno.statSync(CHROMIUM_PATH).isFile;
  } catch {
    return false;
  }
}

/**
 * Launches headless Chromium from {@link CHROMIUM_PATH}. Playwright gives it
 * a fresh temporary profile, removed again by `browser.close()`.
 * playwright-core is imported only here, so a test file whose browser tests
 * are ignored never loads it.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  });
}

/**
 * Whether this run drives a browser: when Chromium is installed. Under
 * `CI=true` a missing Chromium is an error, never a silent skip.
 */
export function browserTestsEnabled(): boolean {
  const available = browserAvailable();
  if (Deno.env.get("CI") === "true" && !available) {
    throw new Error(
      `CI=true but Chromium was not found at ${CHROMIUM_PATH}: ` +
        "the browser tests must run in CI (install the Debian chromium package)",
    );
  }
  return available;
}
