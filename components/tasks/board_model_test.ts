import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import { createEditDialog } from "@/components/edit_dialog.ts";
import { fakeWorld } from "@/components/fake_world.ts";
import type { Task } from "@/lib/tasks/shared.ts";
import { type BoardOptions, FLASH_MS, TaskBoardModel } from "./board_model.ts";
import { TYPING_SHOWN_MS } from "./task_dialog_model.ts";
import { task } from "@/lib/tasks/testing.ts";

/**
 * A board in a fake world: API answers given in order (each a value, a
 * failure or a promise the test settles), the typing notices it sends and
 * a manual clock.
 */
function setup(options: Partial<BoardOptions> = {}) {
  const world = fakeWorld();
  const editor = createEditDialog<Task>();
  const board = new TaskBoardModel(world, {
    initial: [
      task("a", "todo", "F", { assigneeId: "m" }),
      task("b", "todo", "N", { assigneeId: "m" }),
    ],
    people: [{ id: "c", name: "Sam" }],
    viewer: { id: "m", management: true },
    filters: {},
    editor,
    ...options,
  });
  const ids = (status: Task["status"]) =>
    board.columns.value.find((c) => c.status === status)!.cards.map((t) =>
      t.id
    );
  const { sent: calls, answers, typed: typing, clock } = world;
  return { board, editor, calls, answers, typing, clock, ids };
}

Deno.test("board model - a move shows at once and keeps the server's answer", async () => {
  const { board, calls, answers, ids } = setup();
  const answer = Promise.withResolvers<Task>();
  answers.push(answer.promise);
  const moving = board.move("b", "review", 0);
  assert.deepEqual(ids("review"), ["b"], "optimistic");
  assert.equal(board.announcement.value, "Moved b to Review, position 1.");
  assert.deepEqual(calls, [{
    method: "PATCH",
    url: "/api/tasks/b",
    body: { status: "review", rank: "U" },
    options: 1,
  }]);
  answer.resolve(task("b", "review", "U", { version: 2 }));
  await moving;
  assert.equal(board.tasks.value.find((t) => t.id === "b")!.version, 2);
  assert.equal(board.notice.value, null);
});

Deno.test("board model - a refused move rolls back that card only, with a notice", async () => {
  const { board, answers, ids } = setup();
  const answer = Promise.withResolvers<Task>();
  answers.push(answer.promise);
  const moving = board.move("a", "done", 0);
  // Someone else's change lands while the move is on its way.
  board.applyEvent({
    action: "updated",
    task: task("b", "blocked", "U", { version: 2 }),
  });
  answer.reject(new ApiFailure(403, { code: "forbidden", message: "No" }));
  await moving;
  assert.deepEqual(ids("todo"), ["a"]);
  assert.deepEqual(ids("blocked"), ["b"], "their change stays");
  assert.deepEqual(board.notice.value, {
    text: 'You may not move "a".',
    network: false,
  });
  assert.equal(board.announcement.value, 'You may not move "a".');
  board.dismissNotice();
  assert.equal(board.notice.value, null);
});

Deno.test("board model - a move that loses a race shows the server's version", async () => {
  const { board, answers, ids } = setup();
  const theirs = task("a", "in_progress", "U", { version: 3 });
  answers.push(
    new ApiFailure(409, {
      code: "conflict",
      message: "Changed",
      details: { current: theirs },
    }),
  );
  await board.move("a", "done", 0);
  assert.deepEqual(ids("in_progress"), ["a"]);
  assert.deepEqual(ids("done"), []);
  assert.match(board.notice.value!.text, /^Someone else changed "a" first/);
});

Deno.test("board model - an offline failure's notice goes when the connection is back", async () => {
  const { board, answers } = setup();
  board.connectionChanged("offline");
  answers.push(new ApiFailure(0));
  await board.move("a", "done", 0);
  assert.deepEqual(board.notice.value, {
    text: 'Could not move "a": the server could not be reached.',
    network: true,
  });
  board.connectionChanged("reconnecting");
  assert.notEqual(board.notice.value, null);
  board.connectionChanged("online");
  assert.equal(board.notice.value, null);
  // Other refusals stay until dismissed.
  answers.push(new ApiFailure(500, { code: "internal", message: "Broken" }));
  await board.move("a", "done", 0);
  board.connectionChanged("offline");
  board.connectionChanged("online");
  assert.equal(board.notice.peek()?.text, "Broken");
});

