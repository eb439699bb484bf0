/**
 * The VFX shot pipeline's records in KV: shots and their versions. Only
 * repositories live here; the operations (and every rule) are service.ts.
 *
 * @module
 */
import { Repository } from "@/lib/store/repository.ts";
import { ShotSchema, ShotVersionSchema } from "./schemas.ts";
import type { Shot, ShotVersion } from "./shared.ts";

/** Shots: a unique index on the code, and one by status. */
export const shots = new Repository<Shot>({
  name: "vfx_shots",
  schema: ShotSchema,
  indexes: [
    { name: "code", key: (s) => [s.code], unique: true },
    { name: "status", key: (s) => [s.status] },
  ],
});

/**
 * Versions of shots. Ids are derived from the shot and the number (see
 * {@linkcode versionId}), so a version is read by key inside a transaction
 * and two versions can never share a number; the index lists a shot's
 * versions in number order.
 */
export const shotVersions = new Repository<ShotVersion>({
  name: "vfx_versions",
  schema: ShotVersionSchema,
  indexes: [{ name: "shot", key: (v) => [v.shotId, v.number] }],
});

/** The id of version `number` of shot `shotId`. */
export function versionId(shotId: string, number: number): string {
  return `${shotId}_v${number}`;
}
