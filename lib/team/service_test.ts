import assert from "node:assert/strict";
import {
  familyKey,
  isLiveFamily,
  issueRefreshToken,
} from "@/lib/auth/refresh_tokens.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { productionKv, STUDIO_LOG_ID } from "@/lib/store/production_kv.ts";
import type { Actor } from "@/lib/policy.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { readEventsAfter } from "@/lib/store/event_log.ts";
import { UniqueViolationError } from "@/lib/store/errors.ts";
import * as team from "./service.ts";
import { grantableRoles } from "./grants.ts";
import { getMember, insertMember } from "./members.ts";
import { users } from "./users.ts";
import { type Role, ROLES } from "@/lib/roles.ts";
import { transact } from "@/lib/store/transaction.ts";
import { withKv } from "@/lib/store/testing.ts";

// The actors here have no name (the events then say ""), as before.
const cx = (kv: Deno.Kv, actor: Actor) =>
  serviceContext(kv, actor as ServiceActor);
const createUser = (
  kv: Deno.Kv,
  actor: Actor,
  ...rest: Parameters<typeof team.createUser> extends [unknown, ...infer R] ? R
    : never
) => team.createUser(cx(kv, actor), ...rest);
const updateUser = (
  kv: Deno.Kv,
  actor: Actor,
  ...rest: Parameters<typeof team.updateUser> extends [unknown, ...infer R] ? R
    : never
) => team.updateUser(cx(kv, actor), ...rest);

const producer = { id: "p1", role: "producer" as const };
const crew = { id: "c1", role: "crew" as const };
const input = {
  username: "grip",
  name: "Gail Grip",
  role: "crew" as const,
  password: "temporary-1",
};

Deno.test("createUser - stores the user and logs a user_update for management + the user", () =>
  withKv(async (kv) => {
    const user = await createUser(kv, producer, input, {
      passwordIterations: 1000,
    });
    const page = await readEventsAfter(kv, "0000000000000000");
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal(page.events.length, 1);
    const [event] = page.events;
    assert.equal(event.type, "user_update");
    assert.deepEqual(event.data, {
      action: "created",
      user: { id: user.id, name: "Gail Grip", role: "crew", active: true },
      // Who added them, for the activity feed (a bare actor has no name).
      by: { id: "p1", name: "" },
    });
    assert.deepEqual(event.audience.users, [user.id]);
    assert.deepEqual(
      [...event.audience.roles].sort(),
      ["director", "producer", "production_manager"],
    );
  }));

Deno.test("createUser - a taken username is refused and logs nothing", () =>
  withKv(async (kv) => {
    await createUser(kv, producer, input, { passwordIterations: 1000 });
    await assert.rejects(
      createUser(kv, producer, { ...input, name: "Other" }, {
        passwordIterations: 1000,
      }),
      UniqueViolationError,
    );
    const page = await readEventsAfter(kv, "0000000000000000");
    assert.ok(!page.resync && page.events.length === 1);
  }));

Deno.test("createUser/updateUser - only managers may", () =>
  withKv(async (kv) => {
    await assert.rejects(
      createUser(kv, crew, input, { passwordIterations: 1000 }),
      (e: unknown) => toApiError(e).status === 403,
    );
    await assert.rejects(
      updateUser(kv, crew, "x", { name: "X" }),
      (e: unknown) => toApiError(e).status === 403,
    );
  }));

Deno.test("updateUser - changes the role and logs it", () =>
  withKv(async (kv) => {
    const user = await createUser(kv, producer, input, {
      passwordIterations: 1000,
    });
    const updated = await updateUser(kv, producer, user.id, {
      role: "director",
    }, 1);
    assert.equal(updated.role, "director");
    assert.equal(updated.version, 2);
    const page = await readEventsAfter(kv, "0000000000000001");
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal((page.events[0].data as { action: string }).action, "updated");
  }));

