import assert from "node:assert/strict";
import { z } from "zod";
import { ifMatchVersion, readBody, readJson } from "./body.ts";
import { ApiError } from "./errors.ts";

const post = (
  body: BodyInit,
  type = "application/json",
  headers: HeadersInit = {},
) =>
  new Request("http://x/", {
    method: "POST",
    body,
    headers: { "content-type": type, ...headers },
  });

const status = (p: Promise<unknown>) =>
  p.then(() => 0, (e) => (e instanceof ApiError ? e.status : -1));

Deno.test("readJson - parses and validates", async () => {
  const schema = z.object({ a: z.number() });
  assert.deepEqual(await readJson(post('{"a":1}'), schema), { a: 1 });
  assert.equal(await status(readJson(post('{"a":"x"}'), schema)), 400);
  assert.equal(await status(readJson(post("not json"), schema)), 400);
  assert.equal(
    await status(readJson(post('{"a":1}', "text/plain"), schema)),
    415,
  );
});

Deno.test("readJson - validation errors carry the zod issues", async () => {
  const error = await readJson(post('{"a":"x"}'), z.object({ a: z.number() }))
    .catch((e) => e);
  assert.equal(error.code, "validation");
  assert.deepEqual(error.details[0].path, ["a"]);
});

Deno.test("readBody - refuses a declared or streamed body over the limit", async () => {
  assert.equal(
    await status(
      readBody(
        post("x".repeat(20), "text/plain", { "content-length": "20" }),
        10,
      ),
    ),
    413,
  );
  const stream = new ReadableStream({
    pull(controller) {
      controller.enqueue(new Uint8Array(8));
    },
  });
  // An endless stream without a length is cut off at the limit, not read.
  assert.equal(await status(readBody(post(stream, "text/plain"), 1024)), 413);
  assert.equal(
    new TextDecoder().decode(await readBody(post("hello", "text/plain"), 10)),
    "hello",
  );
});

Deno.test('ifMatchVersion - accepts 3, "3" and W/"3"; refuses junk', () => {
  const req = (v?: string) =>
    new Request("http://x/", {
      headers: v === undefined ? {} : { "if-match": v },
    });
  assert.equal(ifMatchVersion(req()), undefined);
  assert.equal(ifMatchVersion(req("3")), 3);
  assert.equal(ifMatchVersion(req('"3"')), 3);
  assert.equal(ifMatchVersion(req('W/"12"')), 12);
  assert.throws(() => ifMatchVersion(req("*")), ApiError);
  assert.throws(() => ifMatchVersion(req("abc")), ApiError);
});
