import assert from "node:assert/strict";
import { storeAsset } from "@/lib/assets/upload.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import type { Role } from "@/lib/roles.ts";
import {
  latestEventId,
  readEventsAfter,
  type StoredEvent,
} from "@/lib/store/event_log.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { withKv } from "@/lib/store/testing.ts";
import { transact } from "@/lib/store/transaction.ts";
import { insertMember } from "@/lib/team/members.ts";
import {
  type NewShot,
  NewShotSchema,
  SHOT_STATUSES,
  type VfxUpdateData,
  VfxUpdateDataSchema,
} from "./schemas.ts";
import { seedScript } from "@/lib/script/seed.ts";
import { sceneRefs } from "./scene_links.ts";
import { seedVfx } from "./seed.ts";
import {
  createShot,
  getShot,
  listShots,
  reviewVersion,
  submitVersion,
  updateShot,
} from "./service.ts";
import { shots, shotVersions } from "./store.ts";

/** Who acts in these tests. */
type VfxActor = ServiceActor;

/** Stores one active user per role (plus an inactive vfx artist). */
async function people(kv: Deno.Kv): Promise<Record<string, VfxActor>> {
  const out: Record<string, VfxActor> = {};
  const list: [string, Role, boolean][] = [
    ["vfx", "vfx", true],
    ["director", "director", true],
    ["producer", "producer", true],
    ["prodmanager", "production_manager", true],
    ["crew", "crew", true],
    ["dist", "distribution_manager", true],
    ["gone", "vfx", false],
  ];
  for (const [username, role, active] of list) {
    const { result: user } = await transact(kv, (tx) =>
      insertMember(tx, kv, {
        username,
        name: `User ${username}`,
        role,
        active,
        passwordHash: "x",
      }));
    out[username] = { id: user.id, name: user.name, role };
  }
  return out;
}

const shot = (overrides: Partial<NewShot> = {}): NewShot =>
  NewShotSchema.parse({
    code: "NL_010_0040",
    frameIn: 1001,
    frameOut: 1100,
    vendor: "Stormglass VFX",
    bidCents: 42_000_00,
    ...overrides,
  });

async function eventsAfter(
  kv: Deno.Kv,
  after: string,
): Promise<(StoredEvent & { data: VfxUpdateData })[]> {
  const page = await readEventsAfter(kv, after, 10_000);
  assert.ok(!page.resync);
  if (page.resync) return [];
  // Inbox items the reviews send travel beside the module's own events.
  const own = page.events.filter((e) => e.type !== "inbox_update");
  return own.map((e) => {
    assert.equal(e.type, "vfx_update");
    assert.deepEqual(e.audience, {
      roles: ["vfx", "director", "producer"],
      users: [],
    });
    return { ...e, data: VfxUpdateDataSchema.parse(e.data) };
  });
}

/** The thrown error answers the API with `status` (and `message`). */
const apiError = (status: number, message?: RegExp) => (e: unknown) => {
  const answer = toApiError(e);
  return answer.status === status &&
    (message === undefined || message.test(answer.message));
};

Deno.test("createShot - vfx creates a not-started shot with one vfx_update event", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const created = await createShot(
      serviceContext(kv, p.vfx),
      shot({ assigneeId: p.vfx.id }),
    );
    assert.equal(created.status, "not_started");
    assert.equal(created.versionCount, 0);
    assert.equal(created.version, 1);
    assert.equal(created.assigneeId, p.vfx.id);
    const events = await eventsAfter(kv, "0000000000000000");
    assert.equal(events.length, 1);
    assert.equal(events[0].data.action, "shot_created");
    assert.deepEqual(events[0].data.shot, created);
    assert.equal(events[0].data.version, undefined);
  }));

