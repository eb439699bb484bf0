/**
 * The production build run the way Deno Deploy runs it: `deno serve` of
 * `server.js` on a port the runtime picks, with Deploy's environment
 * (`DENO_DEPLOYMENT_ID` set: production mode), `JWT_SECRET`, the KV of a
 * KV Connect server (the denokv test stand-in, as Deploy's hosted KV is
 * remote too) and no write permission: the app must never write the disk.
 * It serves health, sign-in, a page with islands and their scripts, a
 * file upload and a socket; SIGINT closes the socket with 1001 and the
 * process exits within Deploy's 5 s grace. Production mode seeds nothing,
 * and refuses to start without `JWT_SECRET`, saying so without a stack.
 */
import assert from "node:assert/strict";
import { hashPassword } from "@/lib/auth/password.ts";
import { SESSION_COOKIE } from "@/lib/auth/session.ts";
import { productions } from "@/lib/production/store.ts";
import { DEMO_USERS, demoProduction } from "@/lib/seed.ts";
import { openKv } from "@/lib/store/kv.ts";
import { migrate, STORE_MIGRATIONS } from "@/lib/store/migrations.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { insertMember } from "@/lib/team/members.ts";
import { users } from "@/lib/team/users.ts";
import { CLOSE } from "@/realtime/wire.ts";
import { cleanEnv, startAppProcess } from "./helpers/app_process.ts";
import { teardownStep, withDeadline } from "./helpers/deadline.ts";
import { startKvConnectServer } from "./helpers/denokv_stand_in.ts";
import { buildForTest } from "./helpers/production_build.ts";
import { TEST_SECRET } from "./helpers/test_secret.ts";
import { TestSocket } from "./helpers/events.ts";

/** What Deploy grants: no write, no run, no FFI. */
const DEPLOY_PERMISSIONS = [
  "--allow-net",
  "--allow-env",
  "--allow-read",
  "--allow-sys",
];
/** Deno Deploy stops an instance this long after SIGTERM/SIGINT, ms. */
const DEPLOY_GRACE_MS = 5_000;
/** Bound of one request. */
const REQUEST_MS = 15_000;
const ACCOUNT = { username: "office", password: "a long first password" };
/** The one production the operator sets up. */
const OFFICE = { id: "harbour-lights-id", slug: "harbour-lights" };

/** Runs `deno serve` of `entry` to its exit, bounded; returns what it said. */
async function serveToExit(args: string[], env: Record<string, string>) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["serve", ...args],
    cwd: new URL("../", import.meta.url).pathname,
    clearEnv: true,
    env: cleanEnv(env),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // A process that did not refuse would serve forever: the abort kills it.
    signal: AbortSignal.timeout(60_000),
  }).output();
  const text = new TextDecoder();
  return {
    code,
    output: text.decode(stdout) + text.decode(stderr),
  };
}

/** The `/_fresh/js/…` scripts a page's HTML references, each once. */
function scriptsOf(html: string): string[] {
  return [...new Set(html.match(/\/_fresh\/js\/[\w./-]+\.js/g) ?? [])];
}

