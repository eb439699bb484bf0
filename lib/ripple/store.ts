/**
 * Ripple flags in KV: `["ripple_flags", id]`, listed per draft and per
 * record; open flags are also indexed per record kind, so a board can mark
 * its flagged cards without reading every flag. `["ripple_runs", id]`
 * records that a draft's ripple ran (and what the draft changed).
 *
 * @module
 */
import { z } from "zod";
import { Repository } from "@/lib/store/repository.ts";
import { FlagSchema } from "./schemas.ts";
import type { Flag } from "./shared.ts";

/** Every flag of the production. */
export const flags = new Repository<Flag>({
  name: "ripple_flags",
  schema: FlagSchema,
  indexes: [
    { name: "draft", key: (f) => [f.scriptId, f.draft] },
    { name: "record", key: (f) => [f.record.type, f.record.id] },
    {
      name: "open",
      key: (f) => f.status === "open" ? [f.record.type, f.record.id] : null,
    },
  ],
});

/** A draft whose ripple ran: how many scenes it touched. */
export const RippleRunSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scriptId: z.string(),
  draft: z.number().int().positive(),
  scenes: z.number().int().nonnegative(),
  flags: z.number().int().nonnegative(),
});

/** A draft whose ripple ran. */
export type RippleRun = z.infer<typeof RippleRunSchema>;

/** Drafts whose ripple ran, per script in draft order. */
export const rippleRuns = new Repository<RippleRun>({
  name: "ripple_runs",
  schema: RippleRunSchema,
  indexes: [{ name: "script", key: (r) => [r.scriptId, r.draft] }],
});

/** The id of draft `draft`'s ripple run. */
export function runId(scriptId: string, draft: number): string {
  return `${scriptId}_v${draft}`;
}