Deno.test("createShot - only vfx; duplicate code 409; bad assignee 400; nothing written on failure", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    for (const who of [p.director, p.producer, p.prodmanager, p.crew, p.dist]) {
      await assert.rejects(
        createShot(serviceContext(kv, who), shot()),
        apiError(403),
      );
    }
    await createShot(serviceContext(kv, p.vfx), shot());
    const head = await latestEventId(kv);
    await assert.rejects(
      createShot(serviceContext(kv, p.vfx), shot()),
      apiError(409, /NL_010_0040 exists already/),
    );
    for (const assigneeId of [p.crew.id, p.gone.id, "nobody"]) {
      await assert.rejects(
        createShot(
          serviceContext(kv, p.vfx),
          shot({ code: "NL_010_0050", assigneeId }),
        ),
        apiError(400),
      );
    }
    // A director may be named: they can see the shot.
    await createShot(
      serviceContext(kv, p.vfx),
      shot({ code: "NL_010_0060", assigneeId: p.director.id }),
    );
    assert.equal((await eventsAfter(kv, head)).length, 1);
    assert.equal((await shots.list(kv)).length, 2);
  }));

Deno.test("listShots / getShot - readers only (403 before 404); filters; code order", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const b = await createShot(
      serviceContext(kv, p.vfx),
      shot({ code: "NL_020_0010", vendor: "Lumen & Salt", sceneKey: "s2" }),
    );
    const a = await createShot(
      serviceContext(kv, p.vfx),
      shot({ code: "NL_010_0010", assigneeId: p.vfx.id, sceneKey: "s1" }),
    );
    await updateShot(serviceContext(kv, p.vfx), a.id, {
      status: "in_progress",
    });
    for (const who of [p.prodmanager, p.crew, p.dist]) {
      await assert.rejects(listShots(serviceContext(kv, who)), apiError(403));
      await assert.rejects(
        getShot(serviceContext(kv, who), a.id),
        apiError(403),
      );
      await assert.rejects(
        getShot(serviceContext(kv, who), "missing"),
        apiError(403),
      );
    }
    const codes = async (filters = {}) =>
      (await listShots(serviceContext(kv, p.director), filters)).map((s) =>
        s.code
      );
    assert.deepEqual(await codes(), ["NL_010_0010", "NL_020_0010"]);
    assert.deepEqual(await codes({ status: "in_progress" }), ["NL_010_0010"]);
    assert.deepEqual(await codes({ status: "not_started" }), ["NL_020_0010"]);
    assert.deepEqual(await codes({ status: "final" }), []);
    assert.deepEqual(await codes({ assignee: p.vfx.id }), ["NL_010_0010"]);
    assert.deepEqual(await codes({ sceneKey: "s2" }), ["NL_020_0010"]);
    assert.deepEqual(await codes({ vendor: " lumen & salt " }), [
      "NL_020_0010",
    ]);
    const detail = await getShot(serviceContext(kv, p.producer), b.id);
    assert.deepEqual(detail, { shot: b, versions: [] });
    await assert.rejects(
      getShot(serviceContext(kv, p.vfx), "missing"),
      apiError(404),
    );
  }));

Deno.test("updateShot - vfx edits details; director/producer only status; frames checked against the stored ones", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const s = await createShot(serviceContext(kv, p.vfx), shot());
    const head = await latestEventId(kv);
    const edited = await updateShot(serviceContext(kv, p.vfx), s.id, {
      description: "Wave hits the cliff",
      bidCents: 0,
      frameOut: 1200,
      code: "NL_010_0041",
      assigneeId: p.vfx.id,
      sceneKey: "scene-7",
    });
    assert.equal(edited.version, 2);
    assert.equal(edited.code, "NL_010_0041");
    assert.equal(edited.bidCents, 0);
    // The old code is free again; the unique index moved with the record.
    await createShot(serviceContext(kv, p.vfx), shot());
    const events = await eventsAfter(kv, head);
    assert.deepEqual(events.map((e) => e.data.action), [
      "shot_updated",
      "shot_created",
    ]);
    await assert.rejects(
      updateShot(serviceContext(kv, p.vfx), s.id, { code: "NL_010_0040" }),
      apiError(409, /exists already/),
    );
    await assert.rejects(
      updateShot(serviceContext(kv, p.vfx), s.id, { frameIn: 1300 }),
      apiError(400),
    );
    for (const who of [p.director, p.producer]) {
      await assert.rejects(
        updateShot(serviceContext(kv, who), s.id, { vendor: "Other" }),
        apiError(403, /details/),
      );
    }
    await assert.rejects(
      updateShot(serviceContext(kv, p.crew), s.id, { status: "omitted" }),
      apiError(403),
    );
    await assert.rejects(
      updateShot(serviceContext(kv, p.vfx), "missing", { vendor: "x" }),
      apiError(404),
    );
    assert.equal((await shots.get(kv, s.id))!.version, 2);
  }));

