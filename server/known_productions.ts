/**
 * The productions this process has found, per store, so that entering one
 * costs no trip to the store of its own: every request into a production
 * reads its record and the account's membership, and for a production met
 * before those two keys are read in the same trip as the account
 * ({@linkcode productionReadAlong}, server/auth_middleware.ts). Nothing is
 * taken on trust: an id never changes, and the record read tells whether
 * a slug still names it (server/production_scope.ts looks a slug up
 * afresh when not). Only productions that exist are kept, so made-up ids
 * and slugs cannot grow the memory.
 *
 * @module
 */
import type { Context } from "fresh";
import type { ReadAlong } from "@/lib/auth/session.ts";
import { slugOfPath } from "@/lib/production/paths.ts";
import type { Production } from "@/lib/production/schemas.ts";
import { productions } from "@/lib/production/store.ts";
import { productionKv, studioKv } from "@/lib/store/production_kv.ts";
import { type Membership, memberships } from "@/lib/team/members.ts";
import type { State } from "./state.ts";

/** The most productions remembered per store; more start afresh. */
const KNOWN_MAX = 1_000;

/** Production ids by slug, and the ids, of productions found in a store. */
export class KnownProductions {
  #slugs = new Map<string, string>();
  #ids = new Set<string>();

  /** The id of the production `name` (an id or a slug) named when found. */
  idOf(name: string): string | undefined {
    return this.#ids.has(name) ? name : this.#slugs.get(name);
  }

  /** The id of the production `slug` named when found. */
  idOfSlug(slug: string): string | undefined {
    return this.#slugs.get(slug);
  }

  /** Remembers a production found; passes it (or null) on. */
  remember(production: Production | null): Production | null {
    if (production === null) return null;
    if (this.#ids.size >= KNOWN_MAX) {
      this.#slugs.clear();
      this.#ids.clear();
    }
    this.#slugs.set(production.slug, production.id);
    this.#ids.add(production.id);
    return production;
  }

  /** Forgets what a read showed no longer holds. */
  forget(id: string, slug?: string): void {
    this.#ids.delete(id);
    if (slug !== undefined) this.#slugs.delete(slug);
  }
}

const byStore = new WeakMap<Deno.Kv, KnownProductions>();

/** The productions found in `store` (the studio's store). */
export function knownProductions(store: Deno.Kv): KnownProductions {
  let known = byStore.get(store);
  if (known === undefined) byStore.set(store, known = new KnownProductions());
  return known;
}

/** A production's record and an account's membership there, as read. */
export interface ReadAhead {
  productionId: string;
  production: Production | null;
  membership: Membership | null;
}

/**
 * Reads production `id`'s record and `accountId`'s membership in one trip
 * (`id` must be a production found before: a view is made for it).
 */
export async function readProductionOf(
  store: Deno.Kv,
  id: string,
  accountId: string,
): Promise<ReadAhead> {
  return toReadAhead(
    id,
    await productionKv(store, id).getMany<unknown[]>(keysOf(id, accountId)),
  );
}

/**
 * What to read along with the account for a request into a production
 * this process knows (`/p/<slug>/…`, `/api/p/<slug>/…`,
 * `/api/ws?production=`): its record and the membership. Null for any
 * other request: a studio path, or a production not met yet, read when
 * entered.
 */
export function productionReadAlong(
  ctx: Context<State>,
):
  | (ReadAlong & { read(entries: Deno.KvEntryMaybe<unknown>[]): ReadAhead })
  | null {
  const store = studioKv(ctx.state.services.kv);
  const known = knownProductions(store);
  const { pathname, searchParams } = ctx.url;
  const slug = slugOfPath(pathname);
  const id = pathname === "/api/ws"
    ? known.idOf(searchParams.get("production") ?? "")
    : slug === null
    ? undefined
    : known.idOfSlug(slug);
  if (id === undefined) return null;
  return {
    kv: productionKv(store, id),
    keys: (accountId) => keysOf(id, accountId),
    read: (entries) => toReadAhead(id, entries),
  };
}

function keysOf(id: string, accountId: string): Deno.KvKey[] {
  return [productions.key(id), memberships.key(accountId)];
}

function toReadAhead(
  productionId: string,
  [record, member]: Deno.KvEntryMaybe<unknown>[],
): ReadAhead {
  return {
    productionId,
    production: productions.read(record),
    membership: memberships.read(member),
  };
}
