/**
 * Wire constants shared by the hub and the browser client. Kept free of
 * zod so the browser bundle stays small; the schemas are in protocol.ts.
 *
 * @module
 */

/** Close codes (DESIGN §5). */
export const CLOSE = {
  /** The server is going away (shutdown). */
  goingAway: 1001,
  /** Policy violation (e.g. a forbidden origin after upgrade). */
  policy: 1008,
  /** A frame was larger than {@linkcode MAX_FRAME_BYTES}. */
  tooBig: 1009,
  /** Overloaded, or the client reads too slowly. */
  overloaded: 1013,
  /** Token expired or revoked. */
  unauthorized: 4401,
  /** The user's role may no longer hold this socket. */
  forbidden: 4403,
  /** Too many frames. */
  rateLimited: 4429,
} as const;

/** Largest client frame accepted. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** How often the client sends an app-level ping. */
export const HEARTBEAT_MS = 25_000;
