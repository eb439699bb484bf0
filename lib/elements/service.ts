/**
 * The elements' operations (issue #13), as functions of a
 * {@linkcode ServiceContext}: routes parse input, call one of these and map
 * the result.
 *
 * Elements are part of the script module for authorization (lib/policy.ts):
 * whoever reads the script reads its elements (every role but the
 * distribution manager, who gets a 403 for everything, even unknown ids);
 * whoever edits the breakdown (director, producer, production manager)
 * renames and merges them. Elements are created on first use, by the
 * script module ({@linkcode ensureElements}).
 *
 * @module
 */
import { repointLinks } from "@/lib/links/service.ts";
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { CATEGORY_LABELS } from "@/lib/script/breakdown.ts";
import { assertCan, emit, type ServiceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import { ensureElements } from "./ensure.ts";
import { rewriteTags } from "./rewrite.ts";
import type {
  Element,
  ElementMergeInput,
  ElementQuery,
  ElementRename,
} from "./schemas.ts";
import {
  compareElements,
  type ElementDetail,
  type ElementMerge,
  type ElementSummary,
  tagKey,
} from "./shared.ts";
import {
  aliasesOf,
  aliasKey,
  ELEMENT_FIELDS,
  elements,
  listElements,
  mergeKey,
  type MergeMarker,
  requireElement,
  tagIndexKey,
} from "./store.ts";
import { currentDrafts, scenesByElement, tagResolver } from "./usage.ts";

export { ensureElements };

function assertReader(cx: ServiceContext): void {
  assertCan(
    cx,
    "script",
    "read",
    undefined,
    "The script and its breakdown are not shared with your role",
  );
}

function assertWriter(cx: ServiceContext, what: string): void {
  assertReader(cx);
  assertCan(
    cx,
    "script",
    "write",
    undefined,
    `Only the director, the producer and the production manager ${what}`,
  );
}

/**
 * Every element (of `query.category`, when given) with how many scenes of
 * the current drafts carry it and their eighths (omitted scenes left out),
 * by category, then cast number, then name.
 */
export async function listElementSummaries(
  cx: ServiceContext,
  query: ElementQuery = {},
): Promise<ElementSummary[]> {
  assertReader(cx);
  const all = await listElements(cx.kv);
  const usage = scenesByElement(
    await currentDrafts(cx.kv),
    await tagResolver(cx.kv, all),
  );
  return all
    .filter((e) =>
      query.category === undefined || e.category === query.category
    )
    .sort(compareElements)
    .map((element) => {
      const live = (usage.get(element.id) ?? [])
        .filter((s) => s.status !== "omitted");
      return {
        ...element,
        scenes: live.length,
        eighths: live.reduce((sum, s) => sum + s.eighths, 0),
      };
    });
}

/**
 * An element with its other spellings and every scene of the current
 * drafts it appears in. 403 for non-readers; 404 for an unknown id, with
 * the element it became for a merged one (`ElementMergedError`).
 */
export async function getElement(
  cx: ServiceContext,
  id: string,
): Promise<ElementDetail> {
  assertReader(cx);
  const element = await requireElement(cx.kv, id);
  const [aliases, drafts, resolver] = await Promise.all([
    aliasesOf(cx.kv, element),
    currentDrafts(cx.kv),
    tagResolver(cx.kv),
  ]);
  return {
    element,
    aliases,
    scenes: scenesByElement(drafts, resolver).get(element.id) ?? [],
  };
}

/** The tag keys that refer to `element`: its own and its aliases'. */
async function keysOf(kv: Deno.Kv, element: Element): Promise<Set<string>> {
  return new Set([element.key, ...await aliasesOf(kv, element)]);
}

/**
 * Renames an element and rewrites its tags in the current draft of every
 * script (rewrite.ts): the element's commit first, with its history entry
 * and one `element_renamed` event, then the scenes, each with its own
 * `scene_updated`. The old spelling stays an alias, so a tag still
 * carrying it (the next draft's parser output) finds the element. A name
 * another element of the category has is a 409 `element_exists` (merge
 * instead); a stale `ifVersion` a 409 with the current element. The same
 * name again writes nothing to the element but finishes an interrupted
 * rewrite.
 */
export async function renameElement(
  cx: ServiceContext,
  id: string,
  input: ElementRename,
  ifVersion?: number,
): Promise<Element> {
  assertWriter(cx, "rename elements");
  const name = input.name;
  const key = tagKey(name);
  const { result: element } = await transact(cx.kv, async (tx) => {
    const before = await requireElement(tx, id);
    if (ifVersion !== undefined && ifVersion !== before.version) {
      throw new VersionConflictError(before, ifVersion);
    }
    if (before.name === name) return before;
    const category = before.category;
    if (key !== before.key) {
      const taken = await tx.get<string>(tagIndexKey(category, key));
      if (taken.value !== null && taken.value !== id) {
        const other = await elements.get(tx.kv, taken.value);
        throw new ConflictError(
          `${CATEGORY_LABELS[category]} already has an element “${
            other?.name ?? name
          }”: merge “${before.name}” into it instead`,
          "element_exists",
          { existing: other },
        );
      }
    }
    const { after } = await elements.update(tx, id, () => ({ name, key }), {
      now: cx.now(),
    });
    if (key !== before.key) {
      tx.set(aliasKey(category, before.key), id);
      // The new name is the element's own now, not another's former one.
      tx.delete(aliasKey(category, key));
    }
    tx.recordChange({
      collection: elements.name,
      record: after,
      actor: cx.actor,
      action: "renamed",
      changes: diffFields(before, after, ELEMENT_FIELDS),
    });
    emit(tx, cx, "script_update", {}, {
      action: "element_renamed",
      element: after,
      previousName: before.name,
    });
    return after;
  });
  await rewriteTags(cx, element, await keysOf(cx.kv, element));
  return element;
}

/**
 * Merges element `id` into `input.into` (same category, else a 400): the
 * merged element is deleted, its name and aliases become the target's
 * aliases, and a marker leads its old id to the target; the target's
 * history records the merge and one `element_merged` event is logged, in
 * one commit. Then the tags are rewritten in the current drafts (the
 * merged name becomes the target's, de-duplicated), each scene with its
 * own `scene_updated`. The merged cast number is retired, never reused.
 * Returns both elements: what links and other records pointing at the
 * merged one must re-point from and to.
 */
export async function mergeElement(
  cx: ServiceContext,
  id: string,
  input: ElementMergeInput,
): Promise<ElementMerge> {
  assertWriter(cx, "merge elements");
  if (input.into === id) {
    throw new ValidationError([{
      path: ["into"],
      message: "Pick another element to merge into",
    }]);
  }
  // Read before the commit: the aliases to move (a few keys, rarely any).
  const moving = await aliasesOf(cx.kv, await requireElement(cx.kv, id));
  const { result } = await transact(cx.kv, async (tx) => {
    const from = await requireElement(tx, id);
    const target = await requireElement(tx, input.into);
    if (target.category !== from.category) {
      throw new ValidationError([{
        path: ["into"],
        message: `“${from.name}” is ${
          CATEGORY_LABELS[from.category]
        }; merge it into an element of the same category`,
      }]);
    }
    const now = cx.now();
    await elements.remove(tx, id);
    tx.set(mergeKey(id), { into: target.id } satisfies MergeMarker);
    for (const key of [from.key, ...moving]) {
      tx.set(aliasKey(from.category, key), target.id);
    }
    // A version for the merge's history entry; the fields stay as they are.
    const { after: into } = await elements.update(tx, target.id, () => ({}), {
      now,
    });
    tx.recordChange({
      collection: elements.name,
      record: into,
      actor: cx.actor,
      action: "merged",
      changes: [{ field: "merged", from: from.name, to: into.name }],
    });
    emit(tx, cx, "script_update", {}, {
      action: "element_merged",
      element: into,
      merged: from,
    });
    return { from, into };
  });
  await rewriteTags(cx, result.into, await keysOf(cx.kv, result.into));
  // Whatever linked the merged element now links its target.
  await repointLinks(
    cx,
    { type: "element", id: result.from.id },
    { type: "element", id: result.into.id },
  );
  return result;
}
