/**
 * Where a request enters a production (DESIGN §3–§4): `/p/<slug>/…` pages
 * and `/api/p/<slug>/…` calls name it by slug, `PATCH /api/productions/:id`
 * by id. The production is looked up in the studio's register (once per
 * process: server/known_productions.ts), the signed-in account's
 * membership of it is read from the store on this request, and the request
 * goes on with that production's view of the store and the member's role
 * there. A production that does not exist and
 * one the account is not a member of answer the same 404, so a URL, an id
 * or a cursor never reveals that a production exists.
 *
 * @module
 */
import type { Context } from "fresh";
import { ApiError } from "@/lib/http/errors.ts";
import { getCookies, setCookie } from "@/lib/http/cookies.ts";
import { secureCookies } from "@/lib/http/security.ts";
import type { Production } from "@/lib/production/schemas.ts";
import { findProductionBySlug, productions } from "@/lib/production/store.ts";
import { productionKv, studioKv } from "@/lib/store/production_kv.ts";
import {
  type Membership,
  memberships,
  membershipsOf,
} from "@/lib/team/members.ts";
import { knownProductions, readProductionOf } from "./known_productions.ts";
import type { State } from "./state.ts";

/** Cookie naming the production of the user's most recent page. */
export const RECENT_PRODUCTION_COOKIE = "ps_production";

/** The 404 of a production that does not exist or is not the user's. */
export function productionNotFound(): ApiError {
  return new ApiError(404, "not_found", "No such production");
}

/** Whether a request may change something (everything but reads). */
function writes(req: Request): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(req.method);
}

/**
 * Resolves the production `slug` names for the signed-in account and fills
 * `ctx.state` (`production`, `kv`, `user`); throws 401 when signed out,
 * 404 for an unknown production or a non-member, 409 `archived` for a
 * write to an archived production.
 */
export async function enterBySlug(
  ctx: Context<State>,
  slug: string,
): Promise<void> {
  const store = studioKv(ctx.state.services.kv);
  const known = knownProductions(store);
  const id = known.idOfSlug(slug);
  if (id !== undefined && await enterKnown(ctx, id, slug)) return;
  await enter(ctx, known.remember(await findProductionBySlug(store, slug)));
}

/**
 * Enters known production `id` with one read (when `slug` is given, only
 * while it still names it); false when that read does not find it so, and
 * the caller looks it up afresh.
 */
async function enterKnown(
  ctx: Context<State>,
  id: string,
  slug?: string,
): Promise<boolean> {
  const account = ctx.state.account;
  if (account === null) return false;
  const store = studioKv(ctx.state.services.kv);
  const ahead = ctx.state.readAhead;
  const { production, membership } = ahead?.productionId === id
    ? ahead
    : await readProductionOf(store, id, account.id);
  if (production !== null && (slug === undefined || production.slug === slug)) {
    admit(ctx, production, membership);
    return true;
  }
  knownProductions(store).forget(id, slug);
  return false;
}

/** As {@linkcode enterBySlug}, for a production named by its id. */
export async function enterById(
  ctx: Context<State>,
  id: string,
): Promise<void> {
  const store = studioKv(ctx.state.services.kv);
  await enter(ctx, await productions.get(store, id));
}

async function enter(
  ctx: Context<State>,
  production: Production | null,
): Promise<void> {
  const account = ctx.state.account;
  if (account === null) {
    throw new ApiError(401, "unauthorized", "Sign in to continue");
  }
  if (production === null) throw productionNotFound();
  const store = studioKv(ctx.state.services.kv);
  const membership = await memberships.get(
    productionKv(store, production.id),
    account.id,
  );
  admit(ctx, production, membership);
}

/**
 * Lets the signed-in account into `production` with its membership there,
 * or answers as {@linkcode enter} does.
 */
function admit(
  ctx: Context<State>,
  production: Production,
  membership: Membership | null,
): void {
  const account = ctx.state.account!;
  if (membership === null) throw productionNotFound();
  const kv = productionKv(studioKv(ctx.state.services.kv), production.id);
  if (production.archived && writes(ctx.req)) {
    throw new ApiError(
      409,
      "archived",
      "This production is archived: it can be read, not changed",
    );
  }
  ctx.state.production = production;
  ctx.state.kv = kv;
  ctx.state.user = { ...account, role: membership.role };
}

/**
 * Enters the production a socket asks for (`?production=` its id or its
 * slug); without one, the account's most recent production, as old
 * addresses resolve (server/legacy_paths.ts).
 */
export async function enterProductionOfSocket(
  ctx: Context<State>,
  wanted: string | null,
): Promise<void> {
  const store = studioKv(ctx.state.services.kv);
  if (wanted === null) {
    const account = ctx.state.account;
    if (account === null) {
      throw new ApiError(401, "unauthorized", "Sign in to continue");
    }
    return await enter(ctx, await recentProduction(ctx, account.id));
  }
  const known = knownProductions(store);
  const id = known.idOf(wanted);
  // A known id is entered by id; a known slug only while it names it.
  const slug = id === wanted ? undefined : wanted;
  if (id !== undefined && await enterKnown(ctx, id, slug)) return;
  const production = await productions.get(store, wanted) ??
    await findProductionBySlug(store, wanted);
  await enter(ctx, known.remember(production));
}

/**
 * The account's most recent production: the one of the last page it
 * opened (a cookie) if still a member, else the first it joined; null
 * when it is a member of none.
 */
export async function recentProduction(
  ctx: Context<State>,
  accountId: string,
): Promise<Production | null> {
  const mine = await membershipsOf(ctx.state.services.kv, accountId);
  const recent = getCookies(ctx.req.headers).get(RECENT_PRODUCTION_COOKIE);
  const found = mine.find((m) => m.production.slug === recent) ?? mine[0];
  return found?.production ?? null;
}

/**
 * Remembers the production of a page the user opened, so an old
 * single-production URL (server/legacy_paths.ts) leads back to it.
 */
export function rememberProduction(
  ctx: Context<State>,
  res: Response,
  slug: string,
): Response {
  if (ctx.req.method !== "GET") return res;
  if (getCookies(ctx.req.headers).get(RECENT_PRODUCTION_COOKIE) === slug) {
    return res;
  }
  try {
    setCookie(res.headers, RECENT_PRODUCTION_COOKIE, slug, {
      path: "/",
      httpOnly: true,
      sameSite: "Lax",
      secure: secureCookies(ctx.state.services.config, ctx.url),
      maxAge: 365 * 24 * 3600,
    });
  } catch {
    // A response with immutable headers (a redirect built elsewhere)
    // simply does not update the cookie.
  }
  return res;
}
