import assert from "node:assert/strict";
import { verifyPassword } from "@/lib/auth/password.ts";
import {
  issueRefreshToken,
  rotateRefreshToken,
} from "@/lib/auth/refresh_tokens.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { seedProduction } from "@/lib/production/testing.ts";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { productionKv, STUDIO_LOG_ID } from "@/lib/store/production_kv.ts";
import { withKv } from "@/lib/store/testing.ts";
import { transact } from "@/lib/store/transaction.ts";
import { addMember } from "@/lib/team/members.ts";
import { users } from "@/lib/team/users.ts";
import {
  createAccount,
  listAccounts,
  updateAccount,
} from "./account_service.ts";
import { createProduction } from "./production_service.ts";
import { contextOf, storeAccount, TEST_ITERATIONS } from "./testing.ts";

const options = { passwordIterations: TEST_ITERATIONS };

/** A studio: an admin, crew who is a member of `current`, a second production. */
async function studio(kv: Deno.Kv) {
  const admin = await storeAccount(kv, "boss", { admin: true, name: "Bo Ss" });
  const crew = await storeAccount(kv, "crew", { name: "Sam Lindqvist" });
  const first = await seedProduction(kv);
  const view = productionKv(kv, first.id);
  await transact(view, (tx) => addMember(tx, view, crew.id, "crew"));
  const second = await createProduction(contextOf(kv, admin), {
    title: "Saltwater",
    kind: "series",
    currency: "GBP",
    timeZone: "Europe/London",
    startDate: "2027-05-03",
    wrapDate: "2027-06-11",
  });
  return { admin, crew, first, second, cx: contextOf(kv, admin) };
}

Deno.test("listAccounts - every account with what it is a member of, never a hash", () =>
  withKv(async (kv) => {
    const { admin, crew, first, second, cx } = await studio(kv);
    const list = await listAccounts(cx);
    assert.deepEqual(list.map((a) => a.username), ["boss", "crew"]);
    const [boss, sam] = list;
    assert.equal(boss.admin, true);
    assert.equal(sam.admin, false);
    assert.deepEqual(boss.memberships, [{
      productionId: second.id,
      slug: second.slug,
      title: "Saltwater",
      role: "producer",
    }]);
    assert.deepEqual(sam.memberships, [{
      productionId: first.id,
      slug: first.slug,
      title: first.title,
      role: "crew",
    }]);
    assert.equal(sam.version, crew.version);
    assert.ok(!JSON.stringify(list).includes("passwordHash"));
    assert.ok(!JSON.stringify(list).includes(admin.passwordHash));
  }));

Deno.test("createAccount - an active account of no production; a taken username is a 409 username_taken", () =>
  withKv(async (kv) => {
    const { cx } = await studio(kv);
    const made = await createAccount(cx, {
      username: "grip",
      name: "Gail Grip",
      password: "temporary-1",
    }, options);
    assert.deepEqual(
      { ...made, id: "" },
      {
        id: "",
        version: 1,
        username: "grip",
        name: "Gail Grip",
        active: true,
        admin: false,
        memberships: [],
      },
    );
    const stored = await users.get(kv, made.id);
    assert.ok(await verifyPassword("temporary-1", stored!.passwordHash));
    await assert.rejects(
      createAccount(cx, {
        username: "grip",
        name: "Other",
        password: "temporary-2",
        admin: true,
      }, options),
      (e: unknown) => e instanceof ConflictError && e.code === "username_taken",
    );
    assert.equal((await users.list(kv)).length, 3);
  }));

Deno.test("studio accounts - non-admins may not list, create or change accounts", () =>
  withKv(async (kv) => {
    const { crew, admin } = await studio(kv);
    const cx = contextOf(kv, crew);
    await assert.rejects(listAccounts(cx), ForbiddenError);
    await assert.rejects(
      createAccount(cx, { username: "x-y", name: "X", password: "12345678" }),
      ForbiddenError,
    );
    await assert.rejects(
      updateAccount(cx, admin.id, { active: false }),
      ForbiddenError,
    );
    await assert.rejects(
      updateAccount(cx, crew.id, { admin: true }),
      ForbiddenError,
    );
    assert.equal((await users.get(kv, admin.id))?.active, true);
    assert.equal((await users.get(kv, crew.id))?.admin, undefined);
  }));