Deno.test("updateShot - a stale ifVersion is a VersionConflictError with the current shot, and no event", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const s = await createShot(serviceContext(kv, p.vfx), shot());
    await updateShot(serviceContext(kv, p.vfx), s.id, { vendor: "A" }, 1);
    const head = await latestEventId(kv);
    await assert.rejects(
      updateShot(serviceContext(kv, p.vfx), s.id, { vendor: "B" }, 1),
      (e) =>
        e instanceof VersionConflictError &&
        (e.current as { version: number }).version === 2,
    );
    assert.equal(await latestEventId(kv), head);
    assert.equal((await shots.get(kv, s.id))!.vendor, "A");
  }));

Deno.test("submit and review - numbering, statuses and one event each", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const s = await createShot(serviceContext(kv, p.vfx), shot());
    const head = await latestEventId(kv);
    const v1 = await submitVersion(serviceContext(kv, p.vfx), s.id, {
      notes: "First pass",
      assetId: null,
    });
    assert.equal(v1.version.number, 1);
    assert.equal(v1.version.submittedBy, p.vfx.id);
    assert.equal(v1.version.submittedByName, p.vfx.name);
    assert.equal(v1.shot.status, "pending_review");
    assert.equal(v1.shot.versionCount, 1);
    const r1 = await reviewVersion(serviceContext(kv, p.director), s.id, 1, {
      decision: "request_changes",
      note: "Bigger",
    });
    assert.equal(r1.shot.status, "changes_requested");
    assert.equal(r1.version.version, 2);
    assert.deepEqual(
      { ...r1.version.review, at: undefined },
      {
        decision: "request_changes",
        note: "Bigger",
        by: p.director.id,
        byName: p.director.name,
        at: undefined,
      },
    );
    const file = await storeAsset(kv, p.vfx, {
      name: "render.txt",
      body: ReadableStream.from([new TextEncoder().encode("frame 1001\n")]),
    }, { emit: false });
    const v2 = await submitVersion(serviceContext(kv, p.vfx), s.id, {
      notes: "Bigger",
      assetId: file.id,
    });
    assert.equal(v2.version.number, 2);
    const r2 = await reviewVersion(serviceContext(kv, p.producer), s.id, 2, {
      decision: "approve",
      note: "",
    });
    assert.equal(r2.shot.status, "approved");
    const events = await eventsAfter(kv, head);
    assert.deepEqual(events.map((e) => e.data.action), [
      "version_submitted",
      "version_reviewed",
      "version_submitted",
      "version_reviewed",
    ]);
    assert.deepEqual(events[3].data.shot, r2.shot);
    assert.deepEqual(events[3].data.version, r2.version);
    const detail = await getShot(serviceContext(kv, p.vfx), s.id);
    assert.deepEqual(detail.versions.map((v) => v.number), [1, 2]);
    assert.deepEqual(detail.versions[1], r2.version);
  }));

