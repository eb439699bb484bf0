/**
 * Demo VFX shots for the sample production ("Northern Lights": a lighthouse
 * keeper through one night of storm): 15 shots over five sequences, in every
 * status, with versions submitted by the VFX artist and reviewed by the
 * director. Written straight to the store, no events: it is the state the
 * production starts from.
 *
 * Sequences: 010 the storm arrives · 020 the lamp room · 030 the boat in
 * distress · 040 the rogue wave · 050 dawn. Most shots link to a scene of
 * the demo script (by its stable key; seeded first, lib/script/seed.ts).
 *
 * @module
 */
import { getScript, listScripts } from "@/lib/script/service.ts";
import { serviceContext } from "@/lib/service.ts";
import { transact } from "@/lib/store/transaction.ts";
import type { Review, ReviewDecision, ShotStatus } from "./shared.ts";
import { shots, shotVersions, versionId } from "./store.ts";

/** A person the seed names: id and display name. */
export interface SeedPerson {
  id: string;
  name: string;
}

/** One version: the artist's notes and the review it got (null: waiting). */
type PlannedVersion = [
  notes: string,
  review: [decision: ReviewDecision, note: string] | null,
];

interface PlannedShot {
  code: string;
  description: string;
  frames: [frameIn: number, frameOut: number];
  vendor: string;
  bidCents: number;
  /** Assigned to the VFX artist. */
  assigned: boolean;
  /** The number of its scene in the demo script, if linked. */
  scene?: string;
  status: ShotStatus;
  versions: PlannedVersion[];
}

