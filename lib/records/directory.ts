/**
 * Finding any record of the production by its {@linkcode RecordRef}: its
 * card (title, detail, page), the module whose policy row governs it and
 * the field that can make a user its owner. Links, comments, the inbox and
 * the ripple read records through here, so "who may see this record" has
 * one answer across modules ({@linkcode mayRead}).
 *
 * @module
 */
import { formatMoney } from "@/lib/budget/money.ts";
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
  type Module,
  type OwnedRecord,
  recordAudience,
} from "@/lib/policy.ts";
import { CATEGORY_LABELS, formatEighths } from "@/lib/script/breakdown.ts";
import { elements } from "@/lib/elements/store.ts";
import type { Scene } from "@/lib/script/schemas.ts";
import {
  draftScenes,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "@/lib/script/store.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { shots, shotVersions } from "@/lib/vfx/store.ts";
import {
  RECORD_MODULES,
  type RecordCard,
  type RecordRef,
  refKey,
} from "./shared.ts";

/** A record found: its card, and what decides who may see it. */
export interface FoundRecord {
  card: RecordCard;
  module: Module;
  owner: OwnedRecord;
  /** An element's breakdown category (a shot links only to VFX elements). */
  category?: string;
}

/** A scene of a script's current draft, by its stable key. */
export interface CurrentScene {
  scene: Scene;
  scriptId: string;
  scriptTitle: string;
}

/** Whether `actor` may see the record (its module's read rule, owners too). */
export function mayRead(actor: Actor, found: FoundRecord): boolean {
  return can(actor, found.module, "read", found.owner);
}

/** Who may see the record: its module's readers and its owner. */
export function audienceOf(found: FoundRecord): Audience {
  return recordAudience(found.module, found.owner);
}

/** The scene number as the script pages show it ("12", or its position). */
export function sceneNumber(scene: Scene): string {
  return scene.number ?? String(scene.index + 1);
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

  /** The record `ref` names, or null when there is none. */
  async find(ref: RecordRef): Promise<FoundRecord | null> {
    const module = RECORD_MODULES[ref.type];
    const card = (title: string, detail: string, href: string) => ({
      ref: { type: ref.type, id: ref.id },
      title,
      detail,
      href,
    });
    const kv = this.#kv;
    switch (ref.type) {
      case "task": {
        const task = await tasks.get(kv, ref.id);
        return task && {
          card: card(task.title, task.department, `/tasks/${task.id}`),
          module,
          owner: { assigneeId: task.assigneeId },
        };
      }
      case "scene": {
        const found = (await this.currentScenes()).get(ref.id);
        if (!found) return null;
        const { scene } = found;
        const omitted = scene.change === "removed" ? " · omitted" : "";
        return {
          card: card(
            `Scene ${sceneNumber(scene)}`,
            `${scene.heading} · ${formatEighths(scene.eighths)} pg${omitted}`,
            `/script/${found.scriptId}/scenes/${scene.id}`,
          ),
          module,
          owner: {},
        };
      }
      case "element": {
        const element = await elements.get(kv, ref.id);
        return element && {
          card: card(
            element.castNumber === null
              ? element.name
              : `${element.castNumber}. ${element.name}`,
            CATEGORY_LABELS[element.category],
            `/elements/${element.id}`,
          ),
          module,
          owner: {},
          category: element.category,
        };
      }
      case "shot": {
        const shot = await shots.get(kv, ref.id);
        return shot && {
          card: card(shot.code, shot.description, `/vfx/${shot.id}`),
          module,
          owner: {},
        };
      }
      case "version": {
        const version = await shotVersions.get(kv, ref.id);
        const shot = version && await shots.get(kv, version.shotId);
        return version && shot && {
          card: card(
            `${shot.code} v${version.number}`,
            version.notes,
            `/vfx/${shot.id}#v${version.number}`,
          ),
          module,
          owner: {},
        };
      }
      case "asset": {
        const asset = await assets.get(kv, ref.id);
        return asset && {
          card: card(
            asset.name,
            asset.uploaderName,
            `/assets#asset-${asset.id}`,
          ),
          module,
          owner: { uploaderId: asset.uploaderId },
        };
      }
      case "expense": {
        const expense = await expenses.get(kv, ref.id);
        if (!expense) return null;
        const currency = await (this.#currency ??= budgetCurrency(kv));
        return {
          card: card(
            expense.description || expense.vendor || "Expense",
            `${formatMoney(expense.amountCents, currency)} · ${expense.date}`,
            `/budget#cat-${expense.categoryId}`,
          ),
          module,
          owner: {},
        };
      }
      case "budget_category": {
        const category = await categories.get(kv, ref.id);
        return category && {
          card: card(
            `${category.code} ${category.name}`,
            category.section,
            `/budget#cat-${category.id}`,
          ),
          module,
          owner: {},
        };
      }
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
