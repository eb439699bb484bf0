import assert from "node:assert/strict";
import { ApiFailure, failureText, send } from "./api.ts";

/** Replaces `fetch` for one call of `run`, recording the request. */
async function withFetch(
  answer: () => Response | Promise<Response>,
  run: () => Promise<void>,
): Promise<Request[]> {
  const seen: Request[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    seen.push(new Request(new URL(String(input), "http://x"), init));
    return Promise.resolve(answer());
  };
  try {
    await run();
  } finally {
    globalThis.fetch = original;
  }
  return seen;
}

Deno.test("send: JSON body, If-Match, resolves to the JSON answer", async () => {
  let result: unknown;
  const [req] = await withFetch(
    () => Response.json({ ok: 1 }),
    async () => {
      result = await send("PATCH", "/api/x", { a: 1 }, 3);
    },
  );
  assert.deepEqual(result, { ok: 1 });
  assert.equal(req.method, "PATCH");
  assert.equal(req.headers.get("content-type"), "application/json");
  assert.equal(req.headers.get("if-match"), "3");
  assert.equal(await req.text(), '{"a":1}');
});

Deno.test("send: a raw body with its content type", async () => {
  const [req] = await withFetch(
    () => new Response(null, { status: 204 }),
    async () => {
      const body = await send("POST", "/api/y", undefined, {
        raw: "INT. KITCHEN",
        contentType: "text/plain",
      });
      assert.equal(body, null);
    },
  );
  assert.equal(req.headers.get("content-type"), "text/plain");
  assert.equal(await req.text(), "INT. KITCHEN");
});

Deno.test("send: a refusal rejects with an ApiFailure carrying status and error", async () => {
  const error = { code: "conflict", message: "Changed meanwhile" };
  await withFetch(() => Response.json({ error }, { status: 409 }), async () => {
    const failure = await send("DELETE", "/api/z").catch((e) => e);
    assert.ok(failure instanceof ApiFailure);
    assert.ok(failure instanceof Error);
    assert.equal(failure.status, 409);
    assert.deepEqual(failure.error, error);
    assert.equal(failure.message, "Changed meanwhile");
    assert.equal(failureText(failure, "Could not delete"), "Changed meanwhile");
  });
});

Deno.test("send: no answer rejects with status 0", async () => {
  await withFetch(() => Promise.reject(new TypeError("offline")), async () => {
    const failure = await send("GET", "/api/z").catch((e) => e);
    assert.ok(failure instanceof ApiFailure);
    assert.equal(failure.status, 0);
    assert.equal(
      failureText(failure, "Could not load"),
      "Could not load: the server could not be reached.",
    );
  });
});
