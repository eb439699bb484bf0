/**
 * Launches the system's Debian Chromium through playwright-core for the
 * browser tests. No browser is ever downloaded.
 *
 * @module
 */
import type { Browser } from "playwright-core";
import { settlesWithin } from "@/lib/deadline.ts";

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
export async function launchChromium(
  options: { watchdogMs?: number } = {},
): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  const before = chromiumChildren();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    timeout: 30_000,
  });
  // Playwright's Browser does not expose its process; ours is the Chromium
  // child of this process that was not there before the launch.
  const pid = chromiumChildren().find((p) => !before.includes(p));
  // The bound of every Playwright wait, those without a timeout of their
  // own included (context.close(), newPage()…): a killed browser makes them
  // all reject, so a stuck test fails instead of hanging the run.
  const ms = options.watchdogMs ?? WATCHDOG_MS;
  const watchdog = setTimeout(() => {
    console.error(`launchChromium: browser still open after ${ms} ms`);
    if (pid !== undefined) kill(pid);
  }, ms);
  LAUNCHED.set(browser, { pid, watchdog });
  return browser;
}

/** How long a browser may stay open before it is killed, ms. */
const WATCHDOG_MS = 20 * 60_000;

const LAUNCHED = new WeakMap<
  Browser,
  { pid: number | undefined; watchdog: ReturnType<typeof setTimeout> }
>();

/** Kills Chromium's process group (Playwright starts it detached). */
function kill(pid: number) {
  for (const target of [-pid, pid]) {
    try {
      Deno.kill(target, "SIGKILL");
      return;
    } catch {
      // No such group (or process): try the process, then give up.
    }
  }
}

/** Chromium processes started by this process (Linux `/proc`; else none). */
function chromiumChildren(): number[] {
  const found: number[] = [];
  try {
    for (const entry of Deno.readDirSync("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      try {
        const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
        // Fields after "(comm)": state, ppid, …
        const ppid = Number(
          stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1],
        );
        if (ppid !== Deno.pid) continue;
        const cmd = Deno.readTextFileSync(`/proc/${entry.name}/cmdline`);
        if (cmd.includes("chromium")) found.push(Number(entry.name));
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc: the deadline still bounds close(), without the kill.
  }
  return found;
}

/**
 * Closes the browser in bounded time: `browser.close()` gets `ms`; if it
 * overruns, the Chromium process group is killed (Playwright launches it
 * detached, in its own group) and the close is given up after a moment.
 * Never throws: it runs in `finally` blocks.
 */
export async function closeBrowser(
  browser: Browser | undefined,
  ms = 10_000,
): Promise<void> {
  if (browser === undefined) return;
  const launched = LAUNCHED.get(browser);
  clearTimeout(launched?.watchdog);
  if (await settlesWithin(browser.close(), ms)) return;
  const pid = launched?.pid;
  console.error(
    `closeBrowser: browser.close() overran ${ms} ms; killing Chromium ${
      pid ?? "(pid unknown)"
    }`,
  );
  if (pid === undefined) return;
  kill(pid);
  await settlesWithin(browser.close(), 2_000);
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
