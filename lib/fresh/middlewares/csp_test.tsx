import assert from "node:assert/strict";
import { App } from "../app.ts";
import { csp, NONCE_SYMBOL } from "./csp.ts";

const get = (handler: ReturnType<App<unknown>["handler"]>, path = "/") =>
  handler(new Request(`http://localhost${path}`));

Deno.test("csp - sets the default policy", async () => {
  const handler = new App().use(csp()).get("/", (ctx) => ctx.text("x"))
    .handler();
  const header = (await get(handler)).headers.get("content-security-policy")!;
  assert.match(header, /default-src 'self'/);
  assert.match(header, /object-src 'none'/);
  assert.match(header, /frame-ancestors 'none'/);
});

Deno.test("csp - a directive named like a default replaces it", async () => {
  const handler = new App()
    .use(csp({ csp: ["base-uri 'none'", "img-src 'self' blob:"] }))
    .get("/", (ctx) => ctx.text("x"))
    .handler();
  const header = (await get(handler)).headers.get("content-security-policy")!;
  assert.equal(header.match(/base-uri/g)?.length, 1);
  assert.match(header, /base-uri 'none'/);
  assert.match(header, /img-src 'self' blob:/);
});

Deno.test("csp - useNonce puts the rendered page's nonce in script-src", async () => {
  const handler = new App()
    .use(csp({ useNonce: true }))
    .get("/", (ctx) => ctx.render(<p>hi</p>))
    .handler();
  const res = await get(handler);
  const nonce = (res as unknown as Record<symbol, string>)[NONCE_SYMBOL];
  assert.match(nonce, /^[\w+/]+=*$/);
  const header = res.headers.get("content-security-policy")!;
  assert.match(
    header,
    new RegExp(`script-src 'self' 'nonce-${escape(nonce)}'`),
  );
  assert.doesNotMatch(header, /script-src[^;]*unsafe-inline/);
  // style-src keeps 'unsafe-inline': style attributes cannot carry a nonce.
  assert.match(header, /style-src 'self' 'unsafe-inline'/);
  assert.equal(res.headers.get("x-fresh-nonce"), null);
});

Deno.test("csp - every render gets a new nonce", async () => {
  const handler = new App()
    .use(csp({ useNonce: true }))
    .get("/", (ctx) => ctx.render(<p>hi</p>))
    .handler();
  const a = (await get(handler)).headers.get("content-security-policy");
  const b = (await get(handler)).headers.get("content-security-policy");
  assert.notEqual(a, b);
});

Deno.test("csp - reportOnly and reportTo", async () => {
  const handler = new App()
    .use(csp({ reportOnly: true, reportTo: "/api/csp" }))
    .get("/", (ctx) => ctx.text("x"))
    .handler();
  const res = await get(handler);
  assert.equal(res.headers.get("content-security-policy"), null);
  assert.match(
    res.headers.get("content-security-policy-report-only")!,
    /report-uri \/api\/csp/,
  );
  assert.equal(
    res.headers.get("reporting-endpoints"),
    'csp-endpoint="/api/csp"',
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