// Bids in cents (18_500_00 = €18,500.00). The status of each shot agrees
// with its versions: in review ⇒ latest unreviewed; approved / final ⇒
// latest approved; changes requested ⇒ latest sent back.
// deno-fmt-ignore
const PLAN: PlannedShot[] = [
  {
    code: "NL_010_0010", status: "final", assigned: true, scene: "1",
    description: "Establishing: the lighthouse on the cliff at dusk as the storm front rolls in. Sky replacement, matte painting of the headland, rain layers.",
    frames: [1001, 1144], vendor: "Nordlys Digital", bidCents: 18_500_00,
    versions: [
      ["First pass on the sky and the headland DMP.", ["request_changes", "The clouds move too fast — halve the speed, and keep some warm dusk light low on the horizon."]],
      ["Cloud speed halved, warm band added on the horizon, rain density up 20%.", ["approve", "Beautiful. This is the opening of the film."]],
    ],
  },
  {
    code: "NL_010_0020", status: "approved", assigned: true, scene: "6",
    description: "Keeper crosses the yard to the tower: wind-driven rain augmentation, wet-down of the flagstones, flapping tarpaulin.",
    frames: [1001, 1088], vendor: "Nordlys Digital", bidCents: 9_800_00,
    versions: [
      ["Rain and wet-down comp, tarp sim at final res.", ["approve", "Good — the tarp sells the wind."]],
    ],
  },
  {
    code: "NL_010_0030", status: "omitted", assigned: false,
    description: "Gulls struggling against the gale past the lantern. CG birds, feather sim.",
    frames: [1001, 1060], vendor: "Nordlys Digital", bidCents: 14_000_00,
    versions: [
      ["Blocking pass of the flock, grey-shaded.", null],
    ],
  },
  {
    code: "NL_010_0040", status: "pending_review", assigned: true, scene: "6",
    description: "Wave crashes against the cliff base below the lighthouse; spray reaches the gallery rail. FX water sim, spray and mist.",
    frames: [1001, 1210], vendor: "Stormglass VFX", bidCents: 42_000_00,
    versions: [
      ["Sim v1: main crash and spray, no mist yet.", ["request_changes", "Bigger, slower crash — it should feel like the whole cliff takes the hit. Add the mist hanging afterwards."]],
      ["Sim v2: 1.4× scale, retimed to 80%, mist pass and rail drips added.", null],
    ],
  },
  {
    code: "NL_020_0010", status: "in_progress", assigned: true, scene: "4",
    description: "Lamp room: the Fresnel lens turns, its beams cut through rain outside the glass. Volumetric beams, lens refraction.",
    frames: [1001, 1076], vendor: "Lumen & Salt", bidCents: 12_400_00,
    versions: [],
  },
  {
    code: "NL_020_0030", status: "changes_requested", assigned: true, scene: "9",
    description: "Rain streaking down the lantern glass; lightning flashes reflected in it over the keeper's face.",
    frames: [1001, 1052], vendor: "Lumen & Salt", bidCents: 6_750_00,
    versions: [
      ["Rain streaks and two lightning reflections.", ["request_changes", "The flashes are too blue and too frequent. One flash, whiter, and let it hold a few frames on his eyes."]],
    ],
  },
  {
    code: "NL_020_0050", status: "not_started", assigned: false, scene: "9",
    description: "Lightning strikes the lantern: sparks, the lamp dies, the room goes black.",
    frames: [1001, 1040], vendor: "Stormglass VFX", bidCents: 21_300_00,
    versions: [],
  },
  {
    code: "NL_030_0010", status: "in_progress", assigned: true, scene: "5",
    description: "The fishing boat pitching in heavy seas, seen from the gallery. Full CG ocean, boat matchmove, spray.",
    frames: [1001, 1320], vendor: "Stormglass VFX", bidCents: 88_000_00,
    versions: [
      ["Ocean layout and boat matchmove, preview render.", ["request_changes", "The swell reads as a lake. Longer wavelength, more foam streaking with the wind."]],
    ],
  },
  {
    code: "NL_030_0020", status: "pending_review", assigned: true, scene: "5",
    description: "Boat POV: the lighthouse beam sweeps over black water. CG water extension, beam volumetrics in rain.",
    frames: [1001, 1096], vendor: "Stormglass VFX", bidCents: 34_500_00,
    versions: [
      ["Water extension and beam, first full comp.", null],
    ],
  },
  {
    code: "NL_030_0060", status: "not_started", assigned: false,
    description: "Rescue line fired from the gallery arcs over the water. Rope sim, muzzle flash, rain interaction.",
    frames: [1001, 1064], vendor: "Nordlys Digital", bidCents: 15_200_00,
    versions: [],
  },
  {
    code: "NL_030_0080", status: "final", assigned: true, scene: "6",
    description: "Stunt double hanging from the railing: wire and rig removal, spray added over the plate.",
    frames: [1001, 1118], vendor: "Frost Paint & Roto", bidCents: 4_200_00,
    versions: [
      ["Wire and rig removal, spray layer.", ["approve", "Invisible. Thank you."]],
    ],
  },
  {
    code: "NL_040_0010", status: "in_progress", assigned: true,
    description: "The rogue wave rises out of the dark behind the boat. Full CG wave, lightning-lit.",
    frames: [1001, 1240], vendor: "Stormglass VFX", bidCents: 126_000_00,
    versions: [],
  },
  {
    code: "NL_040_0020", status: "not_started", assigned: false,
    description: "The wave hits the lighthouse; water bursts through the gallery door. FX sim, interior set extension.",
    frames: [1001, 1180], vendor: "Stormglass VFX", bidCents: 98_500_00,
    versions: [],
  },
  {
    code: "NL_040_0030", status: "not_started", assigned: false, scene: "8",
    description: "Seawater pours down the spiral staircase around the keeper. Awaiting a bid.",
    frames: [1001, 1072], vendor: "", bidCents: 0,
    versions: [],
  },
  {
    code: "NL_050_0010", status: "approved", assigned: true, scene: "10",
    description: "Dawn: the storm clears over a flat grey sea, the wreck on the rocks below. Sky replacement, wreck set extension.",
    frames: [1001, 1150], vendor: "Nordlys Digital", bidCents: 11_000_00,
    versions: [
      ["Sky and wreck extension, first comp.", ["request_changes", "Too pretty — this is a morning after. Flatter light, more debris on the rocks."]],
      ["Overcast sky, flat grade, debris field added.", ["approve", "Yes. That's the ending."]],
    ],
  },
];

