/**
 * The record picker's search: the records of one kind the viewer may see
 * whose title or detail holds the text, at most
 * {@linkcode MAX_SEARCH_RESULTS}, in the order their module lists them.
 * A link's "Add link" control asks this (`GET /api/p/:slug/records`).
 *
 * @module
 */
import { listAssets } from "@/lib/assets/store.ts";
import { categories, expenses } from "@/lib/budget/budget_store.ts";
import { compareCodes } from "@/lib/budget/money.ts";
import { listElements } from "@/lib/elements/store.ts";
import { ForbiddenError } from "@/lib/errors.ts";
import { canOpen } from "@/lib/policy.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { listTasks } from "@/lib/tasks/service.ts";
import { shots, shotVersions } from "@/lib/vfx/store.ts";
import {
  assetRecord,
  categoryRecord,
  elementRecord,
  expenseRecord,
  type FoundRecord,
  sceneRecord,
  scheduleRecord,
  shotRecord,
  taskRecord,
  versionRecord,
} from "./cards.ts";
import { mayRead, RecordDirectory } from "./directory.ts";
import {
  MAX_SEARCH_RESULTS,
  RECORD_MODULES,
  RECORD_TYPE_LABELS,
  type RecordSearch,
  type RecordType,
} from "./shared.ts";

const byText = (a: string, b: string) =>
  a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });

/** Every record of `type`, in the order a picker lists them. */
async function candidates(
  cx: ServiceContext,
  type: RecordType,
): Promise<FoundRecord[]> {
  const kv = cx.kv;
  switch (type) {
    case "task":
      return (await listTasks(cx)).map(taskRecord)
        .sort((a, b) => byText(a.card.title, b.card.title));
    case "scene": {
      // An omitted scene is history: nothing new is built on it.
      const current = [...(await new RecordDirectory(kv).currentScenes())
        .values()].filter((s) => s.scene.change !== "removed");
      current.sort((a, b) =>
        byText(a.scriptTitle, b.scriptTitle) ||
        a.scene.position - b.scene.position
      );
      return current.map(sceneRecord);
    }
    case "element":
      return (await listElements(kv))
        .sort((a, b) =>
          a.category.localeCompare(b.category) ||
          (a.castNumber ?? 0) - (b.castNumber ?? 0) || byText(a.name, b.name)
        ).map(elementRecord);
    case "shot":
      return (await shots.list(kv)).sort((a, b) => byText(a.code, b.code))
        .map(shotRecord);
    case "version": {
      const byId = new Map((await shots.list(kv)).map((s) => [s.id, s]));
      return (await shotVersions.list(kv)).flatMap((v) => {
        const shot = byId.get(v.shotId);
        return shot ? [versionRecord(v, shot)] : [];
      }).sort((a, b) => byText(a.card.title, b.card.title));
    }
    case "asset":
      return (await listAssets(kv)).map(assetRecord);
    case "expense": {
      const currency = await new RecordDirectory(kv).currency();
      return (await expenses.list(kv))
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((e) => expenseRecord(e, currency));
    }
    case "budget_category":
      return (await categories.list(kv))
        .sort((a, b) => compareCodes(a.code, b.code)).map(categoryRecord);
    case "schedule":
      return [scheduleRecord()];
  }
}

/**
 * The records of `type` the actor may see whose title or detail contains
 * `text` (case-insensitive; empty: every one), the ones whose title starts
 * with it first. A role that cannot open the module gets a
 * {@linkcode ForbiddenError}, as from the module's own API.
 */
export async function searchRecords(
  cx: ServiceContext,
  type: RecordType,
  text: string,
): Promise<RecordSearch> {
  if (!canOpen(cx.actor.role, RECORD_MODULES[type])) {
    throw new ForbiddenError(
      `Your role may not see ${RECORD_TYPE_LABELS[type].toLowerCase()}s`,
    );
  }
  const needle = text.trim().toLocaleLowerCase("en");
  const title = (r: FoundRecord) => r.card.title.toLocaleLowerCase("en");
  const matches = (await candidates(cx, type)).filter((r) =>
    mayRead(cx.actor, r) &&
    (title(r).includes(needle) ||
      r.card.detail.toLocaleLowerCase("en").includes(needle))
  );
  // The whole title or its last word first ("12" finds Scene 12 before
  // Scene 112), then titles starting with the text, then the rest; the
  // module's own order within each (a stable sort).
  const rank = (r: FoundRecord) => {
    const t = title(r);
    return t === needle || t.endsWith(` ${needle}`)
      ? 0
      : t.startsWith(needle)
      ? 1
      : 2;
  };
  const ranked = needle === ""
    ? matches
    : matches.map((r) => ({ r, rank: rank(r) }))
      .sort((a, b) => a.rank - b.rank).map(({ r }) => r);
  return {
    records: ranked.slice(0, MAX_SEARCH_RESULTS).map((r) => r.card),
    more: ranked.length > MAX_SEARCH_RESULTS,
  };
}
