/**
 * The stripboard at the size issue #14 names: a 120-page script of 150
 * scenes scheduled over 40 shooting days.
 * - `GET /p/<slug>/schedule` server time (target: ≤ 50 ms),
 * - `GET /api/p/<slug>/schedule` (the board's JSON, what a refetch costs),
 * - JS for the page, gzip, all modules it loads (target: ≤ 40 KB).
 *
 * Run: `deno task bench` (or `deno bench -A bench/schedule_bench.ts` after
 * `deno task build`).
 */
import { syntheticScene } from "@/lib/fountain/testing.ts";
import { applyBoardOp, getSchedule } from "@/lib/schedule/service.ts";
import { createScript } from "@/lib/script/service.ts";
import { serviceContext } from "@/lib/service.ts";
import { listMembers } from "@/lib/team/members.ts";
import { createTestApp, DEMO_SLUG, login } from "@/tests/helpers/test_app.ts";
import { formatWeight, jsWeight, productionBuild } from "./js_weight.ts";

const SCENES = 150;
const DAYS = 40;
const CAST = ["KEEPER", "SKIPPER", "ELLA", "BRAM", "NORA", "OLAF", "INGRID"];

/** About four fifths of a page: 150 of them make a 120-page script. */
function scene(n: number): string {
  const more = "The keeper climbs the stairs, counts the steps, " +
    "checks the lamp, wipes the glass and writes the time in the log.\n\n";
  const guest = CAST[2 + n % (CAST.length - 2)];
  return syntheticScene(n).replace(
    "\n\nKEEPER\n",
    `\n\n${more.repeat(8)}${guest}\nWe hold until the light turns.\n\nKEEPER\n`,
  );
}

// Weighed as deployed: the production build is minified.
const app = await createTestApp({}, { build: await productionBuild() });
const kv = app.services.kv;
const producer = (await listMembers(kv)).find((m) => m.role === "producer")!;
const cx = serviceContext(kv, producer);
const source = Array.from({ length: SCENES }, (_, n) => scene(n)).join("");
await createScript(cx, { title: "Bench", source });

// 40 days, the strips dealt out in script order.
for (let d = 0; d < DAYS; d++) await applyBoardOp(cx, { op: "add_day" });
const keys = (await getSchedule(cx)).board.boneyard;
for (const [i, key] of keys.entries()) {
  const day = Math.floor(i * DAYS / keys.length);
  await applyBoardOp(cx, {
    op: "move_strip",
    sceneKey: key,
    to: { day, index: 1000 },
  });
}

const { cookie } = await login(app, "prodmanager");
async function get(path: string): Promise<string> {
  const res = await app.handler(
    new Request(`http://localhost${path}`, { headers: { cookie } }),
  );
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return body;
}

const page = `/p/${DEMO_SLUG}/schedule`;
const html = await get(page);
console.log(
  `Stripboard: ${keys.length} strips over ${DAYS} days, HTML ${
    (html.length / 1024).toFixed(1)
  } KB; JS for the page: ${formatWeight(await jsWeight(html, get))}`,
);

Deno.bench(`GET ${page}: 150 scenes over 40 days (SSR)`, async () => {
  await get(page);
});

Deno.bench(`GET /api/p/${DEMO_SLUG}/schedule (the board's JSON)`, async () => {
  await get(`/api/p/${DEMO_SLUG}/schedule`);
});