Deno.test("deploy build - serves like Deno Deploy: production mode, no write permission, bounded shutdown", async () => {
  await using build = await buildForTest();
  const dir = await Deno.makeTempDir({ prefix: "prodsight-deploy-" });
  const previousToken = Deno.env.get("DENO_KV_ACCESS_TOKEN");
  let kv: Deno.Kv | null = null;
  let socket: TestSocket | null = null;
  try {
    await using store = await startKvConnectServer({
      path: `${dir}/kv.sqlite3`,
    });
    // This process is a KV client too: it writes the first account, a
    // studio admin, and its production the way an operator's script would
    // (production mode seeds nobody), on the store's current layout.
    Deno.env.set("DENO_KV_ACCESS_TOKEN", store.accessToken);
    kv = await withDeadline(openKv(store.url), REQUEST_MS, "opening the KV");
    await migrate(kv, STORE_MIGRATIONS);
    const passwordHash = await hashPassword(ACCOUNT.password);
    const office = productionKv(kv, OFFICE.id);
    await transact(office, async (tx) => {
      await productions.insert(
        tx,
        demoProduction({ title: "Harbour Lights", slug: OFFICE.slug }),
        { id: OFFICE.id },
      );
      await insertMember(tx, office, {
        username: ACCOUNT.username,
        name: "Production Office",
        role: "producer",
        active: true,
        admin: true,
        passwordHash,
      });
    });

    await using app = await startAppProcess({
      args: [
        "serve",
        ...DEPLOY_PERMISSIONS,
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        build.entry,
      ],
      env: {
        DENO_DEPLOYMENT_ID: "prodsight-deploy-test",
        JWT_SECRET: TEST_SECRET,
        PRODSIGHT_KV_PATH: store.url,
        DENO_KV_ACCESS_TOKEN: store.accessToken,
      },
    });
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${app.origin}${path}`, {
        headers,
        signal: AbortSignal.timeout(REQUEST_MS),
      });

    // Liveness.
    const health = await get("/api/health");
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: "ok" });

    // Production mode seeded nothing: our one account, no demo users, no
    // sample production.
    const everyone = await Array.fromAsync(kv.list({ prefix: ["users"] }));
    assert.ok(everyone.length > 0);
    for (const demo of DEMO_USERS) {
      assert.deepEqual(
        await users.findBy(kv, "username", demo.username),
        [],
        `demo user ${demo.username} was seeded`,
      );
    }
    assert.equal((await kv.get(["seeded"])).value, null);
    assert.deepEqual(
      (await productions.list(kv)).map((p) => p.slug),
      [OFFICE.slug],
      "no sample production",
    );

    // Sign-in.
    const login = await fetch(`${app.origin}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ACCOUNT),
      signal: AbortSignal.timeout(REQUEST_MS),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const { token, user } = await login.json();
    assert.equal(user.admin, true);
    // The role is the membership's, in the production.
    const mine = await get("/api/productions", {
      authorization: `Bearer ${token}`,
    });
    assert.deepEqual(
      (await mine.json()).map((p: { slug: string; role: string }) => [
        p.slug,
        p.role,
      ]),
      [[OFFICE.slug, "producer"]],
    );
    const session = login.headers.getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(session, "a session cookie");
    assert.match(session, /;\s*Secure/i, "production cookies are Secure");
    const cookie = session.split(";")[0];

    // A page with islands, and every script it references.
    const page = await get(`/p/${OFFICE.slug}`, { cookie });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /AnnouncementList/, "the page hydrates islands");
    const scripts = scriptsOf(html);
    assert.ok(scripts.length > 0, "the page references built scripts");
    for (const script of scripts) {
      const res = await get(script);
      assert.equal(res.status, 200, script);
      assert.match(res.headers.get("content-type") ?? "", /javascript/);
      assert.ok((await res.arrayBuffer()).byteLength > 0, script);
    }
    const css = html.match(/href="(\/styles\.css[^"]*)"/)?.[1];
    assert.ok(css, "the page links its stylesheet");
    const styles = await get(css);
    assert.equal(styles.status, 200);
    await styles.body?.cancel();

    // A file upload is stored in KV: nothing touches the disk.
    const body = new TextEncoder().encode("call sheet, day 1\n".repeat(100));
    const assets = `${app.origin}/api/p/${OFFICE.slug}/assets`;
    const upload = await fetch(`${assets}?name=day1.txt`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/octet-stream",
      },
      body,
      signal: AbortSignal.timeout(REQUEST_MS),
    });
    assert.equal(upload.status, 201, await upload.clone().text());
    const asset = await upload.json();
    const download = await get(
      `/api/p/${OFFICE.slug}/assets/${asset.id}/content`,
      {
        authorization: `Bearer ${token}`,
      },
    );
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), body);

    // A socket's welcome.
    socket = new TestSocket(
      `ws://127.0.0.1:${app.port}/api/ws?production=${OFFICE.slug}`,
      { authorization: `Bearer ${token}` },
    );
    const welcome = await socket.nextOf("welcome", undefined, REQUEST_MS);
    assert.equal((welcome.user as { id: string }).id, user.id);

    // Eviction: SIGINT closes the socket with 1001, then the process
    // exits, within Deploy's grace.
    const started = performance.now();
    const stopped = app.stop("SIGINT", DEPLOY_GRACE_MS + 2_000);
    assert.equal(
      (await socket.closedWithin(DEPLOY_GRACE_MS)).code,
      CLOSE.goingAway,
    );
    const status = await stopped;
    const took = performance.now() - started;
    assert.equal(status.code, 0);
    assert.ok(took < DEPLOY_GRACE_MS, `exit took ${Math.round(took)} ms`);
    console.log(`deploy build: SIGINT to exit in ${Math.round(took)} ms`);

    // Nothing asked for a permission Deploy does not grant, nothing failed.
    const { stdout, stderr } = app.output();
    const said = stdout + stderr;
    assert.doesNotMatch(
      said,
      /NotCapable|Requires \w+ access|PermissionDenied/,
    );
    assert.doesNotMatch(said, /Uncaught|error:/i, said);
  } finally {
    await socket?.close();
    kv?.close();
    if (previousToken === undefined) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
    else Deno.env.set("DENO_KV_ACCESS_TOKEN", previousToken);
    await teardownStep(
      "removing the store's folder",
      () => Deno.remove(dir, { recursive: true }),
    );
  }
});

Deno.test("deploy build - production mode without JWT_SECRET refuses to start, clearly", async (t) => {
  await using build = await buildForTest();
  const expected = /ProdSight cannot start: JWT_SECRET is required/;
  for (
    const [name, args, env] of [
      ["on Deploy", DEPLOY_PERMISSIONS, { DENO_DEPLOYMENT_ID: "x" }],
      ["on every core", ["-A", "--parallel"], {
        PRODSIGHT_ENV: "production",
        DENO_JOBS: "2",
      }],
    ] as const
  ) {
    await t.step(name, async () => {
      const { code, output } = await serveToExit(
        [...args, "--host", "127.0.0.1", "--port", "0", build.entry],
        { ...env, PRODSIGHT_KV_PATH: ":memory:" },
      );
      assert.notEqual(code, 0);
      assert.match(output, expected);
      // The message, not a stack trace of our code.
      assert.doesNotMatch(output, /Uncaught|^\s+at /m, output);
      assert.doesNotMatch(output, /Listening on/);
    });
  }
});
