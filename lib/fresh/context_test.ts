import assert from "node:assert/strict";
import { withDeadline } from "@/lib/deadline.ts";
import { App } from "./app.ts";

/** Every wait of these tests is bounded: a broken socket fails, never hangs. */
const within = <T>(promise: Promise<T>, what: string) =>
  withDeadline(promise, 5_000, what);

const redirectTo = async (target: string) => {
  const handler = new App()
    .get("/go", (ctx) => ctx.redirect(target))
    .handler();
  const res = await handler(new Request("http://localhost/go"));
  return { status: res.status, location: res.headers.get("location") };
};

Deno.test("Context.redirect - a local path is kept, 302 by default", async () => {
  assert.deepEqual(await redirectTo("/tasks?x=1#top"), {
    status: 302,
    location: "/tasks?x=1#top",
  });
});

Deno.test("Context.redirect - protocol-relative URLs stay on this site", async () => {
  assert.equal(
    (await redirectTo("//evil.example/x")).location,
    "/evil.example/x",
  );
  assert.equal((await redirectTo("///evil.example")).location, "/evil.example");
  assert.equal((await redirectTo("/\\evil.example")).location, "/evil.example");
  assert.equal(
    (await redirectTo("\\\\evil.example")).location,
    "/evil.example",
  );
});

Deno.test("Context.redirect - slashes in the query are left alone", async () => {
  assert.equal(
    (await redirectTo("/login?next=//tasks")).location,
    "/login?next=//tasks",
  );
});

Deno.test("Context.redirect - tabs and newlines cannot smuggle in another host", async () => {
  // Browsers drop tabs and newlines when they parse a Location, so these
  // would read as `//evil.example`.
  for (
    const target of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      " //evil.example",
      "/\t\\evil.example",
    ]
  ) {
    const { status, location } = await redirectTo(target);
    assert.equal(status, 302, JSON.stringify(target));
    assert.equal(location, "/evil.example", JSON.stringify(target));
  }
});

Deno.test("Context.redirect - odd characters are percent-encoded, never a 500", async () => {
  assert.equal((await redirectTo("/t\u00e2ches")).location, "/t%C3%A2ches");
  assert.equal(
    (await redirectTo("/caf\u00e9\u2713")).location,
    "/caf%C3%A9%E2%9C%93",
  );
  assert.equal((await redirectTo("/a b?q=\u0100")).location, "/a%20b?q=%C4%80");
  assert.equal((await redirectTo("/x\ud800")).location, "/x%EF%BF%BD");
  assert.equal((await redirectTo("/x\u0000y")).location, "/x%00y");
  assert.equal(
    (await redirectTo("https://example.com/\u2713")).location,
    "https://example.com/%E2%9C%93",
  );
});

Deno.test("Context.redirect - custom status", async () => {
  const handler = new App()
    .post("/save", (ctx) => ctx.redirect("/done", 303))
    .handler();
  const res = await handler(
    new Request("http://localhost/save", { method: "POST" }),
  );
  assert.equal(res.status, 303);
});

Deno.test("Context.json/text/html - set bodies and content types", async () => {
  const handler = new App()
    .get("/j", (ctx) => ctx.json({ a: 1 }, { status: 201 }))
    .get("/t", (ctx) => ctx.text("plain"))
    .get("/h", (ctx) => ctx.html("<b>x</b>"))
    .handler();
  const j = await handler(new Request("http://localhost/j"));
  assert.equal(j.status, 201);
  assert.equal(j.headers.get("content-type"), "application/json");
  assert.deepEqual(await j.json(), { a: 1 });
  const t = await handler(new Request("http://localhost/t"));
  assert.equal(await t.text(), "plain");
  const h = await handler(new Request("http://localhost/h"));
  assert.equal(h.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(await h.text(), "<b>x</b>");
});

Deno.test("Context.upgrade - a plain request is a 400, not a crash", async () => {
  const handler = new App()
    .get("/ws", (ctx) => ctx.upgrade({ message: () => {} }))
    .handler();
  const res = await handler(new Request("http://localhost/ws"));
  assert.equal(res.status, 400);
  assert.equal(await res.text(), "Expected a WebSocket upgrade request");
});

Deno.test("Context.upgrade - managed handlers echo, close reported once", async () => {
  const closes: number[] = [];
  const closed = Promise.withResolvers<void>();
  const handler = new App()
    .get("/ws", (ctx) =>
      ctx.upgrade({
        message: (socket, event) => socket.send(`echo:${event.data}`),
        close: (_socket, code) => {
          closes.push(code);
          closed.resolve();
        },
      }))
    .handler();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    handler,
  );
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${server.addr.port}/ws`);
    const reply = Promise.withResolvers<string>();
    ws.onmessage = (e) => reply.resolve(e.data);
    await within(new Promise((resolve) => ws.onopen = resolve), "open");
    ws.send("hello");
    assert.equal(await within(reply.promise, "echo"), "echo:hello");
    const clientClosed = new Promise((resolve) => ws.onclose = resolve);
    ws.close(1000);
    await within(clientClosed, "client close");
    await within(closed.promise, "server close");
    assert.deepEqual(closes, [1000]);
  } finally {
    await within(server.shutdown(), "server shutdown");
  }
});

Deno.test("Context.upgrade - bare mode returns the socket and response", async () => {
  const handler = new App()
    .get("/ws", (ctx) => {
      const { socket, response } = ctx.upgrade();
      socket.onopen = () => socket.send("welcome");
      return response;
    })
    .handler();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    handler,
  );
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${server.addr.port}/ws`);
    const first = await within(
      new Promise<string>((resolve) => ws.onmessage = (e) => resolve(e.data)),
      "welcome",
    );
    assert.equal(first, "welcome");
    const clientClosed = new Promise((resolve) => ws.onclose = resolve);
    ws.close();
    await within(clientClosed, "client close");
  } finally {
    await within(server.shutdown(), "server shutdown");
  }
});
