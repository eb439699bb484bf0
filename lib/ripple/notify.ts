/**
 * One inbox notice per owner per draft: "Draft 4 changed scenes your work
 * depends on: 2 shots (VFX_010, VFX_011)", linking to the ripple view.
 *
 * @module
 */
import type { RecordCard } from "@/lib/records/shared.ts";
import { countsByKind, type Flag } from "./shared.ts";

/** A flag with its record's card. */
export interface FlaggedRecord {
  flag: Flag;
  card: RecordCard;
}

/** What one owner is told about one draft. */
export interface OwnerNotice {
  userId: string;
  title: string;
  body: string;
  href: string;
}

/** Most records a notice names before "and N more". */
const NAMED = 5;

/** The notices of a draft's ripple: one per owner, naming their records. */
export function ownerNotices(
  scriptId: string,
  draft: number,
  flagged: readonly FlaggedRecord[],
): OwnerNotice[] {
  const byOwner = new Map<string, FlaggedRecord[]>();
  for (const item of flagged) {
    for (const owner of item.flag.ownerIds) {
      const list = byOwner.get(owner) ?? [];
      list.push(item);
      byOwner.set(owner, list);
    }
  }
  return [...byOwner].map(([userId, items]) => {
    const summary = countsByKind(items.map((i) => i.card.ref.type)).map((
      [what, n],
    ) => `${n} ${n === 1 ? what.replace(/s$/, "") : what}`).join(", ");
    const names = [...new Set(items.map((i) => i.card.title))];
    const named = names.slice(0, NAMED).join(", ") +
      (names.length > NAMED ? ` and ${names.length - NAMED} more` : "");
    const scenes = [
      ...new Set(items.map((i) => `scene ${i.flag.detail.before.number}`)),
    ];
    return {
      userId,
      title: `Draft ${draft} changed ${
        scenes.join(", ")
      }: ${summary} to review`,
      body: named,
      href: `/ripple?script=${scriptId}&draft=${draft}`,
    };
  });
}
