/**
 * The bare-runtime reference for the load benchmark: what the realtime
 * role of ProdSight costs on `Deno.serve` + `Deno.upgradeWebSocket` alone,
 * with no store, no zod and no framework. `run.ts` runs it beside the
 * production server, under the same pinning and the same generator, and
 * reports ProdSight's ratio to it.
 *
 * What it does, as ProdSight does:
 * - the bench production: `GET /api/productions` lists one, whose id
 *   sockets name and whose slug prefixes the writes' paths;
 * - sockets: `GET /api/ws?production=<id>` with `Authorization: Bearer
 *   <jwt>`; the HS256
 *   token is verified (signature with WebCrypto, `alg`/`typ` pinned, issuer,
 *   audience, expiry) before the upgrade; then a `welcome` frame and a
 *   `presence` frame (at most 20 names and the total);
 * - writes: `POST /api/p/<slug>/announcements` (audience: every role) and
 *   `PATCH /api/p/<slug>/users/:id` (`user_update`; audience: the management roles
 *   and that user), each with the writer's token verified and its role
 *   checked, the JSON body parsed and checked by hand, one event built with
 *   a 16-digit sequence id and the same envelope
 *   (`{"type","id","ts","data"}`) and data, answered with the record;
 * - routing: a socket is in one role room and one user room; an event goes
 *   to the rooms of its audience's roles and users, at most once per socket
 *   (a user-room socket whose role room was reached is skipped), serialised
 *   once.
 *
 * What it leaves out, and ProdSight pays for: the store (a user, revocation
 * and session read per authentication; the record, its indexes, history
 * and event in one checked commit per write; events durable before they
 * are delivered), zod at every boundary, the middleware chain (security
 * headers, CSP, CSRF), presence across instances, replay, rate limits.
 * Users come from the bench's users file (id, name, role) held in memory.
 *
 * Run by `run.ts`: `deno run -A bench/load/reference_server.ts`, with
 * `PORT`, `JWT_SECRET` and `BENCH_USERS_FILE` set.
 *
 * @module
 */

interface User {
  id: string;
  name: string;
  role: string;
}

interface Socket {
  ws: WebSocket;
  user: User;
}

const MANAGEMENT = ["producer", "production_manager", "director"];
const ALL_ROLES = [
  ...MANAGEMENT,
  "crew",
  "vfx",
  "distribution_manager",
];
const WRITERS = new Set(["producer", "production_manager"]);
const MAX_BODY_BYTES = 64 * 1024;
/** The one production the bench users belong to, and its API's prefix. */
const PRODUCTION = { id: "bench", slug: "bench", name: "Bench" };
const API = `/api/p/${PRODUCTION.slug}`;

const port = Number(Deno.env.get("PORT") ?? "8000");
const secret = new TextEncoder().encode(Deno.env.get("JWT_SECRET") ?? "");
const usersFile = Deno.env.get("BENCH_USERS_FILE");
if (secret.length < 32 || usersFile === undefined) {
  console.error("reference server: set JWT_SECRET and BENCH_USERS_FILE");
  Deno.exit(1);
}
const key = await crypto.subtle.importKey(
  "raw",
  secret,
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["verify"],
);
const users = new Map<string, User>();
for (
  const u of JSON.parse(await Deno.readTextFile(usersFile)) as User[]
) users.set(u.id, { id: u.id, name: u.name, role: u.role });

const byRole = new Map<string, Set<Socket>>();
const byUser = new Map<string, Set<Socket>>();
const online: User[] = [];
let sockets = 0;
let seq = 0;

Deno.serve({ port, hostname: "127.0.0.1" }, async (req) => {
  const url = new URL(req.url);
  const path = url.pathname;
  if (path === "/api/ws" && req.method === "GET") {
    if (url.searchParams.get("production") !== PRODUCTION.id) {
      return error(404, "not_found", "No such production");
    }
    return await connect(req);
  }
  if (path === "/api/productions" && req.method === "GET") {
    const caller = await verify(bearer(req));
    if (caller === null) return error(401, "unauthorized", "Sign in");
    return Response.json([{
      ...PRODUCTION,
      role: users.get(caller.sub)?.role,
    }]);
  }
  if (path === `${API}/announcements` && req.method === "POST") {
    return await announce(req);
  }
  if (path.startsWith(`${API}/users/`) && req.method === "PATCH") {
    return await renameUser(req, path.slice(`${API}/users/`.length));
  }
  if (path === "/api/health") return Response.json({ ok: true });
  return error(404, "not_found", "No such route");
});

async function connect(req: Request): Promise<Response> {
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return error(400, "bad_request", "Expected a WebSocket upgrade request");
  }
  const claims = await verify(bearer(req));
  const user = claims === null ? undefined : users.get(claims.sub);
  if (claims === null || user === undefined) {
    return error(401, "unauthorized", "Sign in to connect");
  }
  const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: 60 });
  const conn: Socket = { ws: socket, user };
  socket.onopen = () => {
    roomOf(byRole, user.role).add(conn);
    roomOf(byUser, user.id).add(conn);
    sockets++;
    if (online.length < 20) online.push(user);
    socket.send(JSON.stringify({
      type: "welcome",
      connectionId: crypto.randomUUID(),
      user,
      heartbeatMs: 25_000,
      lastEventId: eventId(seq),
      expiresAt: claims.exp * 1000,
    }));
    socket.send(JSON.stringify({
      type: "presence",
      data: { users: online, total: sockets },
    }));
  };
  socket.onclose = () => {
    if (byRole.get(user.role)?.delete(conn)) sockets--;
    const mine = byUser.get(user.id);
    mine?.delete(conn);
    if (mine?.size === 0) byUser.delete(user.id);
  };
  socket.onerror = () => {};
  return response;
}

