import assert from "node:assert/strict";
import { toApiError } from "@/lib/http/errors.ts";
import type { Actor } from "@/lib/policy.ts";
import { ROLES } from "@/lib/roles.ts";
import { SHOT_STATUSES, type ShotStatus } from "./schemas.ts";
import {
  assertManualMove,
  canMoveManually,
  manualTargets,
  STATUS_TABLE,
  statusAfterReview,
  statusAfterSubmit,
} from "./status.ts";

// The manual moves, written out by hand from the brief and NOT derived from
// STATUS_TABLE: V = the VFX team, R = director and producer, B = both,
// - = nobody, . = same status (no move).
const EXPECTED_MANUAL = `
  from\\to            not_started in_progress pending_review changes_requested approved final omitted
  not_started             .           V            -               -              -       -      B
  in_progress             V           .            -               -              -       -      B
  pending_review          -           -            .               -              -       -      R
  changes_requested       -           V            -               .              -       -      B
  approved                -           -            -               -              .       R      R
  final                   -           -            -               -              R       .      R
  omitted                 B           -            -               -              -       -      .
`;

const SUBMITTABLE: ShotStatus[] = [
  "not_started",
  "in_progress",
  "changes_requested",
];

function grid(text: string): Map<string, string> {
  const rows = text.trim().split("\n").map((l) => l.trim().split(/\s+/));
  const [header, ...body] = rows;
  const cells = new Map<string, string>();
  for (const row of body) {
    for (let i = 1; i < header.length; i++) {
      cells.set(`${row[0]}>${header[i]}`, row[i]);
    }
  }
  return cells;
}

const actor = (role: Actor["role"]): Actor => ({ id: `u-${role}`, role });
const vfx = actor("vfx");
const director = actor("director");
const producer = actor("producer");

function allowed(cell: string, role: Actor["role"]): boolean {
  if (cell === "B") {
    return role === "vfx" || role === "director" ||
      role === "producer";
  }
  if (cell === "V") return role === "vfx";
  if (cell === "R") return role === "director" || role === "producer";
  return false;
}

/** The HTTP status the thrown error answers with (null: not a refusal). */
function statusOf(error: unknown): number | null {
  const answer = toApiError(error);
  return answer.status < 500 ? answer.status : null;
}

Deno.test("status table - manual moves match the hand-written grid for every role", () => {
  const expected = grid(EXPECTED_MANUAL);
  assert.equal(expected.size, SHOT_STATUSES.length ** 2);
  for (const role of ROLES) {
    for (const from of SHOT_STATUSES) {
      for (const to of SHOT_STATUSES) {
        if (from === to) continue;
        const cell = expected.get(`${from}>${to}`)!;
        assert.equal(
          canMoveManually(actor(role), from, to),
          allowed(cell, role),
          `${role}: ${from} → ${to}`,
        );
      }
    }
  }
});

Deno.test("status table - automatic moves: submit from three statuses, review only from pending_review", () => {
  for (const from of SHOT_STATUSES) {
    if (SUBMITTABLE.includes(from)) {
      assert.equal(statusAfterSubmit(from), "pending_review");
    } else {
      assert.throws(() => statusAfterSubmit(from), (e) => statusOf(e) === 409);
    }
    if (from === "pending_review") {
      assert.equal(statusAfterReview(from, "approve"), "approved");
      assert.equal(
        statusAfterReview(from, "request_changes"),
        "changes_requested",
      );
    } else {
      for (const decision of ["approve", "request_changes"] as const) {
        assert.throws(
          () => statusAfterReview(from, decision),
          (e) => statusOf(e) === 409,
          `${decision} from ${from}`,
        );
      }
    }
  }
});

Deno.test("status table - every pair is either listed or absent; no status is a dead end except by design", () => {
  for (const from of SHOT_STATUSES) {
    // Every status has a way out (omitted back to not started included).
    assert.ok(Object.keys(STATUS_TABLE[from]).length > 0, from);
    assert.equal(STATUS_TABLE[from][from], undefined, `${from} → itself`);
  }
  assert.ok(Object.isFrozen(STATUS_TABLE));
  assert.ok(Object.isFrozen(STATUS_TABLE.approved.final));
});

Deno.test("assertManualMove - same status is not a move; listed moves pass", () => {
  for (const from of SHOT_STATUSES) {
    assert.equal(assertManualMove(director, from, from), from);
    assert.equal(assertManualMove(actor("crew"), from, from), from);
  }
  assert.equal(
    assertManualMove(vfx, "not_started", "in_progress"),
    "in_progress",
  );
  assert.equal(assertManualMove(producer, "approved", "final"), "final");
  assert.equal(assertManualMove(director, "final", "approved"), "approved");
  assert.equal(assertManualMove(vfx, "omitted", "not_started"), "not_started");
});

Deno.test("assertManualMove - illegal for everyone is a 409 saying what to do", () => {
  const err = (from: ShotStatus, to: ShotStatus, who: Actor = vfx) => {
    try {
      assertManualMove(who, from, to);
    } catch (e) {
      // The domain error, as the API answers it.
      const answer = toApiError(e);
      assert.ok(answer.status < 500);
      return answer;
    }
    assert.fail(`${from} → ${to} passed`);
  };
  const inReview = err("pending_review", "in_progress");
  assert.equal(inReview.status, 409);
  assert.equal(inReview.code, "invalid_transition");
  assert.equal(
    inReview.message,
    "A shot pending review cannot be moved to in progress; review it first",
  );
  assert.deepEqual(inReview.details, {
    from: "pending_review",
    to: "in_progress",
  });
  assert.match(err("in_progress", "approved").message, /approved by hand/);
  assert.match(err("pending_review", "approved").message, /approved by hand/);
  assert.match(
    err("in_progress", "pending_review").message,
    /when a version is submitted/,
  );
  assert.match(
    err("not_started", "changes_requested", director).message,
    /reviewing the latest version/,
  );
  assert.equal(err("final", "in_progress").status, 409);
  assert.equal(err("omitted", "in_progress").status, 409);
  assert.match(err("omitted", "in_progress").message, /restore it/);
});

Deno.test("assertManualMove - a move listed for another role is a 403 naming who may", () => {
  const cases: [Actor, ShotStatus, ShotStatus, RegExp][] = [
    [vfx, "approved", "final", /director or producer/],
    [vfx, "final", "approved", /director or producer/],
    [vfx, "pending_review", "omitted", /director or producer/],
    [vfx, "approved", "omitted", /director or producer/],
    [director, "not_started", "in_progress", /VFX team/],
    [producer, "changes_requested", "in_progress", /VFX team/],
    [actor("crew"), "omitted", "not_started", /VFX team or the director/],
  ];
  for (const [who, from, to, message] of cases) {
    assert.throws(
      () => assertManualMove(who, from, to),
      (e) => statusOf(e) === 403 && message.test((e as Error).message),
      `${who.role}: ${from} → ${to}`,
    );
  }
});

Deno.test("manualTargets - what each role may pick from a status", () => {
  assert.deepEqual(manualTargets(vfx, "in_progress"), [
    "not_started",
    "omitted",
  ]);
  assert.deepEqual(manualTargets(director, "approved"), ["final", "omitted"]);
  assert.deepEqual(manualTargets(vfx, "pending_review"), []);
  assert.deepEqual(manualTargets(actor("crew"), "not_started"), []);
});
