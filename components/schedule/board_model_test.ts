import assert from "node:assert/strict";
import { applyOp, type BoardOp, BoardOpError } from "@/lib/schedule/ops.ts";
import { board, plan, strip, stripMap } from "@/lib/schedule/testing.ts";
import {
  addPending,
  boardState,
  opAccepted,
  opRejected,
  receiveBoardEvent,
  refetched,
  shownBoard,
} from "./board_model.ts";

const strips = stripMap(["1", "2", "3", "4"].map((k) => strip(k)));
const start = () => boardState(board([["1"], []], ["2", "3", "4"]), 5);
const toDay = (sceneKey: string, day: number, index = 0): BoardOp => ({
  op: "move_strip",
  sceneKey,
  to: { day, index },
});

Deno.test("stripboard state - an op shows at once over the confirmed board", () => {
  const state = addPending(start(), "a", toDay("2", 1), strips);
  assert.deepEqual(plan(shownBoard(state, strips)), [["1"], ["2"]]);
  assert.deepEqual(plan(state.confirmed), [["1"], []], "not confirmed yet");
  assert.equal(state.version, 5);
  assert.deepEqual(state.pending.map((p) => p.opId), ["a"]);
});

Deno.test("stripboard state - an op that does not fit the board as shown is refused before sending", () => {
  assert.throws(
    () => addPending(start(), "a", { op: "remove_day", day: 4 }, strips),
    BoardOpError,
  );
});

Deno.test("stripboard state - our own op's echo confirms it once, never twice", () => {
  let state = addPending(start(), "a", { op: "add_day" }, strips);
  const echo = receiveBoardEvent(
    state,
    { version: 6, op: { op: "add_day" }, opId: "a" },
    strips,
  );
  assert.equal(echo.refetch, false);
  state = echo.state;
  assert.equal(state.version, 6);
  assert.deepEqual(state.pending, []);
  assert.equal(plan(shownBoard(state, strips)).length, 3, "one day added");
  // The POST's answer comes after its echo: nothing changes.
  assert.deepEqual(opAccepted(state, "a", 6, strips), state);
});

Deno.test("stripboard state - the answer first: applied at once, the echo then ignored", () => {
  let state = addPending(start(), "a", toDay("3", 0, 1), strips);
  state = opAccepted(state, "a", 6, strips);
  assert.equal(state.version, 6);
  assert.deepEqual(state.pending, []);
  assert.deepEqual(plan(state.confirmed), [["1", "3"], []]);
  const echo = receiveBoardEvent(
    state,
    { version: 6, op: toDay("3", 0, 1), opId: "a" },
    strips,
  );
  assert.deepEqual(echo, { state, refetch: false });
});

Deno.test("stripboard state - a watcher applies the next version's op, our pending ops stay on top", () => {
  let state = addPending(start(), "mine", toDay("4", 1), strips);
  const theirs = toDay("2", 0, 0);
  const next = receiveBoardEvent(
    state,
    { version: 6, op: theirs, opId: "other-tab" },
    strips,
  );
  assert.equal(next.refetch, false);
  state = next.state;
  assert.equal(state.version, 6);
  assert.deepEqual(
    state.confirmed,
    applyOp(start().confirmed, theirs, strips),
    "the same pure function as the server",
  );
  assert.deepEqual(plan(shownBoard(state, strips)), [["2", "1"], ["4"]]);
  assert.deepEqual(state.pending.map((p) => p.opId), ["mine"]);
});

Deno.test("stripboard state - a gap in versions asks for a refetch and keeps the board", () => {
  const state = start();
  const gap = receiveBoardEvent(
    state,
    { version: 7, op: { op: "add_day" }, opId: null },
    strips,
  );
  assert.equal(gap.refetch, true);
  assert.equal(gap.state, state);
  // An event the board already holds changes nothing.
  assert.deepEqual(
    receiveBoardEvent(
      state,
      { version: 5, op: { op: "add_day" }, opId: null },
      strips,
    ),
    { state, refetch: false },
  );
});

Deno.test("stripboard state - a conflict drops the refused op and shows their change", () => {
  // We drop scene 3 into day 2 while someone removes day 2.
  let state = addPending(start(), "a", toDay("3", 1), strips);
  state = receiveBoardEvent(
    state,
    { version: 6, op: { op: "remove_day", day: 1 }, opId: null },
    strips,
  ).state;
  state = receiveBoardEvent(
    state,
    { version: 7, op: { op: "remove_day", day: 0 }, opId: null },
    strips,
  ).state;
  // Our op no longer fits: shown without it while its answer is awaited.
  assert.deepEqual(plan(shownBoard(state, strips)), []);
  state = opRejected(state, "a");
  assert.deepEqual(state.pending, []);
  assert.equal(state.version, 7);
  assert.deepEqual(shownBoard(state, strips).boneyard, ["1", "2", "3", "4"]);
});

Deno.test("stripboard state - an answer past the next version waits for the events between", () => {
  let state = addPending(start(), "a", toDay("2", 1), strips);
  state = opAccepted(state, "a", 7, strips);
  assert.equal(state.version, 5);
  assert.equal(state.pending[0].committed, 7);
  state = receiveBoardEvent(
    state,
    { version: 6, op: { op: "add_day" }, opId: null },
    strips,
  ).state;
  state = receiveBoardEvent(
    state,
    { version: 7, op: toDay("2", 1), opId: "a" },
    strips,
  ).state;
  assert.equal(state.version, 7);
  assert.deepEqual(state.pending, []);
  assert.deepEqual(plan(state.confirmed), [["1"], ["2"], []]);
});

Deno.test("stripboard state - a refetch replaces the board, keeps ops it lacks, drops ops it holds", () => {
  let state = addPending(start(), "a", toDay("2", 1), strips);
  state = addPending(state, "b", toDay("3", 1), strips);
  state = opAccepted(state, "a", 8, strips); // events 6 and 7 missed
  const fetched = applyOp(
    applyOp(board([["1"], [], []], ["2", "3", "4"]), toDay("2", 1), strips),
    { op: "add_day" },
    strips,
  );
  state = refetched(state, fetched, 8);
  assert.equal(state.version, 8);
  assert.deepEqual(state.pending.map((p) => p.opId), ["b"], "a is in it");
  assert.deepEqual(plan(shownBoard(state, strips)), [
    ["1"],
    ["3", "2"],
    [],
    [],
  ]);
  // A read older than the board held changes nothing.
  assert.equal(refetched(state, start().confirmed, 5), state);
});
