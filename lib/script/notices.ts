/**
 * The inbox item of a breakdown approval (issue #13): the members who
 * edited the scene's breakdown (from the scene's history) are told it was
 * approved; when nobody edited it, whoever imported the draft is. Added in
 * the approval's commit by scenes.ts; the approver is never told
 * (`notify` drops the actor).
 *
 * @module
 */
import type { NewInboxItem } from "@/lib/inbox/shared.ts";
import { canOpen } from "@/lib/policy.ts";
import type { ServiceActor } from "@/lib/service.ts";
import { readHistory } from "@/lib/store/history.ts";
import { listMembers } from "@/lib/team/members.ts";
import type { Scene } from "./schemas.ts";
import { sceneName, scenes, scriptVersionId, scriptVersions } from "./store.ts";

/** History entries read for a scene's editors (the newest). */
const EDITS_READ = 200;

/**
 * Who made the breakdown of `scene` (a scene record of the current
 * draft): active members who may read the script and either changed its
 * tags or, when nobody did, imported the draft. Read without commit
 * checks.
 */
export async function breakdownAuthors(
  kv: Deno.Kv,
  scriptId: string,
  scene: Scene,
): Promise<string[]> {
  const authors = new Set<string>();
  const { entries } = await readHistory(kv, scenes.name, scene.id, {
    limit: EDITS_READ,
  });
  for (const entry of entries) {
    if (entry.changes.some((c) => c.field.startsWith("breakdown."))) {
      authors.add(entry.actor.id);
    }
  }
  if (authors.size === 0) {
    const draft = await scriptVersions.get(
      kv,
      scriptVersionId(scriptId, scene.draftVersion),
    );
    if (draft) authors.add(draft.uploadedBy);
  }
  const readers = new Set(
    (await listMembers(kv))
      .filter((m) => m.active && canOpen(m.role, "script"))
      .map((m) => m.id),
  );
  return [...authors].filter((id) => readers.has(id));
}

/** One `scene_approved` item per author of the breakdown. */
export function sceneApprovals(
  actor: ServiceActor,
  scriptId: string,
  scene: Scene,
  authors: readonly string[],
): NewInboxItem[] {
  return authors.map((userId) => ({
    userId,
    kind: "scene_approved",
    title: `${actor.name} approved the breakdown of ${sceneName(scene)}`,
    body: scene.heading,
    href: `/script/${scriptId}/scenes/${scene.id}`,
    ref: { type: "scene", id: scene.key },
  }));
}
