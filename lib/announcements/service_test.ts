import assert from "node:assert/strict";
import { toApiError } from "@/lib/http/errors.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { withKv } from "@/lib/store/testing.ts";
import {
  announce as announceAs,
  bannerAnnouncements as bannersAt,
  dismissAnnouncement as dismissAs,
  recentAnnouncements as recentIn,
} from "./service.ts";
import { BANNER_WINDOW_MS } from "./shared.ts";

const producer = { id: "p1", name: "Paula Reyes", role: "producer" as const };
const crew = { id: "c1", name: "Casey", role: "crew" as const };
const vfx = { id: "v1", name: "Vic", role: "vfx" as const };
const byId: Record<string, ServiceActor> = { c1: crew, v1: vfx };

// One second apart, so "newest first" is well defined.
let clock = Date.now() - 60 * 60 * 1000;
const tick = () => ({ now: new Date(clock += 1000) });
const announce = (
  kv: Deno.Kv,
  actor: ServiceActor,
  input: Parameters<typeof announceAs>[1],
  at: { now?: Date } = {},
) => {
  const now = at.now ?? new Date();
  return announceAs(serviceContext(kv, actor, () => now), input);
};
const recentAnnouncements = (kv: Deno.Kv, limit?: number) =>
  recentIn(serviceContext(kv, crew), limit);
const bannerAnnouncements = (kv: Deno.Kv, userId: string, now = Date.now()) =>
  bannersAt(serviceContext(kv, byId[userId], () => new Date(now)));
const dismissAnnouncement = (kv: Deno.Kv, actor: ServiceActor, id: string) =>
  dismissAs(serviceContext(kv, actor), id);
const say = (kv: Deno.Kv, message: string) =>
  announce(kv, producer, { message, level: "info" }, tick());
const urgent = (kv: Deno.Kv, message: string) =>
  announce(kv, producer, { message, level: "urgent" }, tick());
const messages = (list: { message: string }[]) => list.map((a) => a.message);

Deno.test("recentAnnouncements - newest first, at most `limit`", () =>
  withKv(async (kv) => {
    for (const m of ["one", "two", "three"]) await say(kv, m);
    assert.deepEqual(messages(await recentAnnouncements(kv)), [
      "three",
      "two",
      "one",
    ]);
    assert.deepEqual(messages(await recentAnnouncements(kv, 2)), [
      "three",
      "two",
    ]);
  }));

Deno.test("bannerAnnouncements - urgent ones only, until this user dismisses them", () =>
  withKv(async (kv) => {
    await say(kv, "lunch is at one");
    const storm = await urgent(kv, "storm warning");
    const road = await urgent(kv, "road closed");
    assert.deepEqual(messages(await bannerAnnouncements(kv, crew.id)), [
      "road closed",
      "storm warning",
    ]);
    await dismissAnnouncement(kv, crew, storm.id);
    // Twice is fine: a dismissal is a fact, not a toggle.
    await dismissAnnouncement(kv, crew, storm.id);
    assert.deepEqual(messages(await bannerAnnouncements(kv, crew.id)), [
      "road closed",
    ]);
    // Someone else still sees both.
    assert.deepEqual(messages(await bannerAnnouncements(kv, vfx.id)), [
      "road closed",
      "storm warning",
    ]);
    await dismissAnnouncement(kv, crew, road.id);
    assert.deepEqual(await bannerAnnouncements(kv, crew.id), []);
  }));

Deno.test("bannerAnnouncements - a week old is history; at most three at once", () =>
  withKv(async (kv) => {
    await urgent(kv, "old news");
    const later = Date.now() + BANNER_WINDOW_MS + 60_000;
    assert.deepEqual(await bannerAnnouncements(kv, crew.id, later), []);
    for (const m of ["a", "b", "c", "d"]) await urgent(kv, m);
    assert.deepEqual(messages(await bannerAnnouncements(kv, crew.id)), [
      "d",
      "c",
      "b",
    ]);
  }));

Deno.test("dismissAnnouncement - an unknown id is a 404 and stores nothing", () =>
  withKv(async (kv) => {
    await assert.rejects(
      () => dismissAnnouncement(kv, crew, "no-such-id"),
      (e) => toApiError(e).status === 404,
    );
    const left = [];
    for await (const e of kv.list({ prefix: ["announcement_dismissals"] })) {
      left.push(e);
    }
    assert.deepEqual(left, []);
  }));

Deno.test("announcements stored before the indexes are listed after a one-time backfill", () =>
  withKv(async (kv) => {
    // As the store held them before the indexes: the record alone.
    const at = new Date().toISOString();
    await kv.set(["announcements", "legacy"], {
      id: "legacy",
      version: 1,
      createdAt: at,
      updatedAt: at,
      message: "from before",
      level: "urgent",
      fromId: "p1",
      fromName: "Paula Reyes",
      fromRole: "producer",
    });
    assert.deepEqual(messages(await recentAnnouncements(kv)), ["from before"]);
    assert.deepEqual(messages(await bannerAnnouncements(kv, crew.id)), [
      "from before",
    ]);
  }));

Deno.test("announce - only the production office; the event names the sender", () =>
  withKv(async (kv) => {
    await assert.rejects(
      () =>
        announce(kv, { ...crew, name: "Sam" }, {
          message: "hi",
          level: "info",
        }),
      (e) => toApiError(e).status === 403,
    );
    const created = await urgent(kv, "call time 06:30");
    let data: unknown;
    for await (const e of kv.list({ prefix: ["events"] })) {
      data = (e.value as { data: unknown }).data;
    }
    assert.deepEqual(data, {
      id: created.id,
      message: "call time 06:30",
      level: "urgent",
      from: { id: "p1", name: "Paula Reyes", role: "producer" },
    });
  }));

Deno.test("bannerAnnouncements - a malformed record is skipped, the others still shown", () =>
  withKv(async (kv) => {
    const good = await urgent(kv, "still shown");
    const at = new Date(clock += 1000).toISOString();
    await kv.set(["announcements", "broken"], { id: "broken", message: 1 });
    await kv.set(["announcements_by_urgent", at, "broken"], "broken");
    assert.deepEqual(
      (await bannerAnnouncements(kv, crew.id)).map((a) => a.id),
      [good.id],
    );
  }));
