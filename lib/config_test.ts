import assert from "node:assert/strict";
import { ConfigError, DEFAULT_KV_PATH, loadConfig } from "./config.ts";

const SECRET = "s".repeat(32);

Deno.test("loadConfig - development defaults", () => {
  assert.deepEqual(loadConfig({}), {
    port: 8000,
    kvPath: DEFAULT_KV_PATH,
    jwtSecret: undefined,
    production: false,
    allowedOrigins: [],
    bus: "kv",
    wsHandshakesPerMinute: 120,
    maxUploadBytes: 50 * 1024 * 1024,
    eventRetentionHours: 48,
    publicOrigin: undefined,
    loginFailuresPerAddress: 50,
  });
});

Deno.test("loadConfig - PRODSIGHT_PUBLIC_ORIGIN must be an http(s) origin", () => {
  assert.equal(
    loadConfig({ PRODSIGHT_PUBLIC_ORIGIN: "https://app.example.com" })
      .publicOrigin,
    "https://app.example.com",
  );
  // A trailing slash is what people paste; the origin is what counts.
  assert.equal(
    loadConfig({ PRODSIGHT_PUBLIC_ORIGIN: "https://app.example.com/" })
      .publicOrigin,
    "https://app.example.com",
  );
  for (
    const bad of [
      "app.example.com",
      "https://app.example.com/prodsight",
      "ftp://app.example.com",
      "https://app.example.com?x=1",
    ]
  ) {
    assert.throws(
      () => loadConfig({ PRODSIGHT_PUBLIC_ORIGIN: bad }),
      (e: Error) =>
        e instanceof ConfigError && /PRODSIGHT_PUBLIC_ORIGIN/.test(e.message),
      bad,
    );
  }
});

Deno.test("loadConfig - the per-address sign-in failure limit is configurable", () => {
  assert.equal(
    loadConfig({ PRODSIGHT_LOGIN_FAILURES_PER_ADDRESS: "500" })
      .loginFailuresPerAddress,
    500,
  );
  for (const bad of ["0", "-1", "lots"]) {
    assert.throws(
      () => loadConfig({ PRODSIGHT_LOGIN_FAILURES_PER_ADDRESS: bad }),
      ConfigError,
      bad,
    );
  }
});

Deno.test("loadConfig - event retention is configurable, never under 24 h", () => {
  assert.equal(
    loadConfig({ PRODSIGHT_EVENT_RETENTION_HOURS: "72" }).eventRetentionHours,
    72,
  );
  assert.throws(
    () => loadConfig({ PRODSIGHT_EVENT_RETENTION_HOURS: "12" }),
    (e: Error) =>
      e instanceof ConfigError &&
      /PRODSIGHT_EVENT_RETENTION_HOURS: must be at least 24/.test(e.message),
  );
  assert.throws(
    () => loadConfig({ PRODSIGHT_EVENT_RETENTION_HOURS: "two days" }),
    ConfigError,
  );
});

Deno.test("loadConfig - reads PORT, KV path, secret and origins", () => {
  const config = loadConfig({
    PORT: "9001",
    PRODSIGHT_KV_PATH: ":memory:",
    JWT_SECRET: SECRET,
    PRODSIGHT_ALLOWED_ORIGINS: "https://a.example, https://b.example:8443",
    PRODSIGHT_BUS: "broadcast",
  });
  assert.equal(config.bus, "broadcast");
  assert.equal(config.port, 9001);
  assert.equal(config.kvPath, ":memory:");
  assert.equal(config.jwtSecret, SECRET);
  assert.deepEqual(config.allowedOrigins, [
    "https://a.example",
    "https://b.example:8443",
  ]);
});

Deno.test("loadConfig - production without a secret refuses to start", () => {
  assert.throws(
    () => loadConfig({ PRODSIGHT_ENV: "production" }),
    (e: Error) =>
      e instanceof ConfigError && /JWT_SECRET is required/.test(e.message),
  );
  assert.throws(() => loadConfig({ DENO_DEPLOYMENT_ID: "abc" }), ConfigError);
});

Deno.test("loadConfig - Deno Deploy is production on the hosted KV", () => {
  const config = loadConfig({ DENO_DEPLOYMENT_ID: "abc", JWT_SECRET: SECRET });
  assert.equal(config.production, true);
  assert.equal(config.kvPath, undefined);
});

Deno.test("loadConfig - invalid values are clear errors", () => {
  assert.throws(() => loadConfig({ PORT: "abc" }), /PORT/);
  assert.throws(() => loadConfig({ PORT: "70000" }), /PORT/);
  assert.throws(() => loadConfig({ JWT_SECRET: "short" }), /32 characters/);
  assert.throws(
    () => loadConfig({ PRODSIGHT_ALLOWED_ORIGINS: "https://a.example/path" }),
    /not an origin/,
  );
});
