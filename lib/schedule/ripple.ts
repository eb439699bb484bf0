/**
 * The script-revision ripple into the schedule: a new draft that omits a
 * scheduled scene, changes the length or cast of one, or adds scenes is
 * news for whoever edits the schedule. The board itself flags such strips
 * from the current draft (service.ts); this tells the production office
 * once per draft in their inbox, naming the days concerned.
 *
 * @module
 */
import { POLICY } from "@/lib/policy.ts";
import type { Scene } from "@/lib/script/shared.ts";
import { listMembers } from "@/lib/team/members.ts";
import { sceneDays } from "./days.ts";
import type { ScheduleBoard } from "./shared.ts";
import { readWorkingBoard } from "./store.ts";

/** What one schedule editor is told about a draft. */
export interface ScheduleNotice {
  userId: string;
  title: string;
  body: string;
  href: string;
}

function sceneLabel(scene: Scene, day: number): string {
  return `scene ${scene.number ?? scene.heading} (day ${day})`;
}

/**
 * The sentences of a draft's news for the schedule, from the draft's
 * scenes (removed ones included) and the board: null when the draft
 * touches nothing scheduled and adds no scene.
 */
export function scheduleNews(
  draft: number,
  scenes: readonly Scene[],
  board: ScheduleBoard,
): { title: string; body: string } | null {
  const dayOf = sceneDays(board);
  // Nothing scheduled yet: new scenes in the boneyard are no news.
  if (dayOf.size === 0) return null;
  const omitted: string[] = [];
  const changed: string[] = [];
  let added = 0;
  for (const scene of scenes) {
    if (scene.change === "added") added++;
    const day = dayOf.get(scene.key);
    if (day === undefined) continue;
    if (scene.change === "removed") omitted.push(sceneLabel(scene, day));
    else if (scene.change === "changed") changed.push(sceneLabel(scene, day));
  }
  if (omitted.length + changed.length + added === 0) return null;
  const parts: string[] = [];
  if (omitted.length > 0) parts.push(`omits ${omitted.join(", ")}`);
  if (changed.length > 0) parts.push(`changes ${changed.join(", ")}`);
  if (added > 0) {
    parts.push(
      `adds ${added} ${added === 1 ? "scene" : "scenes"} to the boneyard`,
    );
  }
  const scheduled = omitted.length + changed.length;
  return {
    title: `Draft ${draft} ${parts.join("; ")}`,
    body: scheduled > 0
      ? "Omitted strips are flagged on the board and no longer count toward their day; check the days named."
      : "New scenes wait in the boneyard, flagged as new.",
  };
}

/**
 * One notice per member who may edit the schedule (the policy table's
 * `schedule.edit` roles), or none when the draft touches nothing
 * scheduled and adds no scene.
 */
export async function scheduleNotices(
  kv: Deno.Kv,
  draft: number,
  scenes: readonly Scene[],
): Promise<ScheduleNotice[]> {
  const { board } = await readWorkingBoard(kv);
  const news = scheduleNews(draft, scenes, board);
  if (news === null) return [];
  const editors = (await listMembers(kv)).filter((m) =>
    m.active && POLICY.schedule.edit.roles.includes(m.role)
  );
  return editors.map((m) => ({ userId: m.id, ...news, href: "/schedule" }));
}
