import { useHref } from "@/components/production_path.ts";

/**
 * "Script changed" on a record's row or card while it has open
 * script-change flags, leading to the script changes view.
 */
export function FlaggedBadge() {
  const href = useHref();
  return (
    <a class="badge flagged-badge" href={href("/ripple")}>
      Script changed
    </a>
  );
}
