import assert from "node:assert/strict";
import {
  DECISION_ACTIONS,
  DECISION_LABELS,
  frameLength,
  moveLabel,
  REVIEW_DECISIONS,
  SHOT_STATUSES,
  STATUS_LABELS,
  STATUS_ORDER,
  STATUS_TONES,
  statusInText,
} from "./shared.ts";

Deno.test("vfx shared - one label and one tone per status, in pipeline order", () => {
  assert.deepEqual(STATUS_ORDER, SHOT_STATUSES);
  assert.deepEqual(Object.keys(STATUS_LABELS), [...SHOT_STATUSES]);
  assert.deepEqual(Object.keys(STATUS_TONES), [...SHOT_STATUSES]);
  assert.deepEqual(Object.keys(DECISION_LABELS), [...REVIEW_DECISIONS]);
  assert.deepEqual(Object.keys(DECISION_ACTIONS), [...REVIEW_DECISIONS]);
});

Deno.test("vfx shared - pending review reads the same in labels and sentences", () => {
  assert.equal(STATUS_LABELS.pending_review, "Pending review");
  assert.equal(statusInText("pending_review"), "pending review");
  assert.equal(
    moveLabel("approved", "pending_review"),
    "Move to pending review",
  );
});

Deno.test("vfx shared - frame lengths count both ends", () => {
  assert.equal(frameLength(1001, 1001), "1 frame");
  assert.equal(frameLength(1001, 2144), "1,144 frames");
});
