/**
 * Who may see typing on a target (`<module>:<record id>`): the readers of
 * that record, by the policy table. Null when the module is unknown or the
 * record does not exist: then nothing is relayed.
 *
 * @module
 */
import { assets } from "@/lib/assets/store.ts";
import { type Audience, audienceFor } from "@/lib/policy.ts";
import { scenes, scripts } from "@/lib/script/store.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { shots } from "@/lib/vfx/store.ts";

/** The audience of typing on `target`, or null when there is no such record. */
export async function typingAudience(
  kv: Deno.Kv,
  target: string,
): Promise<Audience | null> {
  const colon = target.indexOf(":");
  if (colon < 0) return null;
  const module = target.slice(0, colon);
  const id = target.slice(colon + 1);
  switch (module) {
    case "task": {
      // Management and the task's assignee, as for its events.
      const task = await tasks.get(kv, id);
      return task &&
        audienceFor("task_update", { assigneeId: task.assigneeId });
    }
    case "script":
      return await scripts.get(kv, id) && audienceFor("script_update");
    case "scene":
      return await scenes.get(kv, id) && audienceFor("script_update");
    case "shot":
      return await shots.get(kv, id) && audienceFor("vfx_update");
    case "asset":
      return await assets.get(kv, id) && audienceFor("asset_update");
    default:
      return null;
  }
}