Deno.test("board model - live events upsert, remove and highlight for a while", () => {
  const { board, clock, ids } = setup();
  board.applyEvent({ action: "created", task: task("c", "todo", "Z") });
  assert.deepEqual(ids("todo"), ["a", "b", "c"]);
  assert.ok(board.flashing.value.has("c"));
  clock.tick(FLASH_MS);
  assert.equal(board.flashing.value.size, 0);
  board.applyEvent({ action: "deleted", task: task("a", "todo", "F") });
  assert.deepEqual(ids("todo"), ["b", "c"]);
  // An older version than the board holds changes nothing.
  board.applyEvent({
    action: "updated",
    task: task("b", "done", "N", { version: 0 }),
  });
  assert.deepEqual(ids("todo"), ["b", "c"]);
});

Deno.test("board model - crew's board drops a task reassigned away and may not move others'", () => {
  const { board, ids } = setup({
    initial: [task("a", "todo", "F", { assigneeId: "c" })],
    viewer: { id: "c", management: false },
  });
  assert.equal(board.canMove(board.tasks.value[0]), true);
  assert.equal(board.canMove(task("x", "todo", "U")), false);
  assert.equal(board.cardKey(task("x", "todo", "U"), " "), false);
  board.applyEvent({
    action: "updated",
    task: task("a", "todo", "F", { assigneeId: "x", version: 2 }),
  });
  assert.deepEqual(ids("todo"), []);
});

Deno.test("board model - the keyboard picks up, moves, cancels and drops a card", async () => {
  const { board, answers, ids } = setup();
  const b = board.tasks.value[1];
  assert.equal(board.cardKey(b, "Enter"), false, "Enter opens: the island's");
  assert.equal(board.cardKey(b, " "), true);
  assert.deepEqual(board.grabbed.value, { id: "b", status: "todo", index: 1 });
  assert.match(board.announcement.value, /^Picked up b\./);
  assert.equal(board.cardKey(b, "ArrowUp"), true);
  assert.deepEqual(ids("todo"), ["b", "a"], "shown where it would land");
  assert.equal(board.cardKey(b, "ArrowLeft"), false, "no column to the left");
  assert.equal(board.cardKey(b, "ArrowRight"), true);
  assert.equal(board.announcement.value, "In progress, position 1.");
  assert.deepEqual(ids("in_progress"), ["b"]);
  assert.equal(board.cardKey(b, "Escape"), true);
  assert.equal(board.grabbed.value, null);
  assert.deepEqual(ids("todo"), ["a", "b"]);
  assert.equal(board.announcement.value, "Move of b cancelled.");
  assert.equal(board.takeRefocus(), "b");
  assert.equal(board.takeRefocus(), null, "once");

  board.cardKey(b, " ");
  board.cardKey(b, "ArrowRight");
  answers.push(new ApiFailure(0));
  assert.equal(board.cardKey(b, " "), true);
  assert.deepEqual(ids("in_progress"), ["b"], "dropped");
  await Promise.resolve();
  assert.deepEqual(ids("todo"), ["a", "b"], "rolled back");
  assert.equal(board.takeRefocus(), "b", "focus goes back to the card");
});

Deno.test("board model - a drop past the last card lands at the end", async () => {
  const { board, answers, calls, ids } = setup();
  board.dragStart("a");
  board.dragOver("todo", -1);
  assert.deepEqual(board.dropAt.value, { status: "todo", index: 1 });
  board.dragLeave();
  assert.equal(board.dropAt.value, null);
  answers.push(task("a", "todo", "V", { version: 2 }));
  board.drop("todo", -1);
  assert.equal(board.dragging.value, null);
  assert.deepEqual(ids("todo"), ["b", "a"]);
  assert.equal(calls[0].url, "/api/tasks/a");
  await Promise.resolve();
});

Deno.test("board model - a save creates, closes the dialog and highlights the card", async () => {
  const { board, editor, answers, calls, ids } = setup();
  answers.push([{ id: "c", name: "Sam" }, {
    id: "d",
    name: "Kim",
    active: false,
  }]);
  await board.dialog.open(null);
  assert.deepEqual(board.dialog.people.value, [{ id: "c", name: "Sam" }]);
  const values = {
    title: "New",
    description: "",
    status: "todo" as const,
    priority: "high" as const,
    assigneeId: "c",
    department: "",
    dueDate: null,
  };
  answers.push(task("n", "todo", "Z", { title: "New" }));
  await board.dialog.save(values);
  assert.deepEqual(calls.at(-1), {
    method: "POST",
    url: "/api/tasks",
    body: values,
    options: undefined,
  });
  assert.equal(editor.state.value, null);
  assert.deepEqual(ids("todo"), ["a", "b", "n"]);
  assert.ok(board.flashing.value.has("n"));
  assert.equal(board.takeRefocus(), "n");
});

