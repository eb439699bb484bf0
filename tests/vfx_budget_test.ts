/**
 * A shot's bid as committed cost in the budget (issue #13): the production
 * office chooses the VFX budget line in the settings (API and the page's
 * form), the budget view and page show the bids of the shots not omitted
 * against it, and a bid change reaches a production manager's budget
 * socket as a `budget_update` — though they never receive VFX events.
 */
import assert from "node:assert/strict";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { api, assertApiError, sessions } from "./helpers/api_client.ts";
import { TestSocket } from "./helpers/events.ts";
import { getPage, postForm, visibleText } from "./helpers/pages.ts";
import { serveApp } from "./helpers/serve.ts";
import { createTestApp, login, withModuleData } from "./helpers/test_app.ts";

const BUDGET = "/api/p/northern-lights/budget";
const SHOTS = "/api/p/northern-lights/vfx/shots";
const PRODUCTION = `/api/productions/${PRODUCTION_ID}`;

// deno-lint-ignore no-explicit-any
type Json = any;

Deno.test("vfx budget - the office chooses the line; the view sums the bids of the shots not omitted", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const budget = (await pm.get(BUDGET)).body;
    assert.equal(budget.vfx, null);
    const line = budget.categories.at(-1);
    const settings = ((await pm.get("/api/productions")).body as Json[])
      .find((p) => p.id === PRODUCTION_ID);

    // Only the production office changes it; a line must exist.
    const refused = await api(app, s.director).patch(PRODUCTION, {
      vfxBudgetCategoryId: line.id,
    });
    assertApiError(refused, 403);
    assertApiError(
      await pm.patch(PRODUCTION, { vfxBudgetCategoryId: "missing" }),
      400,
    );
    assertApiError(
      await pm.patch(PRODUCTION, { vfxBudgetCategoryId: "x".repeat(300) }),
      400,
    );
    const saved = await pm.patch(
      PRODUCTION,
      { vfxBudgetCategoryId: line.id },
      { "if-match": String(settings.version) },
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.vfxBudgetCategoryId, line.id);

    const shots = (await api(app, s.vfx).get(SHOTS)).body as Json[];
    const counted = shots.filter((x) => x.status !== "omitted");
    const vfx = (await pm.get(BUDGET)).body.vfx;
    assert.deepEqual(vfx, {
      categoryId: line.id,
      committedCents: counted.reduce((n, x) => n + x.bidCents, 0),
      shots: counted.length,
    });
    // Display only: the line's figures and the totals are as before.
    const after = (await pm.get(BUDGET)).body;
    assert.deepEqual(after.totals, budget.totals);
    assert.deepEqual(after.categories, budget.categories);
  }));

Deno.test("vfx budget - a bid change reaches the production manager's budget live, never the VFX event", async () => {
  const app = await createTestApp({}, {
    moduleData: true,
    hub: { pollMs: 200 },
  });
  const server = serveApp(app);
  const sockets: TestSocket[] = [];
  try {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const line = (await pm.get(BUDGET)).body.categories[0];
    await pm.patch(PRODUCTION, { vfxBudgetCategoryId: line.id });
    const open = async (who: string) => {
      const socket = new TestSocket(
        `ws://127.0.0.1:${server.port}/api/ws?production=${PRODUCTION_ID}`,
        { authorization: `Bearer ${s[who].token}` },
      );
      sockets.push(socket);
      await socket.openedWithin();
      await socket.nextOf("welcome");
      return socket;
    };
    const [manager, crew] = [await open("prodmanager"), await open("crew")];
    const [shot] = (await api(app, s.vfx).get(SHOTS)).body as Json[];
    const bid = shot.bidCents + 50_000;
    const patched = await api(app, s.vfx).patch(`${SHOTS}/${shot.id}`, {
      bidCents: bid,
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const frame = await manager.next((f) =>
      f.type === "budget_update" &&
      (f.data as Json).action === "committed_changed"
    );
    assert.equal((frame.data as Json).category.id, line.id);
    assert.ok(!manager.frames.some((f) => f.type === "vfx_update"));
    // What the event says to read again now holds the new bid.
    const vfx = (await pm.get(BUDGET)).body.vfx;
    assert.ok(vfx.committedCents >= bid);
    // Crew read no budget: a sentinel after it, and no budget frame.
    const marker = await api(app, s.producer).post(
      "/api/p/northern-lights/announcements",
      { message: "sentinel" },
    );
    await crew.next((f) =>
      f.type === "announcement" && (f.data as Json).id === marker.body.id
    );
    assert.ok(!crew.frames.some((f) => f.type === "budget_update"));
  } finally {
    for (const socket of sockets) await socket.close();
    await server.close();
  }
});

Deno.test("vfx budget - the settings form offers the budget's lines; the budget page shows the commitment", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "prodmanager");
    const page = await getPage(app, "/p/northern-lights/settings", cookie);
    assert.equal(page.status, 200);
    const select = page.html.match(
      /<select name="vfxBudgetCategoryId"[\s\S]*?<\/select>/,
    )?.[0];
    assert.ok(select, "the VFX budget line field");
    const options = [...select.matchAll(/<option(?: value="([^"]*)")?/g)]
      .map((m) => m[1] ?? "");
    assert.equal(options[0], "", "None first");
    assert.ok(options.length > 2);

    // The whole form as the browser posts it, with the line chosen.
    const fields: Record<string, string> = {};
    for (const m of page.html.matchAll(/<input [^>]*name="([^"]+)"[^>]*>/g)) {
      fields[m[1]] = m[0].match(/value="([^"]*)"/)?.[1] ?? "";
    }
    for (
      const m of page.html.matchAll(
        /<select name="([^"]+)"[\s\S]*?<option value="([^"]*)"[^>]*selected/g,
      )
    ) fields[m[1]] = m[2];
    fields.departments =
      page.html.match(/<textarea name="departments"[^>]*>([^<]*)</)![1];
    fields.vfxBudgetCategoryId = options[1];
    const res = await postForm(
      app,
      "/p/northern-lights/settings",
      fields,
      cookie,
    );
    assert.equal(res.status, 303, await res.text());

    const again = await getPage(app, "/p/northern-lights/settings", cookie);
    assert.match(
      again.html,
      new RegExp(`<option value="${options[1]}" selected`),
    );
    const budget = await getPage(app, "/p/northern-lights/budget", cookie);
    const text = visibleText(budget.html);
    assert.match(text, /Committed \(VFX bids\) €[\d,.]+ against /);
    assert.match(text, /Committed \(VFX bids\): €[\d,.]+ · \d+ shots/);

    // The director's settings page shows no budget line at all.
    const director = await login(app, "director");
    const theirs = await getPage(
      app,
      "/p/northern-lights/settings",
      director.cookie,
    );
    assert.doesNotMatch(theirs.html, /VFX budget line/);
    assert.ok(!theirs.html.includes(options[1]), "the line's id");
  }));