const DAY = 24 * 60 * 60 * 1000;
/**
 * Shots per commit: a shot checks its key and its unique code, and each of
 * its versions its key (at most three here), so one shot's commit holds at
 * most five checks, inside denokv's ten.
 */
const CHUNK = 1;

/**
 * Writes the demo shots and their versions, unless any shot exists already
 * (then nothing is written and false is returned). Versions are submitted by
 * `vfx` and reviewed by `director`; shots with an artist are assigned to
 * `vfx`. Two commits per shot: one for the shot and its versions and one
 * for their reviews (which also dates the shot's last change to its newest
 * version, as the app does), inside KV's limits on checks and mutations
 * per atomic commit.
 */
export async function seedVfx(
  kv: Deno.Kv,
  people: { vfx: SeedPerson; director: SeedPerson },
): Promise<boolean> {
  for await (const _ of kv.list({ prefix: [shots.name] }, { limit: 1 })) {
    return false;
  }
  const sceneKeys = await demoSceneKeys(kv, people.director);
  // The work started three weeks ago; each version a couple of days apart.
  const start = Date.now() - 21 * DAY;
  for (let i = 0; i < PLAN.length; i += CHUNK) {
    const chunk = PLAN.slice(i, i + CHUNK);
    // First the shots and their versions as submitted, then (in a second
    // commit, as the app would) the reviews, so a reviewed version carries
    // version 2 and its submission time as createdAt.
    const { result: planned } = await transact(kv, async (tx) => {
      const reviews: { id: string; review: Review }[] = [];
      const touched: { id: string; at: number }[] = [];
      for (const [j, plan] of chunk.entries()) {
        let t = start + (i + j) * DAY / 4;
        const shot = await shots.insert(tx, {
          code: plan.code,
          sceneKey: plan.scene === undefined
            ? null
            : sceneKeys.get(plan.scene) ?? null,
          description: plan.description,
          frameIn: plan.frames[0],
          frameOut: plan.frames[1],
          vendor: plan.vendor,
          bidCents: plan.bidCents,
          assigneeId: plan.assigned ? people.vfx.id : null,
          status: plan.status,
          versionCount: plan.versions.length,
        }, { now: new Date(t) });
        for (const [k, [notes, review]] of plan.versions.entries()) {
          t += 2 * DAY;
          const version = await shotVersions.insert(tx, {
            shotId: shot.id,
            number: k + 1,
            notes,
            assetId: null,
            submittedBy: people.vfx.id,
            submittedByName: people.vfx.name,
            review: null,
          }, { id: versionId(shot.id, k + 1), now: new Date(t) });
          if (review === null) {
            touched.push({ id: shot.id, at: t });
            continue;
          }
          touched.push({ id: shot.id, at: t + DAY / 3 });
          reviews.push({
            id: version.id,
            review: {
              decision: review[0],
              note: review[1],
              by: people.director.id,
              byName: people.director.name,
              at: new Date(t + DAY / 3).toISOString(),
            },
          });
        }
      }
      return { reviews, touched };
    });
    // A shot's last change is its newest version's submission or review.
    const lastChange = new Map<string, number>();
    for (const { id, at } of planned.touched) lastChange.set(id, at);
    await transact(kv, async (tx) => {
      for (const { id, review } of planned.reviews) {
        await shotVersions.update(tx, id, () => ({ review }), {
          now: new Date(review.at),
        });
      }
      for (const [id, at] of lastChange) {
        await shots.update(tx, id, () => ({}), { now: new Date(at) });
      }
    });
  }
  return true;
}

/**
 * The keys of the demo script's scenes by scene number (its current
 * draft), or none when no script was seeded.
 */
async function demoSceneKeys(
  kv: Deno.Kv,
  director: SeedPerson,
): Promise<Map<string, string>> {
  const cx = serviceContext(kv, { ...director, role: "director" });
  const keys = new Map<string, string>();
  const [script] = await listScripts(cx);
  if (script === undefined) return keys;
  for (const scene of (await getScript(cx, script.id)).scenes) {
    if (scene.number !== null) keys.set(scene.number, scene.key);
  }
  return keys;
}
