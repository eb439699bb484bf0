import assert from "node:assert/strict";
import { NotFoundError } from "@/lib/errors.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { NewShotSchema } from "./schemas.ts";
import {
  createShot,
  getShot,
  reviewVersion,
  shotHistory,
  submitVersion,
  updateShot,
} from "./service.ts";

const artist: ServiceActor = { id: "u-vfx", name: "Ines", role: "vfx" };
const director: ServiceActor = { id: "u-dir", name: "Dana", role: "director" };
const crew: ServiceActor = { id: "u-crew", name: "Cal", role: "crew" };

/** A clock that reads `start` and moves on one minute per reading. */
function fixedClock(start: string): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 60_000;
    return now;
  };
}

const newShot = () =>
  NewShotSchema.parse({ code: "NL_010_0040", frameIn: 1001, frameOut: 1100 });

Deno.test("vfx service - records take their times from the context's clock", () =>
  withKv(async (kv) => {
    const clock = fixedClock("2027-02-01T09:00:00.000Z");
    const asArtist = serviceContext(kv, artist, clock);
    const asDirector = serviceContext(kv, director, clock);
    const shot = await createShot(asArtist, newShot());
    assert.equal(shot.createdAt, "2027-02-01T09:00:00.000Z");
    assert.equal(shot.updatedAt, "2027-02-01T09:00:00.000Z");
    const moved = await updateShot(asArtist, shot.id, {
      status: "in_progress",
    });
    assert.equal(moved.updatedAt, "2027-02-01T09:01:00.000Z");
    const submitted = await submitVersion(asArtist, shot.id, {
      notes: "first pass",
      assetId: null,
    });
    assert.equal(submitted.version.createdAt, "2027-02-01T09:02:00.000Z");
    assert.equal(submitted.shot.updatedAt, "2027-02-01T09:02:00.000Z");
    assert.equal(submitted.version.submittedByName, "Ines");
    const reviewed = await reviewVersion(asDirector, shot.id, 1, {
      decision: "approve",
      note: "",
    });
    assert.equal(reviewed.version.review?.at, "2027-02-01T09:03:00.000Z");
    assert.equal(reviewed.version.review?.byName, "Dana");
    assert.equal(reviewed.shot.updatedAt, "2027-02-01T09:03:00.000Z");
    assert.equal(reviewed.shot.status, "approved");
  }));

Deno.test("vfx service - events name who made the change", () =>
  withKv(async (kv) => {
    const before = await latestEventId(kv);
    const shot = await createShot(serviceContext(kv, artist), newShot());
    const page = await readEventsAfter(kv, before);
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal(page.events.length, 1);
    const [event] = page.events;
    assert.equal(event.type, "vfx_update");
    assert.deepEqual(event.data, {
      action: "shot_created",
      shot,
      by: { id: "u-vfx", name: "Ines" },
    });
  }));

Deno.test("vfx service - getters throw NotFoundError, after the reader check", () =>
  withKv(async (kv) => {
    const cx = serviceContext(kv, artist);
    await assert.rejects(
      getShot(cx, "missing"),
      (e: unknown) =>
        e instanceof NotFoundError &&
        e.message === "No VFX shot with id missing",
    );
    await assert.rejects(shotHistory(cx, "missing"), NotFoundError);
    // A role that does not see VFX learns nothing about which ids exist.
    await assert.rejects(
      shotHistory(serviceContext(kv, crew), "missing"),
      (e: unknown) => e instanceof Error && e.name === "ForbiddenError",
    );
  }));

Deno.test("vfx service - a shot's history lists its changes, newest first", () =>
  withKv(async (kv) => {
    const cx = serviceContext(kv, artist);
    const shot = await createShot(cx, newShot());
    await updateShot(cx, shot.id, { vendor: "Stormglass VFX" });
    const page = await shotHistory(cx, shot.id);
    assert.deepEqual(page.entries.map((e) => e.action), ["updated", "created"]);
    assert.equal(page.nextCursor, null);
  }));
