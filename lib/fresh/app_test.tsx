import assert from "node:assert/strict";
import { App } from "./app.ts";
import { HttpError } from "./error.ts";
import { page } from "./handlers.ts";
import type { PageProps } from "./render.ts";

const get = (path: string, init?: RequestInit) =>
  new Request(`http://localhost${path}`, init);

Deno.test("App - handler() answers without a server", async () => {
  const handler = new App().get("/hi", (ctx) => ctx.text("hi")).handler();
  const res = await handler(get("/hi"));
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "hi");
});

Deno.test("App - middlewares run in registration order around the route", async () => {
  const trail: string[] = [];
  const handler = new App<{ n: number }>()
    .use(async (ctx) => {
      trail.push("a:before");
      const res = await ctx.next();
      trail.push("a:after");
      return res;
    })
    .use((ctx) => {
      trail.push("b");
      return ctx.next();
    })
    .get("/x", () => {
      trail.push("route");
      return new Response("ok");
    })
    .handler();
  await (await handler(get("/x"))).text();
  assert.deepEqual(trail, ["a:before", "b", "route", "a:after"]);
});

Deno.test("App - a middleware wraps only what is registered after it", async () => {
  const handler = new App()
    .get("/early", (ctx) => ctx.text("early"))
    .use(async (ctx) => {
      const res = await ctx.next();
      res.headers.set("X-Late", "1");
      return res;
    })
    .get("/late", (ctx) => ctx.text("late"))
    .handler();
  assert.equal((await handler(get("/early"))).headers.get("X-Late"), null);
  assert.equal((await handler(get("/late"))).headers.get("X-Late"), "1");
});

Deno.test("App - path-scoped middleware applies only below its path", async () => {
  const handler = new App()
    .use("/api", async (ctx) => {
      const res = await ctx.next();
      res.headers.set("X-Api", "1");
      return res;
    })
    .get("/api/a", (ctx) => ctx.text("a"))
    .get("/other", (ctx) => ctx.text("o"))
    .handler();
  assert.equal((await handler(get("/api/a"))).headers.get("X-Api"), "1");
  assert.equal((await handler(get("/other"))).headers.get("X-Api"), null);
});

Deno.test("App - state flows from middleware to handler", async () => {
  const handler = new App<{ user: string }>()
    .use((ctx) => {
      ctx.state.user = "ada";
      return ctx.next();
    })
    .get("/me", (ctx) => ctx.json({ user: ctx.state.user }))
    .handler();
  assert.deepEqual(await (await handler(get("/me"))).json(), { user: "ada" });
});

Deno.test("App - wrong method gets 405 with Allow", async () => {
  const handler = new App()
    .get("/a", (ctx) => ctx.text("get"))
    .post("/a", (ctx) => ctx.text("post"))
    .handler();
  const res = await handler(get("/a", { method: "DELETE" }));
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("Allow"), "GET, HEAD, POST");
  await res.body?.cancel();
});

Deno.test("App - OPTIONS gets 204 with Allow", async () => {
  const handler = new App().get("/a", (ctx) => ctx.text("x")).handler();
  const res = await handler(get("/a", { method: "OPTIONS" }));
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("Allow"), "GET, HEAD");
});

Deno.test("App - HEAD falls back to GET and sends no body", async () => {
  const handler = new App()
    .get("/a", (ctx) => ctx.text("body", { headers: { "X-A": "1" } }))
    .handler();
  const res = await handler(get("/a", { method: "HEAD" }));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("X-A"), "1");
  assert.equal(res.body, null);
});

Deno.test("App - unknown route is a 404", async () => {
  const res = await new App().handler()(get("/nope"));
  assert.equal(res.status, 404);
  assert.equal(await res.text(), "Not Found");
});

Deno.test("App - HttpError sets the status; other errors are a 500 without details", async () => {
  const originalError = console.error;
  const logged: unknown[] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const handler = new App()
      .get("/teapot", () => {
        throw new HttpError(418, "short and stout");
      })
      .get("/boom", () => {
        throw new Error("secret detail");
      })
      .handler();
    const teapot = await handler(get("/teapot"));
    assert.equal(teapot.status, 418);
    assert.equal(await teapot.text(), "short and stout");
    const boom = await handler(get("/boom"));
    assert.equal(boom.status, 500);
    assert.equal(await boom.text(), "Internal Server Error");
    assert.equal(logged.length, 1);
  } finally {
    console.error = originalError;
  }
});

Deno.test("App - malformed percent-encoding in a param is a 400", async () => {
  const handler = new App().get("/u/:id", (ctx) => ctx.text(ctx.params.id))
    .handler();
  const res = await handler(get("/u/%E0%A4%A"));
  assert.equal(res.status, 400);
  await res.body?.cancel();
});