/**
 * Who may give out which role, written out by hand from DESIGN §3's table
 * (not computed): a role may be given only by one holding all its rights.
 * A producer reviews the VFX artists' work, which covers their shot and
 * version rights; a production manager cannot even see VFX, so gives out
 * neither vfx nor the roles that read it (director, producer).
 */
const GRANTABLE: Record<Role, Role[]> = {
  producer: [
    "producer",
    "production_manager",
    "director",
    "crew",
    "vfx",
    "distribution_manager",
  ],
  production_manager: ["production_manager", "crew", "distribution_manager"],
  director: [],
  crew: [],
  vfx: [],
  distribution_manager: [],
};

const denied = (e: unknown) => toApiError(e).status === 403;

Deno.test("createUser - the full grid: a role is given only by one holding all its rights", () =>
  withKv(async (kv) => {
    for (const granter of ROLES) {
      const actor = { id: `g-${granter}`, role: granter };
      for (const role of ROLES) {
        const attempt = createUser(kv, actor, {
          ...input,
          username: `${granter}-${role}`.replaceAll("_", "-").slice(0, 32),
          role,
        }, { passwordIterations: 1000 });
        const what = `${granter} gives ${role}`;
        if (GRANTABLE[granter].includes(role)) {
          assert.equal((await attempt).role, role, what);
        } else {
          await assert.rejects(attempt, denied, what);
        }
      }
    }
    // Refusals wrote nothing.
    const created = ROLES.reduce((n, g) => n + GRANTABLE[g].length, 0);
    assert.equal((await users.list(kv)).length, created);
  }));

Deno.test("updateUser - the full grid: change or deactivate only members within your rights, into roles within them", () =>
  withKv(async (kv) => {
    const member = async (role: Role) => {
      const { result } = await transact(kv, (tx) =>
        insertMember(tx, kv, {
          username: `m-${crypto.randomUUID().slice(0, 8)}`,
          name: "Member",
          role,
          active: true,
          passwordHash: "unused",
        }));
      return result;
    };
    for (const granter of ROLES) {
      const actor = { id: `g-${granter}`, role: granter };
      for (const from of ROLES) {
        const manages = GRANTABLE[granter].includes(from);
        const target = await member(from);
        for (const to of ROLES) {
          const what = `${granter} moves ${from} to ${to}`;
          const attempt = updateUser(kv, actor, target.id, { role: to });
          if (manages && GRANTABLE[granter].includes(to)) {
            assert.equal((await attempt).role, to, what);
            // Back again, so the next case starts from `from`.
            await updateUser(kv, actor, target.id, { role: from });
          } else {
            await assert.rejects(attempt, denied, what);
          }
        }
        const what = `${granter} deactivates ${from}`;
        const deactivate = updateUser(kv, actor, target.id, { active: false });
        const rename = updateUser(kv, actor, target.id, { name: "Renamed" });
        if (manages) {
          assert.equal((await deactivate).active, false, what);
          assert.equal((await rename).name, "Renamed", what);
        } else {
          await assert.rejects(deactivate, denied, what);
          await assert.rejects(rename, denied, `${granter} renames ${from}`);
          const stored = (await getMember(kv, target.id))!;
          assert.equal(stored.role, from, what);
          assert.equal(stored.active, true, what);
          assert.equal(stored.name, "Member", what);
        }
      }
    }
  }));

Deno.test("grantableRoles - what the team page offers each role", () => {
  for (const role of ROLES) {
    assert.deepEqual(grantableRoles({ id: "x", role }), GRANTABLE[role], role);
  }
});

