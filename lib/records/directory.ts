/**
 * Finding any record of the production by its {@linkcode RecordRef}: its
 * card (title, detail, page), the module whose policy row governs it and
 * the field that can make a user its owner. Links, comments, the inbox and
 * the ripple read records through here, so "who may see this record" has
 * one answer across modules ({@linkcode mayRead}).
 *
 * @module
 */
import {
  budgetCurrency,
  categories,
  expenses,
} from "@/lib/budget/budget_store.ts";
import { assets } from "@/lib/assets/store.ts";
import {
  type Actor,
  type Audience,
  can,
  recordAudience,
} from "@/lib/policy.ts";
import { elements } from "@/lib/elements/store.ts";
import {
  draftScenes,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "@/lib/script/store.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { shots, shotVersions } from "@/lib/vfx/store.ts";
import {
  assetRecord,
  categoryRecord,
  type CurrentScene,
  elementRecord,
  expenseRecord,
  type FoundRecord,
  sceneRecord,
  SCHEDULE_RECORD_ID,
  scheduleRecord,
  shotRecord,
  taskRecord,
  versionRecord,
} from "./cards.ts";
import { type RecordRef, refKey } from "./shared.ts";

export { sceneNumber } from "./cards.ts";
export type { CurrentScene, FoundRecord };

/** Whether `actor` may see the record (its module's read rule, owners too). */
export function mayRead(actor: Actor, found: FoundRecord): boolean {
  return can(actor, found.module, "read", found.owner);
}

/** Who may see the record: its module's readers and its owner. */
export function audienceOf(found: FoundRecord): Audience {
  return recordAudience(found.module, found.owner);
}

/**
 * Reads records by reference for one request. The scenes of every current
 * draft are read once, on the first scene asked for: a scene is found by
 * its key, which no index holds.
 */
export class RecordDirectory {
  #kv: Deno.Kv;
  #scenes?: Promise<Map<string, CurrentScene>>;
  #currency?: Promise<string>;

  /** A directory over the production's view of the store. */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  /** Scenes of every script's current draft, by key (removed ones too). */
  currentScenes(): Promise<Map<string, CurrentScene>> {
    return this.#scenes ??= this.#readScenes();
  }

  async #readScenes(): Promise<Map<string, CurrentScene>> {
    const byKey = new Map<string, CurrentScene>();
    for (const script of await scripts.list(this.#kv)) {
      const version = await scriptVersions.get(
        this.#kv,
        scriptVersionId(script.id, script.currentVersion),
      );
      if (version === null) continue;
      for (const scene of await draftScenes(this.#kv, version)) {
        byKey.set(scene.key, {
          scene,
          scriptId: script.id,
          scriptTitle: script.title,
        });
      }
    }
    return byKey;
  }

  /** The production's currency (read once), for amounts on cards. */
  currency(): Promise<string> {
    return this.#currency ??= budgetCurrency(this.#kv);
  }

  /** The record `ref` names, or null when there is none. */
  async find(ref: RecordRef): Promise<FoundRecord | null> {
    const kv = this.#kv;
    switch (ref.type) {
      case "task": {
        const task = await tasks.get(kv, ref.id);
        return task && taskRecord(task);
      }
      case "scene": {
        const current = (await this.currentScenes()).get(ref.id);
        return current ? sceneRecord(current) : null;
      }
      case "element": {
        const element = await elements.get(kv, ref.id);
        return element && elementRecord(element);
      }
      case "shot": {
        const shot = await shots.get(kv, ref.id);
        return shot && shotRecord(shot);
      }
      case "version": {
        const version = await shotVersions.get(kv, ref.id);
        const shot = version && await shots.get(kv, version.shotId);
        return version && shot && versionRecord(version, shot);
      }
      case "asset": {
        const asset = await assets.get(kv, ref.id);
        return asset && assetRecord(asset);
      }
      case "expense": {
        const expense = await expenses.get(kv, ref.id);
        return expense && expenseRecord(expense, await this.currency());
      }
      case "budget_category": {
        const category = await categories.get(kv, ref.id);
        return category && categoryRecord(category);
      }
      case "schedule":
        return ref.id === SCHEDULE_RECORD_ID ? scheduleRecord() : null;
    }
  }

  /** Many records at once, keyed by {@linkcode refKey}; missing ones left out. */
  async findMany(refs: Iterable<RecordRef>): Promise<Map<string, FoundRecord>> {
    const unique = new Map<string, RecordRef>();
    for (const ref of refs) unique.set(refKey(ref), ref);
    const found = new Map<string, FoundRecord>();
    await Promise.all(
      [...unique].map(async ([key, ref]) => {
        const record = await this.find(ref);
        if (record) found.set(key, record);
      }),
    );
    return found;
  }
}
