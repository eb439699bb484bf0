/**
 * Scene and script fixtures for the script models' tests (the fake world
 * is `components/fake_world.ts`, every model's).
 *
 * @module
 */
import {
  emptyBreakdown,
  type Scene,
  type Script,
} from "@/lib/script/shared.ts";

const T0 = "2030-01-01T00:00:00.000Z";

/** A scene of draft 1 of script `s1`, with `extra` over the defaults. */
export function sceneOf(extra: Partial<Scene> = {}): Scene {
  return {
    id: "sc1",
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    scriptId: "s1",
    draftVersion: 1,
    importId: "i1",
    key: "k1",
    previousId: null,
    position: 0,
    index: 0,
    number: "1",
    heading: "INT. HARBOUR OFFICE - NIGHT",
    setting: "INT",
    location: "HARBOUR OFFICE",
    timeOfDay: "NIGHT",
    characters: ["ELLA"],
    eighths: 3,
    hash: "h1",
    text: [],
    status: "draft",
    change: "added",
    needsReview: false,
    notes: "",
    breakdown: emptyBreakdown(),
    approvedBy: null,
    approvedByName: null,
    approvedAt: null,
    ...extra,
  };
}

/** A script, with `extra` over the defaults. */
export function scriptOf(extra: Partial<Script> = {}): Script {
  return {
    id: "s1",
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    title: "Harbour Lights",
    currentVersion: 1,
    sceneCount: 3,
    eighths: 9,
    createdBy: "u1",
    createdByName: "Dana Kowalski",
    ...extra,
  };
}
