import type { ScheduleVersionMeta } from "@/lib/schedule/shared.ts";

/**
 * The boards a picker offers: the working schedule (`working` as the
 * value unless given) and every saved version, the locked one marked.
 */
export function BoardOptions(
  { versions, working = "working" }: {
    versions: readonly ScheduleVersionMeta[];
    /** The working schedule's option value. */
    working?: string;
  },
) {
  return (
    <>
      <option value={working}>Working schedule</option>
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {v.name}
          {v.locked ? " (locked)" : ""}
        </option>
      ))}
    </>
  );
}
