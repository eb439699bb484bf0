import assert from "node:assert/strict";
import { App } from "../app.ts";
import { HttpError } from "../error.ts";
import { csrf, type CsrfOptions } from "./csrf.ts";

/** Status of `method /` through csrf(options) with these headers. */
async function statusOf(
  options: CsrfOptions | undefined,
  method: string,
  headers: Record<string, string> = {},
  url = "http://localhost/",
): Promise<number> {
  const handler = new App()
    .use(async (ctx) => {
      try {
        return await ctx.next();
      } catch (error) {
        if (error instanceof HttpError) {
          return new Response(null, { status: error.status });
        }
        throw error;
      }
    })
    .use(csrf(options))
    .all("/", () => new Response("ok"))
    .handler();
  const res = await handler(new Request(url, { method, headers }));
  await res.body?.cancel();
  return res.status;
}

Deno.test("csrf - safe methods pass whatever they carry", async () => {
  for (const method of ["GET", "HEAD", "OPTIONS"]) {
    const status = await statusOf(undefined, method, {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    assert.equal(status, 200, method);
  }
});

Deno.test("csrf - Sec-Fetch-Site same-origin or none passes; cross-site and same-site are 403", async () => {
  for (const method of ["POST", "PUT", "PATCH", "DELETE", "patch"]) {
    const site = (value: string) =>
      statusOf(undefined, method, { "sec-fetch-site": value });
    assert.equal(await site("same-origin"), 200, method);
    assert.equal(await site("none"), 200, method);
    assert.equal(await site("cross-site"), 403, method);
    assert.equal(await site("same-site"), 403, method);
  }
});

Deno.test("csrf - with Sec-Fetch-Site cross-site, an allowed Origin still passes", async () => {
  const headers = (origin: string) => ({
    "sec-fetch-site": "cross-site",
    origin,
  });
  assert.equal(
    await statusOf(undefined, "POST", headers("http://localhost")),
    200,
  );
  assert.equal(
    await statusOf(undefined, "POST", headers("https://evil.example")),
    403,
  );
});

Deno.test("csrf - without Sec-Fetch-Site, Origin decides; no header at all passes", async () => {
  assert.equal(
    await statusOf(undefined, "POST", { origin: "http://localhost" }),
    200,
  );
  assert.equal(
    await statusOf(undefined, "POST", { origin: "http://localhost:8000" }),
    403,
  );
  assert.equal(
    await statusOf(undefined, "POST", { origin: "https://localhost" }),
    403,
  );
  assert.equal(await statusOf(undefined, "POST", { origin: "null" }), 403);
  // Not a browser: nothing to forge.
  assert.equal(await statusOf(undefined, "POST"), 200);
});

Deno.test("csrf - origin option as a string, a list or a function", async () => {
  const post = (options: CsrfOptions, origin: string) =>
    statusOf(options, "POST", { origin });
  const one = { origin: "https://app.example" };
  assert.equal(await post(one, "https://app.example"), 200);
  // A configured origin replaces the default: the URL's own is not implied.
  assert.equal(await post(one, "http://localhost"), 403);
  const list = { origin: ["https://a.example", "https://b.example"] };
  assert.equal(await post(list, "https://b.example"), 200);
  assert.equal(await post(list, "https://c.example"), 403);
  assert.equal(await post({ origin: [] }, "http://localhost"), 403);
  const seen: string[] = [];
  const fn: CsrfOptions = {
    origin: (origin, ctx) => {
      seen.push(`${origin} ${ctx.url.pathname}`);
      return origin.endsWith(".example");
    },
  };
  assert.equal(await post(fn, "https://x.example"), 200);
  assert.equal(await post(fn, "https://x.evil"), 403);
  assert.deepEqual(seen, ["https://x.example /", "https://x.evil /"]);
});

Deno.test("csrf - a refusal never reaches the handler", async () => {
  let reached = false;
  const handler = new App()
    .use(csrf())
    .post("/", () => {
      reached = true;
      return new Response("changed");
    })
    .handler();
  const res = await handler(
    new Request("http://localhost/", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    }),
  );
  assert.equal(res.status, 403);
  await res.body?.cancel();
  assert.equal(reached, false);
});
