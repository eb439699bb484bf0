import {
  type ShotStatus,
  STATUS_LABELS,
  STATUS_TONES,
} from "@/lib/vfx/shared.ts";

/**
 * A shot's status as a coloured pill with its label: colour helps, the text
 * says it (`data-tone` picks the colours, in both themes).
 */
export function StatusPill(
  { status, flash = false }: { status: ShotStatus; flash?: boolean },
) {
  return (
    <span
      class={`status-pill${flash ? " is-flashing" : ""}`}
      data-status={status}
      data-tone={STATUS_TONES[status]}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
