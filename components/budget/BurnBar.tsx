import { formatPercent } from "@/lib/budget/money.ts";
import { levelBadge, levelClass } from "./model.ts";

/**
 * A spend bar: `role="progressbar"` with the share spent (capped at 100 for
 * the ARIA value; the text says "over budget" beyond that).
 */
export function BurnBar(
  { percent, level, label, size = "md" }: {
    percent: number | null;
    level: number;
    /** What is measured, e.g. "Camera spent". */
    label: string;
    size?: "md" | "lg";
  },
) {
  const shown = percent === null
    ? (level >= 100 ? 100 : 0)
    : Math.min(percent, 100);
  const text = percent === null
    ? (level >= 100 ? "Spending with nothing allocated" : "Nothing allocated")
    : `${formatPercent(percent)} spent${
      level >= 100 ? ", over budget" : level >= 80 ? ", 80% reached" : ""
    }`;
  return (
    <div
      class={["burn", `burn-${size}`, levelClass(level)].filter(Boolean).join(
        " ",
      )}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent === null ? undefined : shown}
      aria-valuetext={text}
    >
      <span class="burn-fill" style={{ width: `${shown}%` }} />
    </div>
  );
}

/** The "80%" / "Over" badge of a level, or nothing below 80%. */
export function LevelBadge({ level }: { level: number }) {
  const badge = levelBadge(level);
  if (badge === null) return null;
  return <span class={`level-badge ${levelClass(level)}`}>{badge}</span>;
}
