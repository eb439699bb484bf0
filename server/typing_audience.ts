/**
 * Who may see typing on a target (`<kind>:<record id>`): the readers of
 * that record, by the policy table. Null when the kind is unknown or the
 * record does not exist: then nothing is relayed.
 *
 * @module
 */
import { type Audience, audienceFor } from "@/lib/policy.ts";
import { audienceOf, RecordDirectory } from "@/lib/records/directory.ts";
import { parseRefKey } from "@/lib/records/shared.ts";
import { scenes, scripts } from "@/lib/script/store.ts";

/** The audience of typing on `target`, or null when there is no such record. */
export async function typingAudience(
  kv: Deno.Kv,
  target: string,
): Promise<Audience | null> {
  if (target.startsWith("script:")) {
    return await scripts.get(kv, target.slice(7)) &&
      audienceFor("script_update");
  }
  const ref = parseRefKey(target);
  if (ref === null) return null;
  // A scene's breakdown sheet types on the draft's scene record; a thread
  // on the scene names the scene by its key (lib/records).
  if (ref.type === "scene" && await scenes.get(kv, ref.id)) {
    return audienceFor("script_update");
  }
  const found = await new RecordDirectory(kv).find(ref);
  return found && audienceOf(found);
}
