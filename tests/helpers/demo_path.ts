/**
 * Where tests written for the one production there was go: the demo
 * feature film (lib/seed.ts). Shared by the in-process test app and the
 * browser helpers, without either's dependencies.
 *
 * @module
 */

/** The slug of the demo feature film (lib/seed.ts), where tests work. */
export const DEMO_SLUG = "northern-lights";

const LEGACY_PAGE =
  /^\/(tasks|budget|script|vfx|assets|team|reports|status|settings|announcements)(?=[/?#]|$)/;
const LEGACY_API =
  /^\/api\/(tasks|budget|scripts|vfx|assets|announcements|reports|users|events|status)(?=[/?#.]|$)/;

/**
 * Where a test's path goes: tests written for the one production there
 * was (`/tasks`, `/api/tasks`) address the demo feature film
 * (`/p/northern-lights/tasks`, `/api/p/northern-lights/tasks`); every other
 * path as it is. The app's own redirect of such old paths is tested on its
 * own (tests/legacy_paths_test.ts).
 */
export function demoPath(path: string): string {
  if (LEGACY_API.test(path)) return `/api/p/${DEMO_SLUG}${path.slice(4)}`;
  if (LEGACY_PAGE.test(path)) return `/p/${DEMO_SLUG}${path}`;
  return path;
}
