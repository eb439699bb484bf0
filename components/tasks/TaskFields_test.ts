import assert from "node:assert/strict";
import { departmentChoices } from "./TaskFields.tsx";

Deno.test("departmentChoices - the production's list, plus a task's own department it lacks", () => {
  const list = ["Camera", "Sound"];
  assert.deepEqual(departmentChoices(list, ""), ["Camera", "Sound"]);
  assert.deepEqual(departmentChoices(list, "Sound"), ["Camera", "Sound"]);
  assert.deepEqual(departmentChoices(list, "Stunts"), [
    "Camera",
    "Sound",
    "Stunts",
  ]);
  assert.deepEqual(list, ["Camera", "Sound"], "the list is not changed");
});
