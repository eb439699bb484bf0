import assert from "node:assert/strict";
import { createEditDialog } from "./edit_dialog.ts";

interface Note {
  id: string;
  text: string;
  version: number;
}

const note: Note = { id: "n1", text: "first", version: 1 };

Deno.test("edit dialog - opens empty for a new record and closes", () => {
  const editor = createEditDialog<Note>();
  assert.equal(editor.state.value, null);
  editor.open(null);
  assert.deepEqual(editor.state.value, {
    record: null,
    errors: {},
    message: null,
    conflict: null,
    busy: false,
    generation: 0,
  });
  editor.close();
  assert.equal(editor.state.value, null);
});

Deno.test("edit dialog - a save begins busy and a failure ends it with its errors", () => {
  const editor = createEditDialog<Note>();
  editor.open(note);
  editor.fail({ errors: { text: "Enter a text" } });
  editor.begin();
  assert.equal(editor.state.value?.busy, true);
  assert.deepEqual(editor.state.value?.errors, {});
  editor.fail({ errors: { text: "Too long" }, message: "Check the field." });
  assert.equal(editor.state.value?.busy, false);
  assert.deepEqual(editor.state.value?.errors, { text: "Too long" });
  assert.equal(editor.state.value?.message, "Check the field.");
});

Deno.test("edit dialog - a conflict is kept until their version is loaded", () => {
  const editor = createEditDialog<Note>();
  editor.open(note);
  const theirs = { ...note, text: "theirs", version: 2 };
  editor.conflict(theirs);
  editor.begin();
  editor.fail({ message: "Could not save." });
  assert.equal(editor.state.value?.conflict, theirs, "a failure keeps it");
  editor.loadLatest();
  assert.equal(editor.state.value?.record, theirs);
  assert.equal(editor.state.value?.conflict, null);
  assert.equal(editor.state.value?.message, null);
  assert.equal(editor.state.value?.generation, 1, "the form re-mounts");
});

Deno.test("edit dialog - a refresh shows newer figures without a conflict", () => {
  const editor = createEditDialog<Note>();
  editor.open(note);
  editor.refresh({ ...note, version: 2 });
  assert.equal(editor.state.value?.record?.version, 2);
  assert.equal(editor.state.value?.conflict, null);
  assert.equal(editor.state.value?.generation, 0);
});

Deno.test("edit dialog - transitions of a closed dialog change nothing", () => {
  const editor = createEditDialog<Note>();
  editor.begin();
  editor.fail({ message: "late answer" });
  editor.conflict(note);
  editor.loadLatest();
  assert.equal(editor.state.value, null);
});

Deno.test("edit dialog - a delete may begin with the field errors still shown", () => {
  const editor = createEditDialog<Note>();
  editor.open(note);
  editor.fail({ errors: { text: "Too long" }, message: "Check the field." });
  editor.begin({ keepErrors: true });
  assert.equal(editor.state.value?.busy, true);
  assert.deepEqual(editor.state.value?.errors, { text: "Too long" });
  assert.equal(editor.state.value?.message, null);
});
