import assert from "node:assert/strict";
import type { Shot, ShotStatus, ShotVersion } from "@/lib/vfx/shared.ts";
import { ApiFailure } from "@/components/api.ts";
import { fakeWorld, type SentCall } from "@/components/fake_world.ts";
import type { ShotAbilities } from "./model.ts";
import { ShotModel } from "./shot_model.ts";

function shot(extra: Partial<Shot> = {}): Shot {
  return {
    id: "s1",
    version: 1,
    createdAt: "2027-01-01T00:00:00.000Z",
    updatedAt: "2027-01-01T00:00:00.000Z",
    code: "NL_010",
    sceneKey: null,
    description: "",
    frameIn: 1001,
    frameOut: 1096,
    vendor: "",
    bidCents: 0,
    assigneeId: null,
    status: "in_progress",
    versionCount: 0,
    ...extra,
  };
}

function version(number: number, extra: Partial<ShotVersion> = {}) {
  return {
    id: `v${number}`,
    version: 1,
    createdAt: "2027-01-02T00:00:00.000Z",
    updatedAt: "2027-01-02T00:00:00.000Z",
    shotId: "s1",
    number,
    notes: "",
    assetId: null,
    submittedBy: "vfx1",
    submittedByName: "Vic",
    review: null,
    ...extra,
  } satisfies ShotVersion;
}

const MOVES = {
  not_started: [],
  in_progress: ["omitted"],
  pending_review: [],
  changes_requested: [],
  approved: ["final"],
  final: [],
  omitted: [],
} as Record<ShotStatus, ShotStatus[]>;

/** The VFX artist `vfx1`: submits from in progress, may omit. */
const ARTIST: ShotAbilities = {
  moves: MOVES,
  submitFrom: ["in_progress", "changes_requested"],
  canReview: false,
};

function setup(
  answer: (call: SentCall) => unknown = () => null,
  abilities = ARTIST,
  initial = { shot: shot(), versions: [] as ShotVersion[] },
) {
  const world = fakeWorld(answer);
  const model = new ShotModel(world, {
    initial,
    abilities,
    viewerId: "vfx1",
    notice: null,
    posted: null,
  });
  return { world, model };
}

Deno.test("shot model - submitting a version posts it and shows the shot pending review", async () => {
  const after = shot({ version: 2, status: "pending_review", versionCount: 1 });
  const { world, model } = setup(() => ({ shot: after, version: version(1) }));
  assert.equal(model.choices.value.submittable, true);
  assert.equal(
    await model.submitVersion({ notes: "first", assetId: null }),
    true,
  );
  assert.deepEqual(world.sent, [{
    method: "POST",
    url: "/api/vfx/shots/s1/versions",
    body: { notes: "first", assetId: null },
    options: undefined,
  }]);
  assert.equal(
    model.notice.value,
    "Submitted v1: the shot is pending review.",
  );
  assert.equal(model.announcement.value, model.notice.value);
  assert.deepEqual(model.detail.value.versions.map((v) => v.number), [1]);
  assert.equal(model.choices.value.submittable, false);
  assert.equal(model.statusFlashing.value, true);
  assert.ok(model.versionsFlashing.value.has(1));
  assert.equal(model.busy.value, null);
  world.clock.tick(1_500);
  assert.equal(model.statusFlashing.value, false);
});

Deno.test("shot model - omitting asks first; a version conflict adopts the current shot", async () => {
  const current = shot({ version: 3, status: "pending_review" });
  const { world, model } = setup(() => {
    throw new ApiFailure(409, {
      code: "version_conflict",
      message: "Changed",
      details: { current },
    });
  });
  world.confirms = false;
  await model.moveStatus("omitted");
  assert.deepEqual(world.asked, [
    "Omit NL_010? It leaves the pipeline until restored.",
  ]);
  assert.equal(world.sent.length, 0);
  world.confirms = true;
  await model.moveStatus("omitted");
  assert.equal(world.sent[0].options, 1, "sent with If-Match");
  assert.equal(model.detail.value.shot.status, "pending_review");
  // The status form is gone (no moves from pending review): its refusal
  // shows at the top instead.
  assert.deepEqual(model.orphaned.value, [
    "Someone changed this shot meanwhile; the page now shows the latest version.",
  ]);
});

Deno.test("shot model - a validation refusal shows beside its field", async () => {
  const { model } = setup(() => {
    throw new ApiFailure(400, {
      code: "validation",
      message: "Invalid",
      details: [{ path: ["notes"], message: "Too long" }],
    });
  });
  assert.equal(await model.submitVersion({ notes: "x", assetId: null }), false);
  assert.deepEqual(model.forms.value.submit, {
    errors: { notes: "Too long" },
    message: "Check the highlighted field.",
  });
  assert.deepEqual(model.forms.value.status, { errors: {}, message: null });
  assert.deepEqual(model.orphaned.value, []);
});

Deno.test("shot model - a reviewer approves the latest version", async () => {
  const pending = shot({
    version: 2,
    status: "pending_review",
    versionCount: 1,
  });
  const reviewed = version(1, {
    version: 2,
    review: {
      decision: "approve",
      note: "",
      by: "dir1",
      byName: "Dana",
      at: "2027-01-03T00:00:00.000Z",
    },
  });
  const { world, model } = setup(
    () => ({
      shot: { ...pending, version: 3, status: "approved" },
      version: reviewed,
    }),
    { moves: MOVES, submitFrom: [], canReview: true },
    { shot: pending, versions: [version(1)] },
  );
  assert.equal(model.choices.value.reviewable, true);
  await model.review({
    decision: "approve",
    number: 1,
    reviewVersion: 1,
    note: "",
  });
  assert.deepEqual(world.sent[0], {
    method: "PATCH",
    url: "/api/vfx/shots/s1/versions/1",
    body: { decision: "approve", note: "" },
    options: 1,
  });
  assert.equal(
    model.notice.value,
    "v1: approved. The shot is now approved.",
  );
  assert.equal(model.choices.value.reviewable, false);
});

Deno.test("shot model - someone else's update clears old messages and says what happened", async () => {
  const { world, model } = setup(() => {
    throw new ApiFailure(400, {
      code: "validation",
      message: "Invalid",
      details: [{ path: ["notes"], message: "Too long" }],
    });
  });
  await model.submitVersion({ notes: "x", assetId: null });
  world.emit("vfx_update", {
    action: "shot_updated",
    shot: shot({ version: 2, status: "approved" }),
  });
  assert.deepEqual(model.forms.value.submit, { errors: {}, message: null });
  assert.equal(model.liveNote.value, "NL_010 was updated: approved.");
  assert.equal(model.announcement.value, model.liveNote.value);
  // Another shot's update is not this page's.
  world.emit("vfx_update", {
    action: "shot_updated",
    shot: shot({ id: "s2", version: 9, status: "final" }),
  });
  assert.equal(model.detail.value.shot.status, "approved");
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
  assert.equal(world.clock.pending, 0);
});

Deno.test("shot model - a resync reloads the shot; a failure says so", async () => {
  let fail = false;
  const { world, model } = setup(() => {
    if (fail) throw new ApiFailure(0);
    return { shot: shot({ version: 4, code: "NL_020" }), versions: [] };
  });
  world.resync();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(world.sent[0].url, "/api/vfx/shots/s1");
  assert.equal(model.detail.value.shot.code, "NL_020");
  fail = true;
  world.resync();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(
    model.liveNote.value,
    "This shot could not be reloaded. Refresh the page.",
  );
});
