import type { ComponentChildren } from "preact";
import { useHref } from "./production_path.ts";

/** One choice of a {@linkcode FilterSelect}. */
export interface FilterOption {
  value: string;
  label: string;
}

/**
 * The filter bar of a list page: a plain GET form, so filters live in the
 * URL (bookmarks, back button, no script needed). The page reads them back
 * with `lenientQuery`, which drops what a stale link gets wrong.
 *
 * @example
 * ```tsx
 * <FilterForm label="Filter shots" clearHref="/vfx">
 *   <FilterSelect name="status" label="Status" anyLabel="Any"
 *     options={statuses} selected={filters.status} />
 * </FilterForm>
 * ```
 */
export function FilterForm(props: {
  /** The form's accessible name ("Filter tasks"). */
  label: string;
  /** Extra classes beside `filters`. */
  class?: string;
  /**
   * Where "Clear" leads (production-relative, like `/vfx`); no link when
   * absent.
   */
  clearHref?: string | null;
  children: ComponentChildren;
}) {
  const href = useHref();
  return (
    <form
      class={props.class ? `filters ${props.class}` : "filters"}
      method="get"
      aria-label={props.label}
    >
      {props.children}
      <button type="submit" class="button">Apply</button>
      {props.clearHref && (
        <a class="button button-quiet" href={href(props.clearHref)}>Clear</a>
      )}
    </form>
  );
}

/** A labelled `<select>` of a filter form, with an "any" choice first. */
export function FilterSelect(props: {
  name: string;
  label: string;
  /** The text of the empty choice ("Any", "Anyone", "All categories"). */
  anyLabel: string;
  options: FilterOption[];
  /** The value chosen now, if any. */
  selected?: string;
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <select name={props.name}>
        <option value="">{props.anyLabel}</option>
        {props.options.map((o) => (
          <option
            key={o.value}
            value={o.value}
            selected={props.selected === o.value}
          >
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
