/**
 * Helpers of the script module's tests: the people, a service context on a
 * fixed clock, the old status assertions and a few readers.
 *
 * @module
 */
import assert from "node:assert/strict";
import { syntheticScene } from "@/lib/fountain/testing.ts";
import { toApiError } from "@/lib/http/errors.ts";
import {
  type ServiceActor,
  type ServiceContext,
  serviceContext,
} from "@/lib/service.ts";
import { readEventsAfter, type StoredEvent } from "@/lib/store/event_log.ts";
import { type ScriptUpdateData, ScriptUpdateDataSchema } from "./schemas.ts";
import type { ScriptDetail } from "./store.ts";

/** The director. */
export const director: ServiceActor = {
  id: "u-dir",
  name: "Dana",
  role: "director",
};
/** The producer. */
export const producer: ServiceActor = {
  id: "u-pro",
  name: "Paula",
  role: "producer",
};
/** The production manager. */
export const manager: ServiceActor = {
  id: "u-pm",
  name: "Marcus",
  role: "production_manager",
};
/** A crew member. */
export const crew: ServiceActor = { id: "u-crew", name: "Sam", role: "crew" };
/** A VFX artist. */
export const vfx: ServiceActor = { id: "u-vfx", name: "Ines", role: "vfx" };
/** The distribution manager. */
export const distribution: ServiceActor = {
  id: "u-dist",
  name: "Theo",
  role: "distribution_manager",
};

/** The tests' clock: 1 Feb 2027, 09:00 UTC, a second later at each read. */
let tick = Date.UTC(2027, 1, 1, 9);
function clock(): Date {
  tick += 1000;
  return new Date(tick);
}

/** A service context for `actor` on `kv`, on the tests' fixed clock. */
export function as(kv: Deno.Kv, actor: ServiceActor): ServiceContext {
  return serviceContext(kv, actor, clock);
}

/**
 * Runs `fn`, expecting an error that answers `status` (and `code`,
 * `message`) over HTTP: a domain error or an ApiError, mapped the way the
 * API maps it.
 */
export async function rejects(
  fn: () => Promise<unknown>,
  status: number,
  code?: string,
  message?: RegExp,
) {
  await assert.rejects(fn, (thrown: unknown) => {
    const error = toApiError(thrown);
    assert.ok(error.status < 500, String(thrown));
    assert.equal(error.status, status, error.message);
    if (code !== undefined) assert.equal(error.code, code);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}

/** The `script_update` events after `after`, their data parsed. */
export async function scriptEvents(
  kv: Deno.Kv,
  after: string,
): Promise<(StoredEvent & { data: ScriptUpdateData })[]> {
  const page = await readEventsAfter(kv, after, 10_000);
  assert.ok(!page.resync);
  if (page.resync) return [];
  return page.events.map((e) => {
    assert.equal(e.type, "script_update");
    assert.deepEqual(e.audience, {
      roles: ["producer", "production_manager", "director", "crew", "vfx"],
      users: [],
    });
    return { ...e, data: ScriptUpdateDataSchema.parse(e.data) };
  });
}

/** Every key under `prefix`. */
export async function count(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix })) n++;
  return n;
}

/** The scene numbered `number` of a draft. */
export function byNumber(detail: ScriptDetail, number: string) {
  const scene = detail.scenes.find((s) => s.number === number);
  assert.ok(scene, `scene ${number}`);
  return scene;
}

/** `n` synthetic scenes, each optionally edited. */
export function synthetic(
  n: number,
  edit = (_i: number, s: string) => s,
): string {
  return Array.from({ length: n }, (_, i) => edit(i, syntheticScene(i)))
    .join("");
}
