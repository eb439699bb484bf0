import assert from "node:assert/strict";
import type { ScheduleVersionMeta } from "@/lib/schedule/shared.ts";
import {
  countsText,
  dayText,
  defaultPair,
  isVersionAction,
  lockedText,
  stillThere,
  versionEventText,
  withVersionEvent,
} from "./model.ts";

function meta(
  id: string,
  createdAt: string,
  over: Partial<ScheduleVersionMeta> = {},
): ScheduleVersionMeta {
  return {
    id,
    name: `Version ${id}`,
    createdAt,
    createdBy: "u1",
    createdByName: "Pat Lee",
    locked: false,
    lockedAt: null,
    lockedByName: null,
    scheduled: 10,
    days: 4,
    ...over,
  };
}

Deno.test("versions page - live events keep the list newest first, each version once", () => {
  const old = meta("a", "2027-01-01T10:00:00Z");
  const mid = meta("b", "2027-01-02T10:00:00Z");
  let list = withVersionEvent([mid, old], "version_saved", mid);
  assert.deepEqual(list.map((v) => v.id), ["b", "a"]);
  const fresh = meta("c", "2027-01-03T10:00:00Z");
  list = withVersionEvent(list, "version_saved", fresh);
  assert.deepEqual(list.map((v) => v.id), ["c", "b", "a"]);
  list = withVersionEvent(list, "version_locked", { ...old, locked: true });
  assert.deepEqual(list.map((v) => [v.id, v.locked]), [
    ["c", false],
    ["b", false],
    ["a", true],
  ]);
  list = withVersionEvent(list, "version_deleted", mid);
  assert.deepEqual(list.map((v) => v.id), ["c", "a"]);
  // A lock of a version this list never had (deleted meanwhile) adds nothing.
  assert.deepEqual(
    withVersionEvent(
      list,
      "version_unlocked",
      meta("z", "2027-01-09T00:00:00Z"),
    )
      .map((v) => v.id),
    ["c", "a"],
  );
  assert.ok(isVersionAction("version_unlocked"));
  assert.ok(!isVersionAction("board"));
});

Deno.test("versions page - the words for a version and a move", () => {
  const locked = meta("a", "2027-01-01T10:00:00Z", {
    locked: true,
    lockedAt: "2027-02-01T09:00:00Z",
    lockedByName: "Marcus Obi",
  });
  assert.equal(
    lockedText(locked, "Europe/Oslo"),
    "Shooting schedule — locked by Marcus Obi on 1 Feb 2027",
  );
  assert.equal(
    versionEventText("version_saved", locked, "Marcus Obi"),
    "Marcus Obi saved “Version a” and locked it as the shooting schedule",
  );
  assert.equal(
    versionEventText("version_deleted", locked, ""),
    "Someone deleted “Version a”",
  );
  assert.equal(countsText({ scheduled: 1, days: 1 }), "1 strip on 1 day");
  assert.equal(countsText({ scheduled: 12, days: 4 }), "12 strips on 4 days");
  assert.equal(dayText(3), "Day 3");
  assert.equal(dayText(null), "Boneyard");
});

Deno.test("versions page - a comparison starts from the shooting schedule against the working board", () => {
  const a = meta("a", "2027-01-01T10:00:00Z");
  const b = meta("b", "2027-01-02T10:00:00Z");
  assert.deepEqual(defaultPair([]), { a: "working", b: "working" });
  assert.deepEqual(defaultPair([b, a]), { a: "b", b: "working" });
  assert.deepEqual(defaultPair([b, { ...a, locked: true }]), {
    a: "a",
    b: "working",
  });
  assert.equal(stillThere("a", [a]), "a");
  assert.equal(stillThere("gone", [a]), "working");
  assert.equal(stillThere("working", []), "working");
});
