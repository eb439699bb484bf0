import assert from "node:assert/strict";
import { ClientFrameSchema, TypingTargetSchema } from "./protocol.ts";

Deno.test("ClientFrameSchema - accepts the three client frames", () => {
  for (
    const frame of [
      { type: "ping", t: 1 },
      { type: "typing", target: "task:abc-1", active: true },
      { type: "auth", token: "x.y.z" },
    ]
  ) {
    assert.ok(
      ClientFrameSchema.safeParse(frame).success,
      JSON.stringify(frame),
    );
  }
});

Deno.test("ClientFrameSchema - refuses unknown types, extra fields and bad values", () => {
  for (
    const frame of [
      { type: "subscribe", room: "role:producer" },
      { type: "ping" },
      { type: "ping", t: "now" },
      { type: "ping", t: 1, extra: true },
      { type: "typing", target: "budget:1", active: true },
      { type: "typing", target: "task:1" },
      { type: "auth", token: "" },
      { type: "auth", token: "x".repeat(5000) },
      null,
      "ping",
    ]
  ) {
    assert.equal(
      ClientFrameSchema.safeParse(frame).success,
      false,
      JSON.stringify(frame),
    );
  }
});

Deno.test("TypingTargetSchema - module:id with a bounded id", () => {
  assert.ok(TypingTargetSchema.safeParse("script:scene-12").success);
  assert.equal(TypingTargetSchema.safeParse("task:").success, false);
  assert.equal(
    TypingTargetSchema.safeParse(`task:${"a".repeat(101)}`).success,
    false,
  );
  assert.equal(TypingTargetSchema.safeParse("task:a b").success, false);
});
