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

/** Signs every demo user in. */
export async function sessions(app: TestApp): Promise<Sessions> {
  const out: Sessions = {};
  for (const demo of DEMO_USERS) {
    const { token } = await login(app, demo.username);
    const [user] = await users.findBy(
      app.services.kv,
      "username",
      demo.username,
    );
    out[demo.username] = { token, id: user.id };
  }
  return out;
}

/** A parsed API answer. */
export interface Reply {
  status: number;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/**
 * JSON calls as `who` (Bearer token), or signed out with null. A string
 * body is sent as it is; anything else as JSON.
 */
export function api(app: TestApp, who: Session | null) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const res = await app.fetch(path, {
      method,
      headers: {
        ...(who === null ? {} : { authorization: `Bearer ${who.token}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined
        ? undefined
        : typeof body === "string"
        ? body
        : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
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
  };
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
