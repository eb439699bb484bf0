import assert from "node:assert/strict";
import { DEMO_USERS } from "@/lib/seed.ts";
import { users } from "@/lib/team/users.ts";
import { login, type TestApp } from "./test_app.ts";

/** A signed-in demo user: their access token and id. */
export interface Session {
  token: string;
  id: string;
}

/** Every demo user signed in, by username. */
export type Sessions = Record<string, Session>;

/** Signs one demo user (or any user, by username) in. */
export async function sessionOf(
  app: TestApp,
  username: string,
): Promise<Session> {
  const { token } = await login(app, username);
  const [user] = await users.findBy(app.services.kv, "username", username);
  return { token, id: user.id };
}

/** Signs every demo user in. */
export async function sessions(app: TestApp): Promise<Sessions> {
  const out: Sessions = {};
  for (const demo of DEMO_USERS) {
    out[demo.username] = await sessionOf(app, demo.username);
  }
  return out;
}

/** A parsed API answer. */
export interface Reply {
  status: number;
  // deno-lint-ignore no-explicit-any
  body: any;
  headers: Headers;
}

/** A request body: strings, bytes and streams as they are, the rest as JSON. */
function encode(body: unknown): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (
    typeof body === "string" || body instanceof Uint8Array ||
    body instanceof ReadableStream || body instanceof Blob
  ) {
    return body as BodyInit;
  }
  return JSON.stringify(body);
}

/**
 * JSON calls as `who` (their Bearer token: a {@linkcode Session} or what
 * `login()` returns), or signed out with null. A string,
 * bytes or a stream are sent as they are (`headers` may give their type);
 * anything else as JSON. `request` answers the raw response (for headers,
 * CSV, downloads); the others parse the JSON answer.
 */
export function api(
  app: TestApp,
  who: Session | Pick<Session, "token"> | null,
) {
  const request = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    app.fetch(path, {
      method,
      headers: {
        ...(who === null ? {} : { authorization: `Bearer ${who.token}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: encode(body),
    });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const res = await request(method, path, body, headers);
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : null,
      headers: res.headers,
    };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      call("POST", path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) =>
      call("PATCH", path, body, headers),
    del: (path: string, headers?: Record<string, string>) =>
      call("DELETE", path, undefined, headers),
    call,
    request,
  };
}

/**
 * Asserts `reply` has `status` and the API's error shape (a string code
 * and message, DESIGN §4): three assertions, `label` in their messages.
 */
export function assertApiError(reply: Reply, status: number, label = "") {
  assert.equal(reply.status, status, `${label} ${JSON.stringify(reply.body)}`);
  assert.equal(typeof reply.body?.error?.code, "string", label);
  assert.equal(typeof reply.body?.error?.message, "string", label);
}

/**
 * Expected statuses for the six demo users, in DESIGN §4 order: producer,
 * prodmanager, director, crew, vfx, distribution.
 */
export function row(...statuses: number[]): Record<string, number> {
  const names = [
    "producer",
    "prodmanager",
    "director",
    "crew",
    "vfx",
    "distribution",
  ];
  // The matrices' columns must be the demo users, in this order.
  assert.deepEqual(names, DEMO_USERS.map((d) => d.username));
  assert.equal(statuses.length, names.length);
  return Object.fromEntries(names.map((n, i) => [n, statuses[i]]));
}