Deno.test("updateAccount - an admin may not deactivate or un-admin themselves, but may rename themselves", () =>
  withKv(async (kv) => {
    const { admin, cx } = await studio(kv);
    for (const patch of [{ active: false }, { admin: false }]) {
      await assert.rejects(
        updateAccount(cx, admin.id, patch),
        (e: unknown) => e instanceof ConflictError && e.code === "self_change",
      );
    }
    assert.equal((await users.get(kv, admin.id))?.version, admin.version);
    const renamed = await updateAccount(cx, admin.id, { name: "Bo Boss" });
    assert.equal(renamed.name, "Bo Boss");
    assert.equal(renamed.admin, true);
  }));

Deno.test("updateAccount - deactivating ends the sessions and tells each production of the account (and no other)", () =>
  withKv(async (kv) => {
    const { crew, first, second, cx } = await studio(kv);
    const session = await issueRefreshToken(kv, crew.id);
    const mine = await issueRefreshToken(kv, cx.actor.id);
    const firstView = productionKv(kv, first.id);
    const secondView = productionKv(kv, second.id);
    const heads = [
      await latestEventId(firstView),
      await latestEventId(secondView),
    ];
    const after = await updateAccount(
      cx,
      crew.id,
      { active: false },
      crew.version,
    );
    assert.equal(after.active, false);
    assert.equal(after.version, crew.version + 1);
    assert.deepEqual(await rotateRefreshToken(kv, session.token), {
      ok: false,
      reason: "revoked",
    });
    // Someone else's session is untouched.
    assert.equal((await rotateRefreshToken(kv, mine.token)).ok, true);
    const page = await readEventsAfter(firstView, heads[0]);
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal(page.events.length, 1);
    const [event] = page.events;
    assert.equal(event.type, "user_update");
    assert.deepEqual(event.data, {
      action: "updated",
      user: { id: crew.id, name: "Sam Lindqvist", role: "crew", active: false },
      by: { id: cx.actor.id, name: "Bo Ss" },
      changed: ["active"],
    });
    assert.ok(event.audience.users.includes(crew.id));
    // Not a member of the second production: nothing logged there.
    assert.equal(await latestEventId(secondView), heads[1]);
  }));

Deno.test("updateAccount - a password reset sets the new hash and ends the sessions, logging nothing", () =>
  withKv(async (kv) => {
    const { crew, first, cx } = await studio(kv);
    const session = await issueRefreshToken(kv, crew.id);
    const head = await latestEventId(productionKv(kv, first.id));
    await updateAccount(cx, crew.id, { password: "a-new-one-9" }, undefined, {
      passwordIterations: TEST_ITERATIONS,
    });
    const stored = await users.get(kv, crew.id);
    assert.ok(await verifyPassword("a-new-one-9", stored!.passwordHash));
    assert.ok(!await verifyPassword("password123", stored!.passwordHash));
    assert.equal(stored!.active, true);
    assert.equal((await rotateRefreshToken(kv, session.token)).ok, false);
    assert.equal(await latestEventId(productionKv(kv, first.id)), head);
    // The ended session is told on the studio's log, which the hubs follow.
    const studioLog = await readEventsAfter(
      productionKv(kv, STUDIO_LOG_ID),
      "0000000000000000",
    );
    assert.ok(!studioLog.resync);
    assert.deepEqual(
      studioLog.resync ? [] : studioLog.events.map((e) => [e.type, e.data]),
      [["session_ended", { sessionId: session.familyId, userId: crew.id }]],
    );
  }));

Deno.test("updateAccount - a stale version is a 409 without the hash; an unknown id a 404", () =>
  withKv(async (kv) => {
    const { crew, cx } = await studio(kv);
    await updateAccount(cx, crew.id, { name: "Sam L." });
    await assert.rejects(
      updateAccount(cx, crew.id, { active: false }, crew.version),
      (e: unknown) => {
        assert.ok(e instanceof VersionConflictError);
        const current = e.current as Record<string, unknown>;
        assert.equal(current.name, "Sam L.");
        assert.equal(current.active, true);
        assert.ok(!("passwordHash" in current));
        return true;
      },
    );
    assert.equal((await users.get(kv, crew.id))?.active, true);
    await assert.rejects(
      updateAccount(cx, "nobody", { name: "X" }),
      NotFoundError,
    );
  }));
