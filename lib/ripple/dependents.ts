/**
 * Who depends on a scene: every record linked to it (a task about it, a
 * budget line for it, a file attached to it), every shot whose scene it
 * is, the schedule when the scene stands on a shooting day, and who owns
 * each — the people a ripple flag goes to.
 *
 * @module
 */
import { findByTag } from "@/lib/elements/store.ts";
import { linksFrom, linksTo } from "@/lib/links/service.ts";
import type { ImpactedScene } from "./impact.ts";
import { MANAGEMENT, type Role } from "@/lib/roles.ts";
import type { RecordRef } from "@/lib/records/shared.ts";
import { refKey } from "@/lib/records/shared.ts";
import { SCHEDULE_RECORD_ID } from "@/lib/records/cards.ts";
import { sceneDays } from "@/lib/schedule/days.ts";
import { readWorkingBoard } from "@/lib/schedule/store.ts";
import { assets } from "@/lib/assets/store.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { listMembers } from "@/lib/team/members.ts";
import { withSceneKeys } from "@/lib/vfx/scene_links.ts";
import { shots, shotVersions } from "@/lib/vfx/store.ts";

/**
 * The records that depend on each impacted scene, de-duplicated: what
 * links to it or is linked from it, its shots, the elements the change
 * concerns (an omitted scene's tags, a changed scene's cast), and the
 * schedule when the working board has the scene on a shooting day (the
 * boneyard is no commitment).
 */
export async function dependentsOf(
  kv: Deno.Kv,
  impacted: readonly ImpactedScene[],
): Promise<Map<string, RecordRef[]>> {
  const keys = impacted.map((s) => s.key);
  const wanted = new Set(keys);
  const out = new Map<string, RecordRef[]>(keys.map((k) => [k, []]));
  const add = (key: string, ref: RecordRef) => {
    const list = out.get(key)!;
    if (!list.some((r) => refKey(r) === refKey(ref))) list.push(ref);
  };
  await Promise.all(keys.map(async (key) => {
    const scene: RecordRef = { type: "scene", id: key };
    const [into, outOf] = await Promise.all([
      linksTo(kv, scene),
      linksFrom(kv, scene),
    ]);
    for (const link of into) add(key, link.from);
    for (const link of outOf) add(key, link.to);
  }));
  for (const scene of impacted) {
    for (const tag of scene.tags) {
      const element = await findByTag(kv, tag.category, tag.name);
      if (element) add(scene.key, { type: "element", id: element.id });
    }
  }
  const scheduled = sceneDays((await readWorkingBoard(kv)).board);
  for (const key of keys) {
    if (scheduled.has(key)) {
      add(key, { type: "schedule", id: SCHEDULE_RECORD_ID });
    }
  }
  for (const shot of await withSceneKeys(kv, await shots.list(kv))) {
    if (shot.sceneKey !== null && wanted.has(shot.sceneKey)) {
      add(shot.sceneKey, { type: "shot", id: shot.id });
    }
  }
  return out;
}

/** Who owns records, for flags: reads what it needs once per ripple. */
export class Owners {
  #kv: Deno.Kv;
  #members?: Promise<{ id: string; role: Role }[]>;

  /** Owners over the production's view of the store. */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  async #withRoles(roles: readonly Role[]): Promise<string[]> {
    const members =
      await (this.#members ??= listMembers(this.#kv).then((all) =>
        all.filter((m) => m.active).map((m) => ({ id: m.id, role: m.role }))
      ));
    return members.filter((m) => roles.includes(m.role)).map((m) => m.id);
  }

  /**
   * Who must review a flag on `ref`: a task's assignee (management when
   * nobody is), a shot's artist (the VFX team when nobody is), a file's
   * uploader, a version's submitter; the production office for budget
   * records; the script's writers for elements.
   */
  async of(ref: RecordRef): Promise<string[]> {
    const kv = this.#kv;
    switch (ref.type) {
      case "task": {
        const task = await tasks.get(kv, ref.id);
        return task?.assigneeId
          ? [task.assigneeId]
          : this.#withRoles(MANAGEMENT);
      }
      case "shot": {
        const shot = await shots.get(kv, ref.id);
        return shot?.assigneeId ? [shot.assigneeId] : this.#withRoles(["vfx"]);
      }
      case "version": {
        const version = await shotVersions.get(kv, ref.id);
        return version ? [version.submittedBy] : [];
      }
      case "asset": {
        const asset = await assets.get(kv, ref.id);
        return asset ? [asset.uploaderId] : [];
      }
      case "expense":
      case "budget_category":
        return this.#withRoles(["producer", "production_manager"]);
      case "scene":
      case "element":
        return this.#withRoles(["director", "producer", "production_manager"]);
      case "schedule":
        return this.#withRoles(["producer", "production_manager"]);
    }
  }
}