Deno.test("board model - a failed save shows field errors; a conflict shows their version", async () => {
  const { board, editor, answers, typing } = setup({
    viewer: { id: "m", management: false },
  });
  const a = board.tasks.value[0];
  await board.dialog.open(a);
  answers.push(
    new ApiFailure(400, {
      code: "validation",
      message: "Invalid",
      details: [{ path: ["title"], message: "Give the task a title" }],
    }),
  );
  await board.dialog.save({ ...a, assigneeId: null });
  assert.deepEqual(editor.state.value?.errors, {
    title: "Give the task a title",
  });
  assert.equal(editor.state.value?.message, "Check the highlighted fields.");

  const theirs = { ...a, title: "Theirs", version: 2 };
  answers.push(
    new ApiFailure(409, {
      code: "conflict",
      message: "Changed",
      details: { current: theirs },
    }),
  );
  await board.dialog.save({ ...a, assigneeId: null });
  assert.equal(editor.state.value?.conflict, theirs);
  assert.equal(editor.state.value?.message, null);
  board.dialog.loadLatest();
  assert.equal(editor.state.value?.record, theirs);
  board.dialog.close();
  assert.deepEqual(typing, [["task:a", false]]);
  assert.equal(board.takeRefocus(), "a");
});

Deno.test("board model - a live change to the open task is a conflict, not while saving", async () => {
  const { board, editor, answers } = setup({
    viewer: { id: "m", management: false },
  });
  const a = board.tasks.value[0];
  await board.dialog.open(a);
  const answer = Promise.withResolvers<Task>();
  answers.push(answer.promise);
  const saving = board.dialog.save({ ...a, assigneeId: null });
  board.applyEvent({ action: "updated", task: { ...a, version: 2 } });
  assert.equal(editor.state.value?.conflict, null, "busy: its own save");
  answer.resolve({ ...a, version: 2 });
  await saving;
  await board.dialog.open(board.tasks.value.find((t) => t.id === "a")!);
  assert.equal(editor.state.value?.record?.version, 2);
  const newer = { ...a, title: "Renamed", version: 3 };
  board.applyEvent({ action: "updated", task: newer });
  assert.equal(editor.state.value?.conflict, newer);
});

Deno.test("board model - delete removes the task; a refusal keeps the dialog with a message", async () => {
  const { board, editor, answers, calls, ids } = setup({
    viewer: { id: "m", management: false },
  });
  await board.dialog.open(board.tasks.value[0]);
  answers.push(
    new ApiFailure(403, { code: "forbidden", message: "Not yours" }),
  );
  await board.dialog.remove();
  assert.equal(editor.state.value?.message, "Not yours");
  answers.push(null);
  await board.dialog.remove();
  assert.deepEqual(calls.at(-1), {
    method: "DELETE",
    url: "/api/tasks/a",
    body: undefined,
    options: 1,
  });
  assert.equal(editor.state.value, null);
  assert.deepEqual(ids("todo"), ["b"]);
});

Deno.test("board model - typing notices show for a while; edits are announced every 2 s", async () => {
  const { board, clock, typing } = setup({
    viewer: { id: "m", management: false },
  });
  board.dialog.typingNotice({ target: "shot:x", name: "Kim", active: true });
  board.dialog.typingNotice({ target: "task:a", name: "Kim", active: true });
  assert.deepEqual(board.dialog.editing.value, {
    a: { name: "Kim", until: clock.now() + TYPING_SHOWN_MS },
  });
  clock.tick(TYPING_SHOWN_MS + 50);
  assert.deepEqual(board.dialog.editing.value, {});

  await board.dialog.open(board.tasks.value[0]);
  board.dialog.edited();
  board.dialog.edited();
  clock.tick(2_000);
  board.dialog.edited();
  assert.deepEqual(typing, [["task:a", true], ["task:a", true]]);
});

Deno.test("board model - disposing the board clears its timers", () => {
  const { board, clock } = setup();
  board.applyEvent({ action: "created", task: task("c", "todo", "Z") });
  board.dialog.typingNotice({ target: "task:a", name: "Kim", active: true });
  assert.equal(clock.pending, 2);
  board[Symbol.dispose]();
  assert.equal(clock.pending, 0);
});
