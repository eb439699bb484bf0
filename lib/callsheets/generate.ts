/**
 * A call sheet's content from the schedule, as pure functions: the draft
 * of a shooting day (its scenes, cast, sets, the next day in advance, the
 * production's departments and every active member on the general call),
 * and a refresh that takes the schedule's scenes and cast again while
 * keeping what the office typed (actors, times, addresses, notes).
 *
 * @module
 */
import type { ScheduleView, Strip } from "@/lib/schedule/shared.ts";
import { ROLES } from "@/lib/roles.ts";
import type { Role } from "@/lib/roles.ts";
import {
  addMinutes,
  type AdvanceDay,
  type CallSheet,
  type CallSheetScene,
  type CallSheetSource,
  type CastCall,
  type CrewCall,
  DEFAULT_CAST_PREP_MINUTES,
  DEFAULT_GENERAL_CALL,
  type DepartmentNote,
  MAX_CALLED,
  MAX_DEPARTMENT_NOTES,
  MAX_LOCATIONS,
  MAX_NAME_LENGTH,
  MAX_SHEET_SCENES,
  type SetAddress,
} from "./shared.ts";

/** The part of the schedule a sheet is made from. */
export type ScheduleDays = Pick<ScheduleView, "days" | "strips" | "cast">;

/** A member who may be called by default. */
export interface MemberLine {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

/** What the schedule gives a sheet (refreshed on demand). */
export type ScheduledPart = Pick<
  CallSheet,
  "day" | "date" | "totalDays" | "source" | "scenes" | "advance"
>;

const cut = (text: string, max: number) => text.slice(0, max);

function scenesOf(view: ScheduleDays, index: number): CallSheetScene[] {
  const day = view.days[index];
  if (day === undefined) return [];
  const byKey = new Map<string, Strip>(view.strips.map((s) => [s.sceneKey, s]));
  return day.rows.flatMap((row) => {
    const strip = row.type === "strip" ? byKey.get(row.sceneKey) : undefined;
    return strip === undefined ? [] : [{
      sceneKey: strip.sceneKey,
      number: strip.number,
      set: strip.set,
      setting: strip.setting,
      dayNight: strip.dayNight,
      eighths: strip.eighths,
      synopsis: strip.synopsis,
      castIds: [...strip.castIds],
    }];
  });
}

/** How many scenes shooting day `day` (1-based) holds. */
export function sceneCount(view: ScheduleDays, day: number): number {
  return scenesOf(view, day - 1).length;
}

function advanceOf(view: ScheduleDays, day: number): AdvanceDay | null {
  const next = view.days[day];
  if (next === undefined) return null;
  return {
    day: next.number,
    date: next.date,
    eighths: next.eighths,
    scenes: scenesOf(view, day).slice(0, MAX_SHEET_SCENES * 4),
  };
}

/**
 * The schedule's part of day `day`'s sheet, or null when the schedule has
 * no such day. Throws nothing: the caller checks the scene limit.
 */
export function scheduledPart(
  view: ScheduleDays,
  day: number,
  source: CallSheetSource,
): ScheduledPart | null {
  const found = view.days[day - 1];
  if (found === undefined) return null;
  return {
    day,
    date: found.date,
    totalDays: view.days.length,
    source,
    scenes: scenesOf(view, day - 1),
    advance: advanceOf(view, day),
  };
}

/** The day's cast, in cast-number order, with default times. */
export function castOf(
  view: ScheduleDays,
  scenes: readonly CallSheetScene[],
  generalCall: string,
  keep: readonly CastCall[] = [],
): CastCall[] {
  const names = new Map(view.cast.map((c) => [c.castNumber, c.name]));
  const kept = new Map(keep.map((c) => [c.castNumber, c]));
  const numbers = [...new Set(scenes.flatMap((s) => s.castIds))]
    .sort((a, b) => a - b);
  return numbers.map((n) => {
    const character = cut(names.get(n) ?? `Cast ${n}`, MAX_NAME_LENGTH) ||
      `Cast ${n}`;
    const before = kept.get(n);
    return before ? { ...before, character } : {
      castNumber: n,
      character,
      actor: "",
      call: generalCall,
      onSet: addMinutes(generalCall, DEFAULT_CAST_PREP_MINUTES),
      note: "",
    };
  });
}

/**
 * One address line per set of the day, in scene order, keeping the
 * addresses typed before; other lines the office added (base camp,
 * parking) stay after them while they hold an address.
 */
export function locationsOf(
  scenes: readonly CallSheetScene[],
  keep: readonly SetAddress[] = [],
): SetAddress[] {
  const typed = new Map(keep.map((l) => [l.set.toLowerCase(), l.address]));
  const sets = [
    ...new Set(scenes.map((s) => cut(s.set.trim(), MAX_NAME_LENGTH))),
  ].filter((s) => s !== "");
  const lines = sets.map((set) => ({
    set,
    address: typed.get(set.toLowerCase()) ?? "",
  }));
  const taken = new Set(sets.map((s) => s.toLowerCase()));
  const extra = keep.filter((l) =>
    !taken.has(l.set.toLowerCase()) && l.address !== ""
  );
  return [...lines, ...extra].slice(0, MAX_LOCATIONS);
}

/** An empty note per department of the production. */
export function departmentNotesOf(
  departments: readonly string[],
): DepartmentNote[] {
  const seen = new Set<string>();
  const out: DepartmentNote[] = [];
  for (const d of departments) {
    const department = cut(d.trim(), MAX_NAME_LENGTH);
    if (department === "" || seen.has(department.toLowerCase())) continue;
    seen.add(department.toLowerCase());
    out.push({ department, text: "" });
  }
  return out.slice(0, MAX_DEPARTMENT_NOTES);
}

/** Every active member on the general call, by role then name. */
export function defaultCrew(members: readonly MemberLine[]): CrewCall[] {
  return members.filter((m) => m.active)
    .sort((a, b) =>
      ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
      a.name.localeCompare(b.name)
    )
    .slice(0, MAX_CALLED)
    .map((m) => ({ userId: m.id, call: null }));
}

/** A new draft's content (everything but the record's own fields). */
export function draftSheet(
  part: ScheduledPart,
  view: ScheduleDays,
  departments: readonly string[],
  members: readonly MemberLine[],
  createdBy: string,
): Omit<CallSheet, "id" | "version" | "createdAt" | "updatedAt"> {
  const generalCall = DEFAULT_GENERAL_CALL;
  return {
    ...part,
    status: "draft",
    revision: 0,
    publishedAt: null,
    revisedAt: null,
    generalCall,
    cast: castOf(view, part.scenes, generalCall),
    crew: defaultCrew(members),
    locations: locationsOf(part.scenes),
    departmentNotes: departmentNotesOf(departments),
    hospital: { name: "", address: "", phone: "" },
    weather: "",
    sunrise: "",
    sunset: "",
    notes: "",
    createdBy,
  };
}

/** What a refresh changes: the schedule's part, the cast and the sets. */
export function refreshedSheet(
  sheet: CallSheet,
  part: ScheduledPart,
  view: ScheduleDays,
): Pick<CallSheet, keyof ScheduledPart | "cast" | "locations"> {
  return {
    ...part,
    cast: castOf(view, part.scenes, sheet.generalCall, sheet.cast),
    locations: locationsOf(part.scenes, sheet.locations),
  };
}