async function announce(req: Request): Promise<Response> {
  const actor = await writer(req);
  if (actor instanceof Response) return actor;
  const body = await readJson(req);
  if (body instanceof Response) return body;
  const message = typeof body.message === "string" ? body.message.trim() : "";
  if (message === "" || message.length > 500) {
    return error(
      400,
      "validation",
      "Write a message of at most 500 characters",
    );
  }
  const now = new Date().toISOString();
  const record = {
    id: crypto.randomUUID(),
    version: 1,
    createdAt: now,
    updatedAt: now,
    message,
    level: "info",
    fromId: actor.id,
    fromName: actor.name,
    fromRole: actor.role,
  };
  route("announcement", ALL_ROLES, [], {
    id: record.id,
    message,
    level: "info",
    from: { id: actor.id, name: actor.name, role: actor.role },
  });
  return Response.json(record, { status: 201 });
}

async function renameUser(req: Request, id: string): Promise<Response> {
  const actor = await writer(req);
  if (actor instanceof Response) return actor;
  const body = await readJson(req);
  if (body instanceof Response) return body;
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (name === "" || name.length > 100) {
    return error(400, "validation", "Give a name of at most 100 characters");
  }
  const user = users.get(id);
  if (user === undefined) return error(404, "not_found", "No such user");
  const changed = user.name === name ? [] : ["name"];
  user.name = name;
  route("user_update", MANAGEMENT, [id], {
    action: "updated",
    user: { id, name, role: user.role, active: true },
    by: { id: actor.id, name: actor.name },
    changed,
  });
  return Response.json({ id, name, role: user.role, active: true });
}

/** One event to its audience: serialised once, each socket at most once. */
function route(type: string, roles: string[], ids: string[], data: unknown) {
  const frame = JSON.stringify({
    type,
    id: eventId(++seq),
    ts: Date.now(),
    data,
  });
  for (const role of roles) {
    for (const conn of byRole.get(role) ?? []) send(conn, frame);
  }
  for (const id of ids) {
    for (const conn of byUser.get(id) ?? []) {
      if (!roles.includes(conn.user.role)) send(conn, frame);
    }
  }
}

function send(conn: Socket, frame: string) {
  if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(frame);
}

async function writer(req: Request): Promise<User | Response> {
  const claims = await verify(bearer(req));
  const user = claims === null ? undefined : users.get(claims.sub);
  if (claims === null || user === undefined) {
    return error(401, "unauthorized", "Sign in to continue");
  }
  if (!WRITERS.has(user.role)) {
    return error(403, "forbidden", "Your role may not do this");
  }
  return user;
}

async function readJson(
  req: Request,
): Promise<Record<string, unknown> | Response> {
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    return error(415, "unsupported_media_type", "Send application/json");
  }
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) {
    return error(413, "payload_too_large", "The body is too large");
  }
  try {
    const value = JSON.parse(text);
    if (typeof value === "object" && value !== null) return value;
  } catch {
    // Answered below.
  }
  return error(400, "invalid_json", "The body is not a JSON object");
}

function bearer(req: Request): string {
  return req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ??
    "";
}

/** HS256 JWT: pinned header, signature, issuer, audience, lifetime. */
async function verify(
  token: string,
): Promise<{ sub: string; exp: number } | null> {
  const parts = token.split(".");
  if (parts.length !== 3 || token.length > 4096) return null;
  try {
    const header = JSON.parse(decodeText(parts[0]));
    if (header.alg !== "HS256" || header.typ !== "JWT") return null;
    const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
    const ok = await crypto.subtle.verify(
      "HMAC",
      key,
      base64url(parts[2]),
      signed,
    );
    if (!ok) return null;
    const claims = JSON.parse(decodeText(parts[1]));
    const now = Date.now() / 1000;
    if (
      claims.iss !== "prodsight" || claims.aud !== "prodsight-app" ||
      typeof claims.sub !== "string" || typeof claims.exp !== "number" ||
      claims.exp + 5 < now || claims.iat - 5 > now
    ) return null;
    return claims;
  } catch {
    return null;
  }
}

function base64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/");
  const bin = atob(b64 + "=".repeat((4 - b64.length % 4) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function decodeText(text: string): string {
  return new TextDecoder().decode(base64url(text));
}

function eventId(n: number): string {
  return String(n).padStart(16, "0");
}

function roomOf<T>(rooms: Map<string, Set<T>>, key: string): Set<T> {
  let room = rooms.get(key);
  if (room === undefined) rooms.set(key, room = new Set());
  return room;
}

function error(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
