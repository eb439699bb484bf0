/**
 * The ids of one kind of record with open script-change flags, kept live:
 * a board or table marks those records until their owners resolve them.
 *
 * @module
 */
import { type Signal, useSignal } from "@preact/signals";
import { send } from "@/components/api.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import type { RecordType } from "@/lib/records/shared.ts";

/** Flagged ids of `type`, from `initial` and refreshed on `ripple_update`. */
export function useFlaggedIds(
  type: RecordType,
  initial: readonly string[],
): Signal<ReadonlySet<string>> {
  const ids = useSignal<ReadonlySet<string>>(new Set(initial));
  const reload = async () => {
    try {
      const { ids: next } = await send<{ ids: string[] }>(
        "GET",
        `/api/ripple/flagged?type=${type}`,
      );
      ids.value = new Set(next);
    } catch {
      // Marks are a hint: the next event or page load brings them back.
    }
  };
  useRealtime("ripple_update", () => void reload(), reload);
  return ids;
}
