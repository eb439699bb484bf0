/**
 * Breakdown elements in KV: the repository, its keys and the lookups every
 * element operation shares. No authorization here: service.ts decides who
 * may do what.
 *
 * ## Storage (each key inside the production's view, DESIGN §6)
 *
 * - `["elements", id]`: the element, with the unique index
 *   `["elements_by_tag", category, key]` (one element per tag).
 * - `["element_counters", "cast"]`: the last cast number given out; it only
 *   grows, so a number is never reused, not even after a merge.
 * - `["element_aliases", category, key]`: a former spelling (a renamed
 *   element's old name, a merged element's name) → the element it now leads
 *   to, so a tag still carrying it (an old draft, the next draft's parser
 *   output) finds its element.
 * - `["element_merges", id]`: a merged element's id → `{into}`, so an old
 *   address of a merged element can lead to the one it became.
 *
 * @module
 */
import { NotFoundError } from "@/lib/errors.ts";
import { Repository } from "@/lib/store/repository.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import { type Element, ElementSchema } from "./schemas.ts";
import { type ElementCategory, isElementCategory, tagKey } from "./shared.ts";

/** Elements: one per category and tag key. */
export const elements = new Repository<Element>({
  name: "elements",
  schema: ElementSchema,
  indexes: [{
    name: "tag",
    key: (e) => [e.category, e.key],
    unique: true,
  }],
});

/** The fields an element's history reports. */
export const ELEMENT_FIELDS = ["category", "name", "castNumber"] as const;

/** Where the last cast number given out is kept. */
export const CAST_COUNTER_KEY: Deno.KvKey = ["element_counters", "cast"];

/** The unique index entry of a tag (the repository's `tag` index). */
export function tagIndexKey(
  category: ElementCategory,
  key: string,
): Deno.KvKey {
  return ["elements_by_tag", category, key];
}

/** The alias entry of a former spelling. */
export function aliasKey(category: ElementCategory, key: string): Deno.KvKey {
  return ["element_aliases", category, key];
}

/** The marker a merged element leaves. */
export function mergeKey(id: string): Deno.KvKey {
  return ["element_merges", id];
}

/** What a merged element's marker holds. */
export interface MergeMarker {
  into: string;
}

/** Either the store itself or a transaction over it. */
type Reader = Deno.Kv | Transaction;

/**
 * The element a tag refers to: the one of that category and key, else the
 * one an alias leads to; null when there is none (or for `notes`).
 */
export async function findByTag(
  reader: Reader,
  category: string,
  tag: string,
): Promise<Element | null> {
  if (!isElementCategory(category)) return null;
  const key = tagKey(tag);
  if (key === "") return null;
  const [index, alias] = await Promise.all([
    reader.get<string>(tagIndexKey(category, key)),
    reader.get<string>(aliasKey(category, key)),
  ]);
  const id = index.value ?? alias.value;
  return id === null ? null : await elements.get(reader, id);
}

/** Every element of the production, in id order. */
export function listElements(kv: Deno.Kv): Promise<Element[]> {
  return elements.list(kv);
}

/**
 * Every former spelling (key) of a category with the element it leads to,
 * as `[key, elementId]` pairs.
 */
export async function listAliases(
  kv: Deno.Kv,
  category: ElementCategory,
): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const prefix = aliasKey(category, "").slice(0, 2);
  for await (const entry of kv.list<string>({ prefix })) {
    out.push([String(entry.key[2]), entry.value]);
  }
  return out;
}

/**
 * The former spellings (keys) that lead to `element`: the alias entries of
 * its category that name it.
 */
export async function aliasesOf(
  kv: Deno.Kv,
  element: Pick<Element, "id" | "category">,
): Promise<string[]> {
  return (await listAliases(kv, element.category))
    .filter(([, id]) => id === element.id)
    .map(([key]) => key);
}

/** Thrown for the id of an element that was merged into another. */
export class ElementMergedError extends NotFoundError {
  /** Creates the error; `into` is the element it was merged into. */
  constructor(readonly id: string, readonly into: string) {
    super("element", `Element ${id} was merged into another element`);
    this.name = "ElementMergedError";
  }
}

/** Merges followed before giving up (a chain A → B → C …). */
const MAX_MERGE_HOPS = 20;

/**
 * The element with `id`; {@linkcode ElementMergedError} naming the element
 * it lives on in when it was merged (following later merges of that one),
 * else {@linkcode NotFoundError}.
 */
export async function requireElement(
  reader: Reader,
  id: string,
): Promise<Element> {
  const element = await elements.get(reader, id);
  if (element !== null) return element;
  let at = id;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const { value: marker } = await reader.get<MergeMarker>(mergeKey(at));
    if (marker === null) break;
    at = marker.into;
    if (await elements.get(reader, at) !== null) {
      throw new ElementMergedError(id, at);
    }
  }
  throw new NotFoundError("element", `No element with id ${id}`);
}
