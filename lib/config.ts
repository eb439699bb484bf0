import { z } from "zod";

/** Where the embedded KV file lives unless `PRODSIGHT_KV_PATH` says. */
export const DEFAULT_KV_PATH = "./data/prodsight.sqlite3";

/** The app's configuration, read from the environment once at start. */
export interface Config {
  /** HTTP port (`PORT`). */
  port: number;
  /**
   * KV location (`PRODSIGHT_KV_PATH`): a file, `:memory:`, a denokv URL, or
   * undefined for the platform default (Deno Deploy's hosted KV).
   */
  kvPath: string | undefined;
  /** `JWT_SECRET`; in development a generated one is kept in KV instead. */
  jwtSecret: string | undefined;
  /** Production mode: `PRODSIGHT_ENV=production` or running on Deno Deploy. */
  production: boolean;
  /** Extra origins allowed for cookie-authenticated writes and sockets. */
  allowedOrigins: string[];
  /**
   * How hub instances wake each other for new events, presence and upload
   * progress (`PRODSIGHT_BUS`): `kv` (the default: a KV watch, which crosses
   * the workers of a process on an embedded file, processes sharing a
   * denokv server, and instances on Deno Deploy) or `broadcast`
   * (BroadcastChannel: the workers of one process only).
   */
  bus: "kv" | "broadcast";
  /**
   * WebSocket handshakes one client address may make per minute on each
   * instance (`PRODSIGHT_WS_HANDSHAKES_PER_MINUTE`; with N workers up to N×
   * that in all); raise it behind a proxy, where every client shares the
   * proxy's address.
   */
  wsHandshakesPerMinute: number;
  /** Largest file upload in bytes (`PRODSIGHT_MAX_UPLOAD_BYTES`, 50 MiB). */
  maxUploadBytes: number;
  /**
   * Hours the event log keeps events for replay
   * (`PRODSIGHT_EVENT_RETENTION_HOURS`, 48; at least 24, DESIGN §5). Record
   * history is kept for the record's lifetime regardless. Unset: 48.
   */
  eventRetentionHours?: number;
  /**
   * The origin browsers use to reach the app (`PRODSIGHT_PUBLIC_ORIGIN`, e.g.
   * `https://app.example.com`), when a proxy in front terminates TLS or
   * changes the host. It is then the app's own origin for CSRF and socket
   * origin checks, and an https one makes cookies `Secure` and turns on
   * HSTS. Unset: the origin each request arrived at.
   */
  publicOrigin?: string;
  /**
   * Failed sign-ins (on existing accounts) one client address may make per
   * 15 minutes (`PRODSIGHT_LOGIN_FAILURES_PER_ADDRESS`, 50); raise it behind
   * a proxy, where every client shares the proxy's address. Unset: 50.
   */
  loginFailuresPerAddress?: number;
}

/** The configuration is unusable; the message says what to set. */
export class ConfigError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** The environment variables the app reads, each with its rule. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  PRODSIGHT_KV_PATH: z.string().optional(),
  JWT_SECRET: z.string().min(32, "JWT_SECRET must be at least 32 characters")
    .optional(),
  PRODSIGHT_ENV: z.enum(["development", "production"]).optional(),
  PRODSIGHT_ALLOWED_ORIGINS: z.string().optional(),
  DENO_DEPLOYMENT_ID: z.string().optional(),
  PRODSIGHT_BUS: z.enum(["kv", "broadcast"]).default("kv"),
  PRODSIGHT_WS_HANDSHAKES_PER_MINUTE: z.coerce.number().int().min(1).default(
    120,
  ),
  PRODSIGHT_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1)
    .max(2 * 1024 * 1024 * 1024).default(50 * 1024 * 1024),
  PRODSIGHT_EVENT_RETENTION_HOURS: z.coerce.number().int()
    .min(24, "must be at least 24: clients replay at least a day of events")
    .max(24 * 90, "must be at most 2160 (90 days)").default(48),
  PRODSIGHT_PUBLIC_ORIGIN: z.string().optional(),
  PRODSIGHT_LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1)
    .default(50),
});

/**
 * Reads the configuration from environment variables. Production mode
 * without a `JWT_SECRET` is refused, so a deployment never runs on a
 * throw-away secret.
 *
 * @example
 * ```ts
 * const config = loadConfig(Deno.env.toObject());
 * ```
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== ""),
    ),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const onDeploy = e.DENO_DEPLOYMENT_ID !== undefined;
  const production = e.PRODSIGHT_ENV === "production" || onDeploy;
  if (production && e.JWT_SECRET === undefined) {
    throw new ConfigError(
      "JWT_SECRET is required in production mode (PRODSIGHT_ENV=production " +
        "or Deno Deploy): set it to a random string of 32+ characters",
    );
  }
  const allowedOrigins = (e.PRODSIGHT_ALLOWED_ORIGINS ?? "").split(",")
    .map((o) => o.trim()).filter((o) => o !== "");
  for (const origin of allowedOrigins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new ConfigError(
        `PRODSIGHT_ALLOWED_ORIGINS: "${origin}" is not an origin like https://app.example.com`,
      );
    }
  }
  const publicOrigin = e.PRODSIGHT_PUBLIC_ORIGIN === undefined
    ? undefined
    : parsePublicOrigin(e.PRODSIGHT_PUBLIC_ORIGIN);
  return {
    port: e.PORT,
    kvPath: e.PRODSIGHT_KV_PATH ?? (onDeploy ? undefined : DEFAULT_KV_PATH),
    jwtSecret: e.JWT_SECRET,
    production,
    allowedOrigins,
    bus: e.PRODSIGHT_BUS,
    wsHandshakesPerMinute: e.PRODSIGHT_WS_HANDSHAKES_PER_MINUTE,
    maxUploadBytes: e.PRODSIGHT_MAX_UPLOAD_BYTES,
    eventRetentionHours: e.PRODSIGHT_EVENT_RETENTION_HOURS,
    publicOrigin,
    loginFailuresPerAddress: e.PRODSIGHT_LOGIN_FAILURES_PER_ADDRESS,
  };
}

/** `https://host[:port]`, with at most a trailing `/`; anything else throws. */
function parsePublicOrigin(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (
    url === null || !["http:", "https:"].includes(url.protocol) ||
    url.pathname !== "/" || url.search !== "" || url.hash !== "" ||
    url.username !== "" || url.password !== ""
  ) {
    throw new ConfigError(
      `PRODSIGHT_PUBLIC_ORIGIN: "${value}" is not an origin like https://app.example.com`,
    );
  }
  return url.origin;
}
