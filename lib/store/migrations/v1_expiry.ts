/**
 * How long a key moved by store version 1 (v1_productions.ts) lives: KV
 * does not tell a key's expiry, so the step works it out again from the
 * value, as the code that wrote the key did.
 *
 * @module
 */

const HOUR_MS = 60 * 60 * 1000;
/** The least life a moved key with an expiry gets (see expiryOf). */
export const MIN_LEFT_MS = HOUR_MS;
// As the code before productions set them. Copied, not imported: this
// step must keep meaning what it meant when that code changes.
const BANNER_WINDOW_MS = 7 * 24 * HOUR_MS; // announcements/shared.ts
const DISMISSAL_GRACE_MS = 24 * HOUR_MS; // announcements/service.ts
const UPLOAD_MARK_TTL_MS = HOUR_MS; // assets/store.ts

/**
 * The expiry (ms from `now`) to move a key of `collection` with. KV does
 * not tell a key's expiry, so it is worked out again from the value, as the
 * code that wrote it did: an event lives `retentionMs` from its `ts`, a
 * dismissal its banner window and a day from its `at` (the announcement's
 * window could have ended sooner: kept a little longer, harmless), an
 * upload mark an hour from its `renewedAt`. Never more than that life, and
 * never less than {@linkcode MIN_LEFT_MS}: a key the backend has not swept
 * yet is not this step's to drop, and a clock a little off drops nothing.
 * Undefined: the key does not expire.
 */
export function expiryOf(
  collection: string,
  value: unknown,
  now: number,
  retentionMs: number,
): number | undefined {
  const v = (value ?? {}) as Record<string, unknown>;
  const left = (since: unknown, life: number) =>
    typeof since === "number" && Number.isFinite(since)
      ? Math.min(life, Math.max(MIN_LEFT_MS, since + life - now))
      : life;
  switch (collection) {
    case "events":
      return left(v.ts, retentionMs);
    case "announcement_dismissals":
      return left(
        Date.parse(String(v.at)),
        BANNER_WINDOW_MS + DISMISSAL_GRACE_MS,
      );
    case "asset_uploads":
      return left(v.renewedAt, UPLOAD_MARK_TTL_MS);
  }
  return undefined;
}
