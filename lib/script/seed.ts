/**
 * Demo script for the sample production: "Salt Light" (lib/fountain/
 * sample.ts) imported as draft 1 by the director, five scenes broken down
 * and the first two approved. Written straight to the store, no events: it
 * is the state the production starts from.
 *
 * @module
 */
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { BreakdownCategory, SceneStatus } from "./breakdown.ts";
import { serviceContext } from "@/lib/service.ts";
import { importWithoutEvent } from "./service.ts";
import { ensureElements, tagsOf } from "@/lib/elements/ensure.ts";
import { scenes, scripts } from "./store.ts";

/** A person the seed names: id and display name. */
export interface SeedPerson {
  id: string;
  name: string;
}

interface PlannedBreakdown {
  tags: Partial<Record<BreakdownCategory, string[]>>;
  status: SceneStatus;
  notes?: string;
}

// By scene number. Cast and locations are pre-filled by the import; these
// tags are added to them.
const PLAN: Record<string, PlannedBreakdown> = {
  "1": {
    status: "approved",
    tags: {
      props: ["Mug of coffee"],
      wardrobe: ["Margit: oilskin over nightgown"],
      vehicles: ["Fishing boats (background)"],
      sfx: ["Morning fog", "Lamp goes dark"],
      set_dressing: ["Flaking paint on the tower"],
    },
    notes: "First shot of the film: shoot at real dawn, one take window.",
  },
  "2": {
    status: "approved",
    tags: {
      props: [
        "Radio handset",
        "Burnt toast",
        "Jam jar",
        "Maritime Authority notice",
      ],
      sound_music: ["Radio crackle (playback)"],
      set_dressing: ["Kitchen sink", "Windowsill radio"],
    },
  },
  "3": {
    status: "broken_down",
    tags: {
      vehicles: ["Supply boat"],
      props: ["Mooring rope", "Crate of tins"],
      wardrobe: ["Ella: oversized life jacket"],
      extras: ["Harbour worker (1)"],
    },
  },
  "4": {
    status: "broken_down",
    tags: {
      props: ["Brass clockwork crank"],
      special_equipment: ["Lens rig on turntable"],
      sfx: ["Rotating beam"],
      vfx: ["Beam sweeping the water"],
    },
    notes: "The lens is a practical build: confirm the turntable speed.",
  },
  "7": {
    status: "broken_down",
    tags: {
      sfx: ["Rain on the window", "Lights flicker and die"],
      sound_music: ["Radio hiss"],
      wardrobe: ["Margit: boots"],
    },
  },
};

const HOUR = 60 * 60 * 1000;

/**
 * Imports the sample screenplay and breaks it down, unless a script exists
 * already (then nothing is written and false is returned).
 */
export async function seedScript(
  kv: Deno.Kv,
  people: { director: SeedPerson },
): Promise<boolean> {
  for await (const _ of kv.list({ prefix: [scripts.name] }, { limit: 1 })) {
    return false;
  }
  const director = { ...people.director, role: "director" as const };
  const importedAt = Date.now() - 10 * 24 * HOUR;
  const cx = serviceContext(kv, director, () => new Date(importedAt));
  const { scenes: imported } = await importWithoutEvent(cx, {
    source: SAMPLE_SCREENPLAY,
  });
  const { result: broken } = await transact(kv, async (tx) => {
    const out = [];
    for (const scene of imported) {
      const plan = scene.number === null ? undefined : PLAN[scene.number];
      if (plan === undefined) continue;
      const breakdown = structuredClone(scene.breakdown);
      for (const [category, tags] of Object.entries(plan.tags)) {
        breakdown[category as BreakdownCategory].push(...tags);
      }
      const at = new Date(importedAt + (scene.index + 1) * 6 * HOUR);
      const approved = plan.status === "approved";
      const { after } = await scenes.update(tx, scene.id, () => ({
        breakdown,
        status: plan.status,
        notes: plan.notes ?? "",
        approvedBy: approved ? director.id : null,
        approvedByName: approved ? director.name : null,
        approvedAt: approved ? at.toISOString() : null,
      }), { now: at });
      out.push(after);
    }
    return out;
  });
  // The import made the elements of cast and locations; these are the
  // rest (in commits within the limits, no events).
  await ensureElements(cx, tagsOf(broken.map((s) => s.breakdown)));
  return true;
}
