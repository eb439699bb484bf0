/**
 * The two demo productions (lib/seed.ts) as the isolation tests address
 * them: the feature film Northern Lights, where every demo user works, and
 * the series "Saltwater — Block 2", where `producer` is producer, `crew` is
 * production manager, `vfx` is crew and nobody else is a member. Paths
 * into each, each one's view of the store, and a fingerprint of the whole
 * store to show that a refused request changed nothing.
 *
 * @module
 */
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { SECOND_DEMO_PRODUCTION } from "@/lib/seed.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { DEMO_SLUG, type TestApp } from "./test_app.ts";

/** A demo production: its id, slug and title. */
export interface DemoProduction {
  id: string;
  slug: string;
  title: string;
}

/** The demo feature film (every demo user a member, as before productions). */
export const FILM: DemoProduction = {
  id: PRODUCTION_ID,
  slug: DEMO_SLUG,
  title: "Northern Lights",
};

/** The demo series block: producer, crew (as PM) and vfx (as crew) only. */
export const SERIES: DemoProduction = {
  id: SECOND_DEMO_PRODUCTION.id,
  slug: SECOND_DEMO_PRODUCTION.settings.slug,
  title: SECOND_DEMO_PRODUCTION.settings.title,
};

/** The other one of the two. */
export function otherThan(p: DemoProduction): DemoProduction {
  return p.id === FILM.id ? SERIES : FILM;
}

/** `/api/p/<slug><path>`. */
export function apiIn(p: DemoProduction | string, path: string): string {
  return `/api/p/${typeof p === "string" ? p : p.slug}${path}`;
}

/** `/p/<slug><path>`. */
export function pageIn(p: DemoProduction | string, path: string): string {
  return `/p/${typeof p === "string" ? p : p.slug}${path}`;
}

/** The production's view of the test app's store. */
export function viewOf(app: TestApp, p: DemoProduction): Deno.Kv {
  return productionKv(app.services.store, p.id);
}

/**
 * Every key of the whole store with its versionstamp: two equal
 * fingerprints mean nothing was written, moved or deleted in between.
 */
export async function storeFingerprint(
  app: TestApp,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const entry of app.services.store.list({ prefix: [] })) {
    const key = entry.key.map((part) =>
      typeof part === "bigint" ? `${part}n` : part
    );
    out.set(JSON.stringify(key), entry.versionstamp);
  }
  return out;
}
