/**
 * The studio's productions as studio admins manage them: every production
 * with its team's size, creating one (its creator becomes its producer,
 * so someone can manage its team) and archiving one. An archived
 * production stays readable by its members and refuses every write
 * (server/production_scope.ts answers 409 `archived`).
 *
 * Each change commits in the production's view of the store, so its
 * history entry lands in that production with its other records' history.
 *
 * @module
 */
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { emit } from "@/lib/service.ts";
import type { Production } from "@/lib/production/schemas.ts";
import { type MyProduction, toView } from "@/lib/production/service.ts";
import {
  DEFAULT_DEPARTMENTS,
  type ProductionUpdateData,
  type ProductionView,
  SETTINGS_FIELDS,
  slugify,
} from "@/lib/production/shared.ts";
import { DEFAULT_SHOT_CODE_PATTERN } from "@/lib/production/shot_code.ts";
import { productions } from "@/lib/production/store.ts";
import { UniqueViolationError } from "@/lib/store/errors.ts";
import { diffFields } from "@/lib/store/history.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import type { NewRecord } from "@/lib/store/repository.ts";
import { transact } from "@/lib/store/transaction.ts";
import { addMember, allMemberships } from "@/lib/team/members.ts";
import { users } from "@/lib/team/users.ts";
import { assertAdmin, type StudioContext } from "./context.ts";
import { memberCounts } from "./memberships.ts";
import type { NewProduction } from "./schemas.ts";
import type { StudioProductionView } from "./shared.ts";

/** Every production of the studio with its member count, oldest first. */
export async function listStudioProductions(
  cx: StudioContext,
): Promise<StudioProductionView[]> {
  assertAdmin(cx, "Only studio admins see every production");
  const [all, entries] = await Promise.all([
    productions.list(cx.kv),
    allMemberships(cx.kv),
  ]);
  const counts = memberCounts(entries);
  return all.map((p) => ({ ...toView(p), memberCount: counts.get(p.id) ?? 0 }))
    .sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
    );
}

/** The settings a new production starts with. */
function settingsOf(input: NewProduction): NewRecord<Production> {
  return {
    title: input.title,
    slug: input.slug ?? slugify(input.title),
    kind: input.kind,
    company: input.company ?? "",
    currency: input.currency,
    timeZone: input.timeZone,
    startDate: input.startDate,
    wrapDate: input.wrapDate,
    departments: input.departments ?? [...DEFAULT_DEPARTMENTS],
    shotCodePattern: input.shotCodePattern ?? DEFAULT_SHOT_CODE_PATTERN,
    archived: false,
    vfxBudgetCategoryId: null,
  };
}

/**
 * Creates a production (a new UUID) and makes the creating admin its
 * producer, in one commit: the record, its slug index, the membership
 * with its studio index and the history entry (three checks: the slug,
 * the membership, the creator's account). A slug another production has
 * is a 409 `slug_taken`.
 */
export async function createProduction(
  cx: StudioContext,
  input: NewProduction,
): Promise<MyProduction> {
  assertAdmin(cx, "Only studio admins create productions");
  const id = crypto.randomUUID();
  const view = productionKv(cx.kv, id);
  const settings = settingsOf(input);
  try {
    const { result } = await transact(view, async (tx) => {
      // Read in the commit: an account deactivated meanwhile creates nothing.
      const account = await users.get(tx, cx.actor.id);
      if (account === null || !account.active) {
        throw new ForbiddenError("Your account can no longer do this");
      }
      const now = cx.now();
      const production = await productions.insert(tx, settings, {
        id,
        fresh: true,
        now,
      });
      await addMember(tx, view, account.id, "producer", now);
      tx.recordChange({
        collection: productions.name,
        record: production,
        actor: cx.actor,
        action: "created",
        changes: diffFields(null, production, SETTINGS_FIELDS),
      });
      return production;
    });
    return { ...toView(result), role: "producer" };
  } catch (error) {
    if (error instanceof UniqueViolationError) {
      throw new ConflictError(
        input.slug === undefined
          ? `Another production already has the address /p/${settings.slug}: give this one a slug of its own.`
          : `Another production already has the slug “${settings.slug}”: choose another.`,
        "slug_taken",
        { field: "slug" },
      );
    }
    throw error;
  }
}

/**
 * Archives (or brings back) production `id`: 404 for an unknown id;
 * asking for the state it is in already changes nothing.
 */
export async function setArchived(
  cx: StudioContext,
  id: string,
  archived: boolean,
): Promise<ProductionView> {
  assertAdmin(cx, "Only studio admins archive productions");
  // Looked up before a view is made for an id that names nothing.
  if (await productions.get(cx.kv, id) === null) {
    throw new NotFoundError("production");
  }
  const { result } = await transact(productionKv(cx.kv, id), async (tx) => {
    const before = await productions.get(tx, id);
    if (before === null) throw new NotFoundError("production");
    if (before.archived === archived) return before;
    const { after } = await productions.update(tx, id, () => ({ archived }), {
      now: cx.now(),
    });
    tx.recordChange({
      collection: productions.name,
      record: after,
      actor: cx.actor,
      action: archived ? "archived" : "unarchived",
      changes: diffFields(before, after, ["archived"]),
    });
    // Open pages of its members hear of it at once (a toast, the feed).
    emit(
      tx,
      cx,
      "production_update",
      {},
      {
        action: archived ? "archived" : "unarchived",
        production: toView(after),
        changed: [],
      } satisfies ProductionUpdateData,
    );
    return after;
  });
  return toView(result);
}
