/**
 * A record of each kind as the rest of the app sees it: its card (title,
 * detail, page), the module whose policy row governs it and the field that
 * can make a user its owner. Pure functions of records already read, so
 * the directory (one record by ref) and the search (many records of one
 * kind) describe a record the same way.
 *
 * @module
 */
import type { Asset } from "@/lib/assets/shared.ts";
import { formatMoney } from "@/lib/budget/money.ts";
import {
  type Category,
  type Expense,
  SECTION_LABELS,
} from "@/lib/budget/shared.ts";
import type { Element } from "@/lib/elements/shared.ts";
import type { Module, OwnedRecord } from "@/lib/policy.ts";
import { CATEGORY_LABELS, formatEighths } from "@/lib/script/breakdown.ts";
import type { Scene } from "@/lib/script/shared.ts";
import type { Task } from "@/lib/tasks/shared.ts";
import type { Shot, ShotVersion } from "@/lib/vfx/shared.ts";
import {
  RECORD_MODULES,
  type RecordCard,
  recordPage,
  type RecordType,
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

/** The scene number as the script pages show it ("12", or its position). */
export function sceneNumber(scene: Scene): string {
  return scene.number ?? String(scene.index + 1);
}

function found(
  type: RecordType,
  id: string,
  title: string,
  detail: string,
  href: string,
  owner: OwnedRecord = {},
): FoundRecord {
  return {
    card: { ref: { type, id }, title, detail, href },
    module: RECORD_MODULES[type],
    owner,
  };
}

/** The id of the stripboard as a record: one per production. */
export const SCHEDULE_RECORD_ID = "board";

/** The stripboard as a record: what its comments hang on. */
export function scheduleRecord(): FoundRecord {
  return found(
    "schedule",
    SCHEDULE_RECORD_ID,
    "Stripboard",
    "The shooting schedule being worked on",
    "/schedule",
  );
}

/** A task: its title and department; its assignee owns it. */
export function taskRecord(task: Task): FoundRecord {
  return found(
    "task",
    task.id,
    task.title,
    task.department,
    `/tasks/${task.id}`,
    { assigneeId: task.assigneeId },
  );
}

/** A scene of a current draft, named by its key: number, heading, length. */
export function sceneRecord({ scene, scriptId }: CurrentScene): FoundRecord {
  const omitted = scene.change === "removed" ? " · omitted" : "";
  return found(
    "scene",
    scene.key,
    `Scene ${sceneNumber(scene)}`,
    `${scene.heading} · ${formatEighths(scene.eighths)} pg${omitted}`,
    `/script/${scriptId}/scenes/${scene.id}`,
  );
}

/** An element: its name (with its cast number) and category. */
export function elementRecord(element: Element): FoundRecord {
  return {
    ...found(
      "element",
      element.id,
      element.castNumber === null
        ? element.name
        : `${element.castNumber}. ${element.name}`,
      CATEGORY_LABELS[element.category],
      `/elements/${element.id}`,
    ),
    category: element.category,
  };
}

/** A shot: its code and description. */
export function shotRecord(shot: Shot): FoundRecord {
  return found("shot", shot.id, shot.code, shot.description, `/vfx/${shot.id}`);
}

/** A version of `shot`: "NL_010_0040 v3" and its notes. */
export function versionRecord(version: ShotVersion, shot: Shot): FoundRecord {
  return found(
    "version",
    version.id,
    `${shot.code} v${version.number}`,
    version.notes,
    recordPage("version", version.id),
  );
}

/** A file: its name and uploader, who owns it. */
export function assetRecord(asset: Asset): FoundRecord {
  return found(
    "asset",
    asset.id,
    asset.name,
    asset.uploaderName,
    recordPage("asset", asset.id),
    { uploaderId: asset.uploaderId },
  );
}

/** An expense: what it was (else its vendor), amount and date. */
export function expenseRecord(expense: Expense, currency: string): FoundRecord {
  return found(
    "expense",
    expense.id,
    expense.description || expense.vendor || "Expense",
    `${formatMoney(expense.amountCents, currency)} · ${expense.date}`,
    recordPage("expense", expense.id),
  );
}

/** A budget line: its account code and name, and its section. */
export function categoryRecord(category: Category): FoundRecord {
  return found(
    "budget_category",
    category.id,
    `${category.code} ${category.name}`,
    SECTION_LABELS[category.section],
    recordPage("budget_category", category.id),
  );
}
