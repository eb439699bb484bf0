/**
 * Test stand-in for denokv (NOT a product server): serves the KV Connect
 * protocol over HTTP (HTTP/2 cleartext with prior knowledge, as the Deno
 * CLI's KV client speaks it, and HTTP/1.1) on 127.0.0.1, from denokv's own
 * SQLite backend. Start it with `startKvConnectServer()` from
 * `denokv_stand_in.ts`; this file is the process that helper runs:
 *
 *   deno run … denokv_stand_in_server.ts <sqlite path>
 *
 * with the access token in `DENOKV_STAND_IN_ACCESS_TOKEN`. It prints one
 * JSON line `{"port":n}` when listening and `{"watching":{"held":bool}}`
 * whenever a watch stream opens, and reads commands on stdin, one a line:
 * `cut` (cut every open watch stream; answers `{"cut":n}`), `hold` (cut
 * them and hold new watch streams open without data until the next `cut`;
 * answers `{"cut":n}`), `close` (or end of input: stop and exit).
 *
 * @module
 */
import { Backend, KvConnectError } from "./denokv_stand_in_backend.ts";
import { WatchStreams } from "./denokv_stand_in_watch.ts";

const NIL_DATABASE_ID = "00000000-0000-0000-0000-000000000000";
const DATA_PATH = new Set(["snapshot_read", "atomic_write", "watch"]);

const [path] = Deno.args;
const accessToken = Deno.env.get("DENOKV_STAND_IN_ACCESS_TOKEN") ?? "";
if (!path || accessToken.length < 12) {
  // denokv refuses tokens shorter than 12 characters too.
  console.error("usage: DENOKV_STAND_IN_ACCESS_TOKEN=<12+ chars> … <path>");
  Deno.exit(2);
}
const backend = new Backend(path);
const watches = new WatchStreams(backend, (held) => {
  console.log(JSON.stringify({ watching: { held } }));
});

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

function tokenMatches(header: string | null): boolean | "malformed" {
  const [scheme, token, ...rest] = (header ?? "").split(" ");
  if (!header || token === undefined || rest.length) return "malformed";
  if (scheme.toLowerCase() !== "bearer") return false;
  const a = new TextEncoder().encode(token);
  const b = new TextEncoder().encode(accessToken);
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function unauthorized(header: string | null): Response | null {
  const ok = tokenMatches(header);
  if (ok === "malformed") return text(401, "Malformed authorization header.");
  return ok ? null : text(401, "Invalid access token.");
}

/** `POST /`: the metadata exchange (protocol versions 2 and 3). */
async function metadata(req: Request, origin: string): Promise<Response> {
  let versions: unknown;
  try {
    versions = (await req.json()).supportedVersions;
  } catch {
    versions = undefined;
  }
  if (!Array.isArray(versions)) {
    return text(
      400,
      "The server requires at least protocol version 2. Use Deno 1.38.0 or newer.",
    );
  }
  const version = versions.includes(3) ? 3 : versions.includes(2) ? 2 : 0;
  if (!version) {
    return text(
      400,
      "The server could not negotiate a protocol version. The server requires protocol version 2 or 3.",
    );
  }
  const refused = unauthorized(req.headers.get("authorization"));
  if (refused) return refused;
  return Response.json({
    version,
    databaseId: NIL_DATABASE_ID,
    // Absolute: Deno's clients resolve it against the metadata URL or use
    // it as it is, depending on the version; an absolute URL suits both.
    endpoints: [{ url: `${origin}/v2`, consistency: "strong" }],
    token: accessToken,
    expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
  });
}

/** `POST /v2/<method>`: checks as denokv's middleware does, then serves. */
async function dataPath(req: Request, method: string): Promise<Response> {
  const version = req.headers.get("x-denokv-version");
  if (version !== "2" && version !== "3") {
    return text(400, "Expected protocol version 2.");
  }
  const refused = unauthorized(req.headers.get("authorization"));
  if (refused) return refused;
  if (req.headers.get("x-denokv-database-id") !== NIL_DATABASE_ID) {
    return text(400, "Invalid database id.");
  }
  const body = new Uint8Array(await req.arrayBuffer());
  try {
    if (method === "watch") return await watches.respond(body);
    const output = method === "snapshot_read"
      ? await backend.snapshotRead(body)
      : await backend.atomicWrite(body);
    return new Response(output, {
      headers: { "content-type": "application/x-protobuf" },
    });
  } catch (error) {
    if (error instanceof KvConnectError) {
      return text(error.status, error.message);
    }
    console.error(`denokv stand-in: ${method}: ${error}`);
    return text(500, "An internal server error occurred.");
  }
}

const stop = new AbortController();
const server = Deno.serve({
  hostname: "127.0.0.1",
  port: 0,
  signal: stop.signal,
  onListen() {},
}, (req) => {
  const url = new URL(req.url);
  const method = url.pathname.startsWith("/v2/") ? url.pathname.slice(4) : "";
  if (url.pathname !== "/" && !DATA_PATH.has(method)) {
    return text(404, "Resource not found.");
  }
  if (req.method !== "POST") return text(405, "Method not allowed.");
  return url.pathname === "/"
    ? metadata(req, url.origin)
    : dataPath(req, method);
});
console.log(JSON.stringify({ port: server.addr.port }));

async function shutdown(): Promise<never> {
  watches.cut();
  stop.abort();
  // Bounded: the process exits below whatever the server is still doing.
  await Promise.race([
    server.finished,
    new Promise((resolve) => setTimeout(resolve, 2_000)),
  ]);
  backend.close();
  Deno.exit(0);
}

let pending = "";
for await (
  const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())
) {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf("\n")) >= 0) {
    const command = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (command === "close") await shutdown();
    if (command === "cut" || command === "hold") {
      console.log(JSON.stringify({ cut: watches.cut(command === "hold") }));
    }
  }
}
await shutdown();
