import assert from "node:assert/strict";
import { DeadlineError, settlesWithin, withDeadline } from "./deadline.ts";

Deno.test("withDeadline - passes a value or rejection through and clears its timer", async () => {
  assert.equal(await withDeadline(Promise.resolve(7), 1_000, "seven"), 7);
  await assert.rejects(
    withDeadline(Promise.reject(new Error("boom")), 1_000, "boom"),
    /boom/,
  );
});

Deno.test("withDeadline - rejects naming the wait when the promise never settles", async () => {
  const never = new Promise<void>(() => {});
  const error = await withDeadline(never, 20, "the server stop").then(
    () => null,
    (e) => e,
  );
  assert.ok(error instanceof DeadlineError);
  assert.equal(error.what, "the server stop");
  assert.match(error.message, /the server stop did not finish within 20 ms/);
});

Deno.test("settlesWithin - true when settled (even rejected), false when late", async () => {
  assert.equal(await settlesWithin(Promise.resolve(), 1_000), true);
  assert.equal(
    await settlesWithin(Promise.reject(new Error("x")), 1_000),
    true,
  );
  assert.equal(await settlesWithin(new Promise(() => {}), 20), false);
});
