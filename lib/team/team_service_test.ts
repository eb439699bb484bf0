import assert from "node:assert/strict";
import { ApiError } from "../http/errors.ts";
import { readEventsAfter } from "../store/event_log.ts";
import { UniqueViolationError } from "../store/errors.ts";
import { createUser, updateUser } from "./team_service.ts";
import { withKv } from "../store/testing.ts";

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
      (e: unknown) => e instanceof ApiError && e.status === 403,
    );
    await assert.rejects(
      updateUser(kv, crew, "x", { name: "X" }),
      (e: unknown) => e instanceof ApiError && e.status === 403,
    );
  }));

Deno.test("updateUser - changes the role and logs it", () =>
  withKv(async (kv) => {
    const user = await createUser(kv, producer, input, {
      passwordIterations: 1000,
    });
    const updated = await updateUser(kv, producer, user.id, { role: "vfx" }, 1);
    assert.equal(updated.role, "vfx");
    assert.equal(updated.version, 2);
    const page = await readEventsAfter(kv, "0000000000000001");
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal((page.events[0].data as { action: string }).action, "updated");
  }));