Deno.test("addExistingMember - an account of the studio joins with a role; twice is a conflict", () =>
  withKv(async (kv) => {
    const { result: account } = await transact(kv, (tx) =>
      users.insert(tx, {
        username: "gaffer",
        name: "Gus Gaffer",
        active: true,
        passwordHash: "unused",
      }));
    assert.equal(await getMember(kv, account.id), null, "not a member yet");
    const added = await team.addExistingMember(cx(kv, producer), {
      username: "gaffer",
      role: "crew",
    });
    assert.deepEqual([added.id, added.role, added.version], [
      account.id,
      "crew",
      1,
    ]);
    assert.equal((await getMember(kv, account.id))?.role, "crew");
    const page = await readEventsAfter(kv, "0000000000000000");
    assert.ok(!page.resync);
    const event = page.resync ? null : page.events.at(-1);
    assert.equal(event?.type, "user_update");
    assert.equal((event?.data as { action: string }).action, "created");
    for (
      const [body, status] of [
        [{ username: "gaffer", role: "crew" }, 409],
        [{ username: "nobody", role: "crew" }, 404],
        [{ username: "gaffer", role: "producer" }, 403],
      ] as const
    ) {
      const actor = body.role === "producer"
        ? { id: "m1", role: "production_manager" as const }
        : producer;
      await assert.rejects(
        team.addExistingMember(cx(kv, actor), body),
        (e) => toApiError(e).status === status,
        JSON.stringify(body),
      );
    }
    await assert.rejects(
      team.addExistingMember(cx(kv, crew), {
        username: "gaffer",
        role: "crew",
      }),
      (e) => toApiError(e).status === 403,
      "crew do not manage the team",
    );
  }));

Deno.test("removeMember - the membership ends, the account stays; not yourself, not above your rights", () =>
  withKv(async (kv) => {
    const member = async (role: Role) =>
      (await transact(kv, (tx) =>
        insertMember(tx, kv, {
          username: `m-${crypto.randomUUID().slice(0, 8)}`,
          name: "Member",
          role,
          active: true,
          passwordHash: "unused",
        }))).result;
    const grip = await member("crew");
    const manager = { id: "m1", role: "production_manager" as const };
    const head = await readEventsAfter(kv, "0000000000000000");
    const before = head.resync ? 0 : head.events.length;
    await assert.rejects(
      team.removeMember(cx(kv, manager), grip.id, grip.version + 1),
      (e) => toApiError(e).status === 409,
      "a stale If-Match",
    );
    await team.removeMember(cx(kv, manager), grip.id, grip.version);
    assert.equal(await getMember(kv, grip.id), null);
    assert.equal((await users.get(kv, grip.id))?.username, grip.username);
    const page = await readEventsAfter(kv, "0000000000000000");
    const events = page.resync ? [] : page.events.slice(before);
    assert.equal(events.length, 1);
    assert.deepEqual((events[0].data as { action: string }).action, "removed");
    const producerMember = await member("producer");
    for (
      const [actor, id, status] of [
        [manager, producerMember.id, 403],
        [manager, grip.id, 404],
        [producer, producer.id, 409],
        [crew, producerMember.id, 403],
      ] as const
    ) {
      await assert.rejects(
        team.removeMember(cx(kv, actor), id),
        (e) => toApiError(e).status === status,
        `${actor.role} removes ${id}`,
      );
    }
    assert.equal((await getMember(kv, producerMember.id))?.role, "producer");
  }));

Deno.test("updateUser - deactivating ends the account's sessions through the studio's log", () =>
  withKv(async (kv) => {
    const user = await createUser(kv, producer, input, {
      passwordIterations: 1000,
    });
    const { familyId } = await issueRefreshToken(kv, user.id);
    await updateUser(kv, producer, user.id, { active: false });
    assert.equal(
      isLiveFamily((await kv.get(familyKey(familyId))).value),
      false,
    );
    // Every instance's hubs follow the studio's log: the ended session
    // closes the account's sockets in every production.
    const studio = productionKv(kv, STUDIO_LOG_ID);
    const page = await readEventsAfter(studio, "0000000000000000");
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.deepEqual(
      page.events.map((e) => [e.type, e.data]),
      [["session_ended", { sessionId: familyId, userId: user.id }]],
    );
  }));