Deno.test("submit and review - who may, and what the status allows", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const s = await createShot(serviceContext(kv, p.vfx), shot());
    const input = { notes: "", assetId: null };
    for (const who of [p.director, p.producer]) {
      await assert.rejects(
        submitVersion(serviceContext(kv, who), s.id, input),
        apiError(403),
      );
    }
    for (const who of [p.prodmanager, p.crew, p.dist]) {
      await assert.rejects(
        submitVersion(serviceContext(kv, who), "missing", input),
        apiError(403),
      );
    }
    await assert.rejects(
      submitVersion(serviceContext(kv, p.vfx), "missing", input),
      apiError(404),
    );
    const approve = { decision: "approve" as const, note: "" };
    await assert.rejects(
      reviewVersion(serviceContext(kv, p.director), s.id, 1, approve),
      apiError(404, /has no version 1/),
    );
    await submitVersion(serviceContext(kv, p.vfx), s.id, input);
    await assert.rejects(
      submitVersion(serviceContext(kv, p.vfx), s.id, input),
      apiError(409, /review it first/),
    );
    await assert.rejects(
      reviewVersion(serviceContext(kv, p.vfx), s.id, 1, approve),
      apiError(403),
    );
    await reviewVersion(serviceContext(kv, p.director), s.id, 1, {
      decision: "request_changes",
      note: "No",
    });
    await assert.rejects(
      reviewVersion(serviceContext(kv, p.director), s.id, 1, approve),
      apiError(409, /cannot be reviewed/),
    );
    await submitVersion(serviceContext(kv, p.vfx), s.id, input);
    await assert.rejects(
      reviewVersion(serviceContext(kv, p.director), s.id, 1, approve),
      apiError(409, /Only the latest version \(v2\)/),
    );
    await reviewVersion(serviceContext(kv, p.director), s.id, 2, approve);
    await assert.rejects(
      submitVersion(serviceContext(kv, p.vfx), s.id, input),
      apiError(409, /already approved/),
    );
    await updateShot(serviceContext(kv, p.director), s.id, { status: "final" });
    await assert.rejects(
      submitVersion(serviceContext(kv, p.vfx), s.id, input),
      apiError(409, /is final/),
    );
  }));

Deno.test("submit and review - concurrent writers: one version number each, one review wins", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const s = await createShot(serviceContext(kv, p.vfx), shot());
    const input = { notes: "", assetId: null };
    const head = await latestEventId(kv);
    const submits = await Promise.allSettled([
      submitVersion(serviceContext(kv, p.vfx), s.id, input),
      submitVersion(serviceContext(kv, p.vfx), s.id, input),
      submitVersion(serviceContext(kv, p.vfx), s.id, input),
    ]);
    assert.equal(submits.filter((r) => r.status === "fulfilled").length, 1);
    assert.equal((await shots.get(kv, s.id))!.versionCount, 1);
    assert.equal((await shotVersions.list(kv)).length, 1);
    const reviews = await Promise.allSettled([
      reviewVersion(serviceContext(kv, p.director), s.id, 1, {
        decision: "approve",
        note: "",
      }),
      reviewVersion(serviceContext(kv, p.producer), s.id, 1, {
        decision: "request_changes",
        note: "More",
      }, 1),
    ]);
    assert.equal(reviews.filter((r) => r.status === "fulfilled").length, 1);
    assert.equal((await eventsAfter(kv, head)).length, 2);
  }));

Deno.test("reviewVersion - a stale ifVersion on the version is a conflict; a missing shot a 404", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const s = await createShot(serviceContext(kv, p.vfx), shot());
    await submitVersion(serviceContext(kv, p.vfx), s.id, {
      notes: "",
      assetId: null,
    });
    await assert.rejects(
      reviewVersion(serviceContext(kv, p.director), s.id, 1, {
        decision: "approve",
        note: "",
      }, 2),
      VersionConflictError,
    );
    await assert.rejects(
      reviewVersion(serviceContext(kv, p.director), "missing", 1, {
        decision: "approve",
        note: "",
      }),
      apiError(404),
    );
    assert.equal((await shots.get(kv, s.id))!.status, "pending_review");
  }));

Deno.test("omit and restore - vfx while the shot is theirs; reviewers always", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const s = await createShot(serviceContext(kv, p.vfx), shot());
    assert.equal(
      (await updateShot(serviceContext(kv, p.vfx), s.id, { status: "omitted" }))
        .status,
      "omitted",
    );
    assert.equal(
      (await updateShot(serviceContext(kv, p.producer), s.id, {
        status: "not_started",
      }))
        .status,
      "not_started",
    );
    await submitVersion(serviceContext(kv, p.vfx), s.id, {
      notes: "",
      assetId: null,
    });
    await assert.rejects(
      updateShot(serviceContext(kv, p.vfx), s.id, { status: "omitted" }),
      apiError(403, /director or producer/),
    );
    await updateShot(serviceContext(kv, p.director), s.id, {
      status: "omitted",
    });
    await updateShot(serviceContext(kv, p.vfx), s.id, {
      status: "not_started",
    });
    // The unreviewed v1 stays; the next submit is v2, and v1 is not reviewable.
    const v2 = await submitVersion(serviceContext(kv, p.vfx), s.id, {
      notes: "",
      assetId: null,
    });
    assert.equal(v2.version.number, 2);
    await assert.rejects(
      reviewVersion(serviceContext(kv, p.director), s.id, 1, {
        decision: "approve",
        note: "",
      }),
      apiError(409, /latest version/),
    );
  }));

