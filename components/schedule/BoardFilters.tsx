import { DAY_NIGHTS, type DayNight } from "@/lib/schedule/colors.ts";
import {
  isFiltering,
  matchesFilter,
  setsOf,
  type StripFilter,
} from "@/lib/schedule/filter.ts";
import type { CastEntry, Strip } from "@/lib/schedule/shared.ts";

/**
 * The board's filters: one cast member, one set, interiors or exteriors,
 * one time of day. Strips that do not match are dimmed, never moved.
 * Loaded by the island when "Highlight strips…" is first opened.
 */
export function BoardFilters(
  { filter, cast, strips, onChange }: {
    filter: StripFilter;
    cast: CastEntry[];
    strips: Strip[];
    onChange: (filter: StripFilter) => void;
  },
) {
  const set = (change: Partial<StripFilter>) =>
    onChange({ ...filter, ...change });
  const value = (e: Event) => (e.currentTarget as HTMLSelectElement).value;
  return (
    <fieldset class="sb-filters">
      <legend class="visually-hidden">Highlight strips</legend>
      <label class="field">
        <span>Cast</span>
        <select
          value={filter.castId === undefined ? "" : String(filter.castId)}
          onChange={(e) =>
            set({ castId: value(e) === "" ? undefined : Number(value(e)) })}
        >
          <option value="">Anyone</option>
          {cast.map((c) => (
            <option key={c.castNumber} value={c.castNumber}>
              {c.castNumber}. {c.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Set</span>
        <select
          value={filter.set ?? ""}
          onChange={(e) => set({ set: value(e) || undefined })}
        >
          <option value="">Any set</option>
          {setsOf(strips).map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label class="field">
        <span>INT/EXT</span>
        <select
          value={filter.side ?? ""}
          onChange={(e) =>
            set({ side: (value(e) || undefined) as StripFilter["side"] })}
        >
          <option value="">Both</option>
          <option value="INT">INT</option>
          <option value="EXT">EXT</option>
        </select>
      </label>
      <label class="field">
        <span>Time of day</span>
        <select
          value={filter.dayNight ?? ""}
          onChange={(e) =>
            set({ dayNight: (value(e) || undefined) as DayNight | undefined })}
        >
          <option value="">Any</option>
          {DAY_NIGHTS.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </label>
      {isFiltering(filter) && (
        <p class="sb-filter-count" role="status">
          {strips.filter((s) => matchesFilter(s, filter)).length} of{" "}
          {strips.length} strips match.{" "}
          <button
            type="button"
            class="button button-small button-quiet"
            onClick={() => onChange({})}
          >
            Clear
          </button>
        </p>
      )}
    </fieldset>
  );
}
