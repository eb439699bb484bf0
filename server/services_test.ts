import assert from "node:assert/strict";
import type { Config } from "@/lib/config.ts";
import { DEMO_USERS, SECOND_DEMO_PRODUCTION, seedDemo } from "@/lib/seed.ts";
import { openServices } from "./services.ts";
import { listMembers } from "@/lib/team/members.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { productionKv } from "@/lib/store/production_kv.ts";

const base: Config = {
  port: 0,
  kvPath: ":memory:",
  jwtSecret: undefined,
  production: false,
  allowedOrigins: [],
  bus: "kv",
  wsHandshakesPerMinute: 120,
  maxUploadBytes: 50 * 1024 * 1024,
};

Deno.test("openServices - a development secret survives a restart", async () => {
  const dir = await Deno.makeTempDir();
  const config = { ...base, kvPath: `${dir}/kv.sqlite3` };
  try {
    const first = await openServices(config);
    await seedDemo(first.kv, { passwordIterations: 1000 });
    const session = await first.auth.login(
      { username: "crew", password: "password123" },
      "127.0.0.1",
    );
    await first.close();
    const second = await openServices(config);
    try {
      const again = await second.auth.authenticate(session.token);
      assert.equal(again?.account.username, "crew");
    } finally {
      await second.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("seedDemo - seeds the production and one user per role, once", async () => {
  const store = await Deno.openKv(":memory:");
  // As the app seeds it: through the demo feature film's view (main.ts).
  const kv = productionKv(store, PRODUCTION_ID);
  try {
    assert.equal(await seedDemo(kv, { passwordIterations: 1000 }), true);
    assert.equal(await seedDemo(kv, { passwordIterations: 1000 }), false);
    const all = await listMembers(kv);
    assert.deepEqual(
      all.map((u) => u.username).sort(),
      DEMO_USERS.map((u) => u.username).sort(),
    );
    assert.equal(new Set(all.map((u) => u.role)).size, 6);
    // The second production: its own members, in their roles there.
    const second = productionKv(store, SECOND_DEMO_PRODUCTION.id);
    assert.deepEqual(
      Object.fromEntries(
        (await listMembers(second)).map((u) => [u.username, u.role]),
      ),
      SECOND_DEMO_PRODUCTION.members,
    );
  } finally {
    store.close();
  }
});

Deno.test("openServices - applies the event retention and finishes history purges", async () => {
  const { eventRetentionMs } = await import("@/lib/store/event_log.ts");
  const { historyKey, purgeKey } = await import("@/lib/store/history.ts");
  const dir = await Deno.makeTempDir();
  const config = { ...base, kvPath: `${dir}/kv.sqlite3` };
  try {
    // A purge a crashed process left: the record is gone, its history not.
    const kv = await Deno.openKv(config.kvPath);
    await kv.set(historyKey("tasks", "gone", 1), { left: true });
    await kv.set(purgeKey("tasks", "gone"), Date.now());
    kv.close();
    const services = await openServices({ ...config, eventRetentionHours: 72 });
    try {
      assert.equal(eventRetentionMs(services.kv), 72 * 3_600_000);
      const left = await services.kv.get(historyKey("tasks", "gone", 1));
      assert.equal(left.value, null);
    } finally {
      await services.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openServices - a store written before productions opens with its data, sessions and cursor", async () => {
  const { copyFixture } = await import("@/lib/store/migrations/testing.ts");
  const { latestEventId } = await import("@/lib/store/event_log.ts");
  const { STORE_VERSION_KEY } = await import("@/lib/store/migrations.ts");
  const { findProductionBySlug, getProduction } = await import(
    "@/lib/production/store.ts"
  );
  const fixture = await copyFixture();
  try {
    const services = await openServices({ ...base, kvPath: fixture.path });
    try {
      const stored = await services.kv.get<number>(STORE_VERSION_KEY);
      assert.equal(stored.value, 4);
      assert.equal((await getProduction(services.kv))?.currency, "EUR");
      // In the studio's register, found by its slug as `/p/<slug>` paths are.
      assert.equal(
        (await findProductionBySlug(services.store, "northern-lights"))?.id,
        PRODUCTION_ID,
      );
      // Every account is a member with the role it had.
      assert.deepEqual(
        (await listMembers(services.kv)).map((m) => [m.username, m.role])
          .sort(),
        DEMO_USERS.map((u) => [u.username, u.role]).sort(),
      );
      // The log keeps its ids: a client's cursor from before still resumes.
      assert.equal(await latestEventId(services.kv), "0000000000000009");
      const session = await services.auth.login(
        { username: "crew", password: "password123" },
        "127.0.0.1",
      );
      assert.equal(session.user.username, "crew");
    } finally {
      await services.close();
    }
  } finally {
    await fixture.dispose();
  }
});
