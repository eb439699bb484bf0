import assert from "node:assert/strict";
import { Joiner } from "./joiner.ts";

Deno.test("Joiner: the same as Array.join, across block boundaries", () => {
  for (const count of [0, 1, 4095, 4096, 4097, 10_000]) {
    const parts = Array.from({ length: count }, (_, i) => `line ${i}`);
    const joiner = new Joiner("\n");
    for (const part of parts) joiner.add(part);
    assert.equal(joiner.empty, count === 0);
    assert.equal(joiner.join(), parts.join("\n"), `${count} parts`);
    assert.ok(joiner.empty);
    assert.equal(joiner.join(), "");
  }
});

Deno.test("Joiner: empty parts still count", () => {
  const joiner = new Joiner(",");
  for (const part of ["", "a", "", ""]) joiner.add(part);
  assert.equal(joiner.empty, false);
  assert.equal(joiner.join(), ",a,,");
});
