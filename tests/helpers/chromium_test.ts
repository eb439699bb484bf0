import assert from "node:assert/strict";
import { waitFor } from "./events.ts";
import {
  browserTestsEnabled,
  closeBrowser,
  launchChromium,
} from "./chromium.ts";

const runBrowser = browserTestsEnabled();

/** Whether `pid` still runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Chromium children of this process, by pid. */
function children(): number[] {
  return [...Deno.readDirSync("/proc")].map((e) => Number(e.name)).filter(
    (pid) => {
      try {
        const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
        const ppid = Number(
          stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1],
        );
        return ppid === Deno.pid && running(pid);
      } catch {
        return false;
      }
    },
  );
}

Deno.test("closeBrowser - without a browser it does nothing", async () => {
  await closeBrowser(undefined);
});

Deno.test({
  name: "closeBrowser - a close that overruns its deadline kills Chromium",
  ignore: !runBrowser,
  async fn() {
    const before = children();
    const browser = await launchChromium();
    const [pid] = children().filter((p) => !before.includes(p));
    assert.ok(pid !== undefined, "Chromium runs as our child");
    // A 1 ms deadline: close() cannot finish in time, so the kill runs.
    await closeBrowser(browser, 1);
    await waitFor(() => !running(pid), 5_000, "Chromium to end");
  },
});

Deno.test({
  name: "launchChromium - the watchdog kills a browser left open too long",
  ignore: !runBrowser,
  async fn() {
    const before = children();
    const browser = await launchChromium({ watchdogMs: 200 });
    try {
      const [pid] = children().filter((p) => !before.includes(p));
      await waitFor(() => !running(pid), 5_000, "the watchdog's kill");
      // Whatever the test was waiting for fails instead of hanging.
      await assert.rejects(() => browser.newPage());
    } finally {
      await closeBrowser(browser);
    }
  },
});
