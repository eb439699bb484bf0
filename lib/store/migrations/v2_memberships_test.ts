import assert from "node:assert/strict";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { getMember, listMembers } from "@/lib/team/members.ts";
import { migrate, STORE_MIGRATIONS } from "@/lib/store/migrations.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { copyFixture, snapshot } from "./testing.ts";

const ROLES_BEFORE: Record<string, string> = {
  producer: "producer",
  prodmanager: "production_manager",
  director: "director",
  crew: "crew",
  vfx: "vfx",
  distribution: "distribution_manager",
};

Deno.test("v2 memberships - every account of an old store is a member with its old role", async () => {
  const fixture = await copyFixture();
  const store = await Deno.openKv(fixture.path);
  try {
    // Up to this step: later ones build on what it leaves.
    assert.equal(await migrate(store, STORE_MIGRATIONS.slice(0, 2)), 2);
    const kv = productionKv(store, PRODUCTION_ID);
    const members = await listMembers(kv);
    assert.deepEqual(
      Object.fromEntries(members.map((m) => [m.username, m.role])),
      ROLES_BEFORE,
    );
    for (const member of members) {
      const index = await store.get([
        "memberships_by_account",
        member.id,
        PRODUCTION_ID,
      ]);
      assert.equal(index.value, member.role, "the studio index agrees");
      assert.equal(member.version, (await getMember(kv, member.id))!.version);
    }
  } finally {
    store.close();
    await fixture.dispose();
  }
});

Deno.test("v2 memberships - a second run, and a run after a membership changed, write nothing", async () => {
  const fixture = await copyFixture();
  const store = await Deno.openKv(fixture.path);
  try {
    await migrate(store, STORE_MIGRATIONS);
    const kv = productionKv(store, PRODUCTION_ID);
    const [crew] = (await listMembers(kv)).filter((m) => m.username === "crew");
    // A manager changed crew's role after the upgrade: a rerun of the step
    // (as if the version had not been stored) must not undo it.
    await kv.set(["members", crew.id], {
      ...(await kv.get<Record<string, unknown>>(["members", crew.id])).value,
      role: "vfx",
      version: 2,
    });
    const before = await snapshot(store);
    await STORE_MIGRATIONS[1].run(store, {
      scratch: ["store_migration", "scratch", 2],
      commit: (op) => op.commit(),
    });
    assert.deepEqual(await snapshot(store), before);
    assert.equal((await getMember(kv, crew.id))?.role, "vfx");
  } finally {
    store.close();
    await fixture.dispose();
  }
});