Deno.test("App - runs of slashes in the path are collapsed", async () => {
  const handler = new App().get("/a/b", (ctx) => ctx.text(ctx.url.pathname))
    .handler();
  assert.equal(await (await handler(get("//a///b"))).text(), "/a/b");
});

Deno.test("App - route pages render inside layouts and the app wrapper", async () => {
  const handler = new App()
    .appWrapper(({ Component }: PageProps) => (
      <html>
        <body>
          <Component />
        </body>
      </html>
    ))
    .layout("/", ({ Component }: PageProps) => (
      <div class="outer">
        <Component />
      </div>
    ))
    .layout("/admin", ({ Component }: PageProps) => (
      <div class="inner">
        <Component />
      </div>
    ))
    .route("/admin/users", {
      handler: () => page({ count: 2 }, { status: 201 }),
      component: ({ data }: PageProps<{ count: number }>) => (
        <p>{data.count} users</p>
      ),
    })
    .handler();
  const res = await handler(get("/admin/users"));
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("Content-Type"), "text/html; charset=utf-8");
  assert.equal(
    await res.text(),
    '<!DOCTYPE html><html><body><div class="outer"><div class="inner">' +
      "<p>2 users</p></div></div></body></html>",
  );
});

Deno.test("App - async page components are awaited and may return a Response", async () => {
  const handler = new App()
    .route("/async", {
      component: async () => {
        await Promise.resolve();
        return <p>later</p>;
      },
    })
    .route("/gone", {
      component: async () => {
        await Promise.resolve();
        return new Response("gone", { status: 410 });
      },
    })
    .handler();
  assert.match(await (await handler(get("/async"))).text(), /<p>later<\/p>/);
  assert.equal((await handler(get("/gone"))).status, 410);
});

Deno.test("App - without an app wrapper the page gets a minimal document", async () => {
  const handler = new App()
    .get("/x", (ctx) => ctx.render(<p>hi</p>))
    .handler();
  assert.equal(
    await (await handler(get("/x"))).text(),
    '<!DOCTYPE html><html><head><meta charset="utf-8"/></head>' +
      "<body><p>hi</p></body></html>",
  );
});

Deno.test("App - onError renders for errors below its path, with the status", async () => {
  const handler = new App()
    .onError("/", {
      component: ({ error }: PageProps) => (
        <p>oops: {(error as Error).message}</p>
      ),
    })
    .get("/fail", () => {
      throw new HttpError(403, "nope");
    })
    .handler();
  const res = await handler(get("/fail"));
  assert.equal(res.status, 403);
  assert.match(await res.text(), /oops: nope/);
  const missing = await handler(get("/missing"));
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /oops: Not Found/);
});

Deno.test("App - notFound() handles unmatched requests", async () => {
  const handler = new App()
    .notFound((ctx) => ctx.json({ error: "none" }, { status: 404 }))
    .handler();
  const res = await handler(get("/nothing"));
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: "none" });
});

Deno.test("App - per-method handler without GET still renders its page on GET", async () => {
  const handler = new App()
    .route("/form", {
      handler: { POST: (ctx) => ctx.text("posted") },
      component: () => <form method="post" />,
    })
    .handler();
  assert.match(await (await handler(get("/form"))).text(), /<form/);
  assert.equal(
    await (await handler(get("/form", { method: "POST" }))).text(),
    "posted",
  );
  const put = await handler(get("/form", { method: "PUT" }));
  assert.equal(put.status, 405);
  await put.body?.cancel();
});

Deno.test("App - all() answers every method", async () => {
  const handler = new App().all("/any", (ctx) => ctx.text(ctx.req.method))
    .handler();
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    assert.equal(await (await handler(get("/any", { method }))).text(), method);
  }
});

Deno.test("App - basePath prefixes every route", async () => {
  const handler = new App({ basePath: "/app" })
    .get("/x", (ctx) => ctx.text("x"))
    .handler();
  assert.equal(await (await handler(get("/app/x"))).text(), "x");
  const res = await handler(get("/x"));
  assert.equal(res.status, 404);
  await res.body?.cancel();
});

Deno.test("App - a thrown 404 renders the not-found route before an error route", async () => {
  const handler = new App()
    .onError("/", { component: () => <p>error page</p> })
    .get("/gone", () => {
      throw new HttpError(404);
    })
    .get("/broken", () => {
      throw new HttpError(500);
    })
    // Registered last: read when the error happens, as in Fresh.
    .notFound({ component: () => <p>no such page</p> })
    .handler();
  const gone = await handler(get("/gone"));
  assert.equal(gone.status, 404);
  assert.match(await gone.text(), /no such page/);
  const broken = await handler(get("/broken"));
  assert.equal(broken.status, 500);
  assert.match(await broken.text(), /error page/);
});
