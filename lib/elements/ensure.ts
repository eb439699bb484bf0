/**
 * Elements are created on first use: whenever tags enter a scene (a scene
 * patch, an import, the demo seed) the elements they refer to are made if
 * missing ({@linkcode ensureElements}), and an import's tags take the
 * spelling of the elements they already refer to ({@linkcode canonicalTags}),
 * so a renamed or merged element stays one element in the next draft.
 *
 * The script module calls these after its own commits; they import nothing
 * of lib/script but its vocabulary, so the two modules do not import each
 * other in a cycle.
 *
 * @module
 */
import {
  type Breakdown,
  normaliseTag,
  uniqueTags,
} from "@/lib/script/breakdown.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact } from "@/lib/store/transaction.ts";
import { type Element, ElementSchema } from "./schemas.ts";
import {
  ELEMENT_CATEGORIES,
  type ElementCategory,
  type ElementTag,
  isElementCategory,
  tagKey,
} from "./shared.ts";
import {
  aliasKey,
  CAST_COUNTER_KEY,
  ELEMENT_FIELDS,
  elements,
  tagIndexKey,
} from "./store.ts";

/**
 * New elements per commit: each one's index entry is a checked read (the
 * unique index), and the cast counter one more: 9 + 1 = KV's 10 checks.
 */
export const ELEMENTS_PER_COMMIT = 9;

/** A wanted tag: its category, spelling and key. */
interface Wanted {
  category: ElementCategory;
  name: string;
  key: string;
}

function idOf(t: { category: string; key: string }): string {
  return `${t.category}\u0000${t.key}`;
}

/** `tags` of element categories, normalised, without duplicates, in order. */
function distinct(tags: Iterable<ElementTag>): Wanted[] {
  const seen = new Set<string>();
  const out: Wanted[] = [];
  for (const { category, name: raw } of tags) {
    if (!isElementCategory(category)) continue;
    const name = normaliseTag(raw);
    const key = name.toLowerCase();
    if (key === "" || seen.has(idOf({ category, key }))) continue;
    seen.add(idOf({ category, key }));
    out.push({ category, name, key });
  }
  return out;
}

/**
 * The element each tag refers to (by its index entry, else an alias), or
 * null: a few batched reads, no checks.
 */
async function lookUp(
  kv: Deno.Kv,
  wanted: Wanted[],
): Promise<(Element | null)[]> {
  const ids: (string | null)[] = [];
  for (let i = 0; i < wanted.length; i += 5) {
    const chunk = wanted.slice(i, i + 5);
    const entries = await kv.getMany<string[]>(
      chunk.flatMap((t) => [
        tagIndexKey(t.category, t.key),
        aliasKey(t.category, t.key),
      ]),
    );
    for (let k = 0; k < chunk.length; k++) {
      ids.push(entries[2 * k].value ?? entries[2 * k + 1].value ?? null);
    }
  }
  const found = new Map<string, Element>();
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  for (let i = 0; i < unique.length; i += 10) {
    const entries = await kv.getMany<unknown[]>(
      unique.slice(i, i + 10).map((id) => elements.key(id)),
    );
    for (const entry of entries) {
      if (entry.value === null) continue;
      const element = ElementSchema.parse(entry.value);
      found.set(element.id, element);
    }
  }
  return ids.map((id) => (id === null ? null : found.get(id) ?? null));
}

/**
 * The elements `tags` refer to, creating the missing ones as `cx.actor`:
 * idempotent (a tag with an element, or an alias, creates nothing), in
 * commits of at most {@linkcode ELEMENTS_PER_COMMIT}, without events (the
 * scene change that brought the tags logged its own). Cast elements get
 * the next cast numbers, in the order of `tags`. `notes` tags and empty
 * tags are skipped. Returns one element per distinct tag, in order.
 */
export async function ensureElements(
  cx: ServiceContext,
  tags: Iterable<ElementTag>,
): Promise<Element[]> {
  const wanted = distinct(tags);
  const found = await lookUp(cx.kv, wanted);
  const byTag = new Map<string, Element>();
  const missing: Wanted[] = [];
  wanted.forEach((t, i) => {
    const element = found[i];
    if (element === null) missing.push(t);
    else byTag.set(idOf(t), element);
  });
  for (let i = 0; i < missing.length; i += ELEMENTS_PER_COMMIT) {
    const chunk = missing.slice(i, i + ELEMENTS_PER_COMMIT);
    const { result } = await transact(cx.kv, async (tx) => {
      const made: [Wanted, Element][] = [];
      const counter = chunk.some((t) => t.category === "cast")
        ? await tx.get<number>(CAST_COUNTER_KEY)
        : null;
      let last = counter?.value ?? 0;
      const now = cx.now();
      for (const t of chunk) {
        // Checked: two writers creating one element meet here, and the
        // second finds the first's on its retry.
        const taken = await tx.get<string>(tagIndexKey(t.category, t.key));
        if (taken.value !== null) {
          const existing = await elements.get(tx.kv, taken.value);
          if (existing !== null) made.push([t, existing]);
          continue;
        }
        const element = await elements.insert(tx, {
          category: t.category,
          name: t.name,
          key: t.key,
          castNumber: t.category === "cast" ? ++last : null,
          createdBy: cx.actor.id,
          createdByName: cx.actor.name,
        }, { now });
        tx.recordChange({
          collection: elements.name,
          record: element,
          actor: cx.actor,
          action: "created",
          changes: diffFields(null, element, ELEMENT_FIELDS),
        });
        made.push([t, element]);
      }
      if (counter !== null && last !== (counter.value ?? 0)) {
        tx.set(CAST_COUNTER_KEY, last);
      }
      return made;
    });
    for (const [t, element] of result) byTag.set(idOf(t), element);
  }
  return wanted.map((t) => byTag.get(idOf(t))).filter((e): e is Element =>
    e !== undefined
  );
}

/**
 * The element tags of scenes' breakdowns, scene by scene in the given
 * order, categories in breakdown-sheet order (so cast numbers follow the
 * script: the first character to speak is #1).
 */
export function tagsOf(
  breakdowns: Iterable<Pick<Breakdown, ElementCategory>>,
): ElementTag[] {
  const out: ElementTag[] = [];
  for (const breakdown of breakdowns) {
    for (const category of ELEMENT_CATEGORIES) {
      for (const name of breakdown[category]) out.push({ category, name });
    }
  }
  return out;
}

/**
 * Rewrites, in place, every tag of `breakdowns` that refers to an element
 * (by key or alias) to the element's name, without duplicates: a new
 * draft's "MAGGIE" becomes "MARGIT" once MAGGIE was merged into MARGIT.
 * Tags with no element stay as they are.
 */
export async function canonicalTags(
  kv: Deno.Kv,
  breakdowns: Breakdown[],
): Promise<void> {
  const wanted = distinct(tagsOf(breakdowns));
  const found = await lookUp(kv, wanted);
  const names = new Map<string, string>();
  wanted.forEach((t, i) => {
    const element = found[i];
    if (element !== null && element.name !== t.name) {
      names.set(idOf(t), element.name);
    }
  });
  if (names.size === 0) return;
  for (const breakdown of breakdowns) {
    for (const category of ELEMENT_CATEGORIES) {
      const tags = breakdown[category];
      const renamed = tags.map((tag) =>
        names.get(idOf({ category, key: tagKey(tag) })) ?? tag
      );
      if (renamed.some((tag, i) => tag !== tags[i])) {
        breakdown[category] = uniqueTags(renamed);
      }
    }
  }
}
