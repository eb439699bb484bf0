import { Builder } from "fresh/dev";
import type { Config } from "@/lib/config.ts";
import { createApp } from "@/server/create_app.ts";
import { seedDemo, type SeedOptions } from "@/lib/seed.ts";
import { TEST_SECRET } from "./test_secret.ts";
import { DEMO_SLUG, demoPath } from "./demo_path.ts";
import {
  openServices,
  type ServiceOptions,
  type Services,
} from "@/server/services.ts";

const root = new URL("../../", import.meta.url).pathname;
// One in-memory build for the whole test file; every app gets a copy of it.
/** Attaches the test build (routes, islands, static files) to an app. */
export const applyBuild = await new Builder({ root }).build({
  snapshot: "memory",
  mode: "development",
});

/** Origin the test requests pretend to come from. */
export const ORIGIN = "http://localhost";

/** An app on a fresh in-memory store, seeded with the demo users. */
export interface TestApp {
  services: Services;
  handler: (req: Request) => Promise<Response>;
  /**
   * Sends a request to `path` (relative to {@linkcode ORIGIN}; an old
   * single-production path goes to the demo feature film, see
   * {@linkcode demoPath}).
   */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
}

/** How a test app is seeded and built. */
export type TestAppOptions =
  & ServiceOptions
  & Omit<SeedOptions, "passwordIterations">
  & {
    /**
     * Another build to attach (benchmarks weigh a production build, which
     * is minified); {@linkcode applyBuild} by default.
     */
    build?: typeof applyBuild;
  };

/** Builds a seeded app on `:memory:` KV; call `close()` when done. */
export async function createTestApp(
  overrides: Partial<Config> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const services = await openServices({
    port: 0,
    kvPath: ":memory:",
    jwtSecret: TEST_SECRET,
    production: false,
    allowedOrigins: [],
    bus: "kv",
    wsHandshakesPerMinute: 120,
    maxUploadBytes: 50 * 1024 * 1024,
    ...overrides,
  }, options);
  // Cheap hashes keep the suite fast; production hashing is benchmarked.
  // Module sample data only when a test asks: most tests want empty modules.
  await seedDemo(services.kv, {
    passwordIterations: 1_000,
    moduleData: options.moduleData ?? false,
    schedule: options.schedule,
  });
  const app = createApp(services);
  (options.build ?? applyBuild)(app);
  const handler = app.handler();
  return {
    services,
    handler: (req) => handler(req),
    fetch: (path, init) =>
      handler(new Request(`${ORIGIN}${demoPath(path)}`, init)),
    close: () => services.close(),
  };
}

/**
 * Runs `fn` with a fresh test app (built as {@linkcode createTestApp} does
 * with `overrides` and `options`) and closes it afterwards.
 */
export async function withApp(
  fn: (app: TestApp) => Promise<void>,
  overrides: Partial<Config> = {},
  options: TestAppOptions = {},
): Promise<void> {
  const app = await createTestApp(overrides, options);
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

/**
 * Runs `fn` with a fresh test app holding every module's sample data
 * (`schedule: false`: every scene still in the boneyard).
 */
export function withModuleData(
  fn: (app: TestApp) => Promise<void>,
  options: Pick<SeedOptions, "schedule"> = {},
): Promise<void> {
  return withApp(fn, {}, { moduleData: true, ...options });
}

/** Signs in through the JSON API; returns the token and both cookies. */
export async function login(
  app: TestApp,
  username: string,
  password = "password123",
): Promise<{ token: string; cookie: string; refresh: string }> {
  const res = await app.fetch("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) {
    throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  }
  const { token } = await res.json();
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  return {
    token,
    cookie: cookies.join("; "),
    refresh: cookies.find((c) => c.startsWith("ps_refresh="))!.slice(11),
  };
}

/** Headers of a same-origin browser request carrying `cookie`. */
export function browserHeaders(
  cookie: string,
  extra: HeadersInit = {},
): Headers {
  const headers = new Headers(extra);
  headers.set("cookie", cookie);
  headers.set("origin", ORIGIN);
  return headers;
}

export { DEMO_SLUG, demoPath, TEST_SECRET };