Deno.test("seedVfx - 15 consistent shots in every status, no events, only once", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    const head = await latestEventId(kv);
    assert.equal(
      await seedVfx(kv, { vfx: p.vfx, director: p.director }),
      true,
    );
    assert.equal(await latestEventId(kv), head);
    const all = await listShots(serviceContext(kv, p.vfx));
    assert.equal(all.length, 15);
    assert.deepEqual(
      [...new Set(all.map((s) => s.status))].sort(),
      [...SHOT_STATUSES].sort(),
    );
    let reviewed = 0;
    for (const s of all) {
      const { versions } = await getShot(serviceContext(kv, p.director), s.id);
      assert.equal(versions.length, s.versionCount, s.code);
      assert.deepEqual(
        versions.map((v) => v.number),
        versions.map((_, i) => i + 1),
      );
      const latest = versions.at(-1);
      const decision = latest?.review?.decision;
      if (s.status === "pending_review") {
        assert.equal(latest?.review, null, s.code);
      }
      if (s.status === "approved" || s.status === "final") {
        assert.equal(decision, "approve", s.code);
      }
      if (s.status === "changes_requested") {
        assert.equal(decision, "request_changes", s.code);
      }
      for (const v of versions) {
        assert.equal(v.version, v.review === null ? 1 : 2);
        if (v.review !== null) {
          reviewed++;
          assert.equal(v.review.by, p.director.id);
          assert.ok(v.review.at > v.createdAt);
        }
      }
    }
    assert.ok(reviewed >= 5);
    assert.ok(all.some((s) => s.bidCents === 0));
    // The seeded state works with the live API: review a shot in review.
    const waiting = all.find((s) => s.code === "NL_010_0040")!;
    const done = await reviewVersion(
      serviceContext(kv, p.director),
      waiting.id,
      2,
      {
        decision: "approve",
        note: "",
      },
    );
    assert.equal(done.shot.status, "approved");
    assert.equal(
      await seedVfx(kv, { vfx: p.vfx, director: p.director }),
      false,
    );
    assert.equal((await shots.list(kv)).length, 15);
  }));

Deno.test("seedVfx - a shot's last change is its newest version; shots link to demo scenes by key", () =>
  withKv(async (kv) => {
    const p = await people(kv);
    await seedScript(kv, { director: p.director });
    await seedVfx(kv, { vfx: p.vfx, director: p.director });
    const refs = await sceneRefs(kv, p.vfx);
    let linked = 0;
    for (const s of await listShots(serviceContext(kv, p.vfx))) {
      const { versions } = await getShot(serviceContext(kv, p.director), s.id);
      for (const v of versions) {
        assert.ok(s.updatedAt >= v.updatedAt, `${s.code} v${v.number}`);
      }
      if (versions.length > 0) {
        assert.equal(s.updatedAt, versions.at(-1)!.updatedAt, s.code);
      }
      if (s.sceneKey !== null) {
        linked++;
        assert.ok(refs[s.sceneKey], `${s.code}: a scene of the demo script`);
      }
    }
    assert.ok(linked >= 10);
    const lamp = (await listShots(serviceContext(kv, p.vfx))).find((s) =>
      s.code === "NL_020_0010"
    )!;
    assert.equal(refs[lamp.sceneKey!].number, "4");
    assert.equal(
      refs[lamp.sceneKey!].heading,
      "INT. LIGHTHOUSE - LAMP ROOM - NIGHT",
    );
  }));
