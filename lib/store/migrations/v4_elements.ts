/**
 * Store version 4: breakdown elements (lib/elements). Up to version 3 a
 * scene's breakdown tags were free text; from 4 every tag refers to the
 * element of its category and key, created on first use. This step gives
 * the tags already there their elements: for every production, every
 * distinct tag of every category but notes in every script's current
 * draft (removed scenes left out) becomes an element, cast numbered 1, 2,
 * 3 … in script order (scripts by creation, scenes in order). No tag is
 * changed or lost: the scenes are not written at all. Tags of earlier
 * drafts only (history) get no element.
 *
 * The layout is written here as it is at version 4 (the element record,
 * its unique `elements_by_tag` index, the cast counter and the record's
 * creation in its history), from raw reads of the scripts, so a later
 * change of those modules does not change what this step did.
 *
 * Re-runnable: a tag whose element (or alias) exists is skipped, and each
 * commit checks the index entries it creates are still free and the cast
 * counter is as read.
 *
 * @module
 */
import { normaliseTag } from "@/lib/script/breakdown.ts";
import { diffFields, toHistoryEntry } from "@/lib/store/history.ts";
import type { MigrationLease, MigrationStep } from "@/lib/store/migrations.ts";

/** The categories with elements at version 4, in breakdown-sheet order. */
const CATEGORIES = [
  "cast",
  "extras",
  "stunts",
  "props",
  "wardrobe",
  "makeup_hair",
  "vehicles",
  "animals",
  "sfx",
  "vfx",
  "sound_music",
  "set_dressing",
  "special_equipment",
  "locations",
] as const;

/**
 * Elements per commit: each checks its index entry is free, the counter
 * one more, the lease one more: 8 + 1 + 1 = KV's 10 checks.
 */
const PER_COMMIT = 8;

/**
 * A production's key: the collection, the production, the rest (the
 * layout of production_kv.ts, written out: raw keys on the whole store,
 * as every step's commits go through the lease on it).
 */
function keyOf(
  productionId: string,
  collection: string,
  ...rest: Deno.KvKeyPart[]
): Deno.KvKey {
  return [collection, productionId, ...rest];
}

/** A tag to give an element, with whoever imported the draft it is in. */
interface Found {
  category: string;
  name: string;
  key: string;
  by: { id: string; name: string };
}

// Raw records: read what this step needs, defensively.
type Raw = Record<string, unknown>;

/** The tags of a production's current drafts, in order, each once. */
async function tagsOf(kv: Deno.Kv, productionId: string): Promise<Found[]> {
  const key = (collection: string, ...rest: Deno.KvKeyPart[]) =>
    keyOf(productionId, collection, ...rest);
  const scripts =
    (await Array.fromAsync(kv.list<Raw>({ prefix: key("scripts") })))
      .map((e) => e.value)
      .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
  const found = new Map<string, Found>();
  for (const script of scripts) {
    const draft = (await kv.get<Raw>(
      key("script_versions", `${script.id}_v${script.currentVersion}`),
    )).value;
    if (draft === null) continue;
    const by = {
      id: String(draft.uploadedBy ?? script.createdBy ?? "system"),
      name: String(draft.uploadedByName ?? script.createdByName ?? ""),
    };
    const ids = (await Array.fromAsync(
      kv.list<string>({
        prefix: key(
          "script_scenes_by_draft",
          String(script.id),
          String(draft.importId),
        ),
      }),
    )).map((e) => e.value);
    for (let i = 0; i < ids.length; i += 10) {
      const scenes = await kv.getMany<Raw[]>(
        ids.slice(i, i + 10).map((id) => key("script_scenes", id)),
      );
      for (const { value: scene } of scenes) {
        if (scene === null || scene.change === "removed") continue;
        const breakdown = (scene.breakdown ?? {}) as Record<string, unknown>;
        for (const category of CATEGORIES) {
          const tags = breakdown[category];
          if (!Array.isArray(tags)) continue;
          for (const tag of tags) {
            const name = normaliseTag(String(tag));
            const tagKey = name.toLowerCase();
            const slot = `${category}\u0000${tagKey}`;
            if (tagKey !== "" && !found.has(slot)) {
              found.set(slot, { category, name, key: tagKey, by });
            }
          }
        }
      }
    }
  }
  return [...found.values()];
}

/** Gives one production's tags their elements. */
async function migrateProduction(
  kv: Deno.Kv,
  lease: MigrationLease,
  productionId: string,
) {
  const key = (collection: string, ...rest: Deno.KvKeyPart[]) =>
    keyOf(productionId, collection, ...rest);
  const counterKey = key("element_counters", "cast");
  const missing: Found[] = [];
  for (const tag of await tagsOf(kv, productionId)) {
    const [index, alias] = await kv.getMany<string[]>([
      key("elements_by_tag", tag.category, tag.key),
      key("element_aliases", tag.category, tag.key),
    ]);
    if (index.value === null && alias.value === null) missing.push(tag);
  }
  for (let i = 0; i < missing.length; i += PER_COMMIT) {
    const chunk = missing.slice(i, i + PER_COMMIT);
    const counter = await kv.get<number>(counterKey);
    let last = counter.value ?? 0;
    const op = kv.atomic().check(counter);
    const now = new Date().toISOString();
    for (const tag of chunk) {
      const indexKey = key("elements_by_tag", tag.category, tag.key);
      const element = {
        id: crypto.randomUUID(),
        version: 1,
        createdAt: now,
        updatedAt: now,
        category: tag.category,
        name: tag.name,
        key: tag.key,
        castNumber: tag.category === "cast" ? ++last : null,
        createdBy: tag.by.id,
        createdByName: tag.by.name,
      };
      const entry = toHistoryEntry({
        collection: "elements",
        record: element,
        actor: tag.by,
        action: "created",
        changes: diffFields(null, element, ["category", "name", "castNumber"]),
      });
      op.check({ key: indexKey, versionstamp: null })
        .set(key("elements", element.id), element)
        .set(indexKey, element.id)
        .set(key("history", "elements", element.id, 1), entry);
    }
    if (last !== (counter.value ?? 0)) op.set(counterKey, last);
    const result = await lease.commit(op);
    if (!result.ok) {
      throw new Error(
        `Production ${productionId}: elements changed while they were made; start again`,
      );
    }
  }
}

/** The step that gives every existing breakdown tag its element. */
export function elementsFromTags(): MigrationStep {
  return {
    version: 4,
    name: "elements_from_tags",
    async run(kv, lease) {
      const ids: string[] = [];
      for await (const entry of kv.list({ prefix: ["productions"] })) {
        if (typeof entry.key[1] === "string") ids.push(entry.key[1]);
      }
      for (const id of ids) await migrateProduction(kv, lease, id);
    },
  };
}
