/**
 * Pieces every edit dialog shares: field error wiring and the banner shown
 * when someone else changed the record being edited. Browser-safe.
 *
 * @module
 */

/**
 * Error helpers for the fields of one form: `field(name)` gives the ARIA
 * attributes, `error(name)` the message element, with ids `${prefix}-${name}-error`.
 */
export function fieldErrors(prefix: string, errors: Record<string, string>) {
  const id = (name: string) => `${prefix}-${name}-error`;
  return {
    field: (name: string) =>
      errors[name]
        ? { "aria-invalid": true, "aria-describedby": id(name) }
        : {},
    error: (name: string) =>
      errors[name] && (
        <span class="field-error" id={id(name)}>{errors[name]}</span>
      ),
  };
}

/** The text of a form field, "" when absent. */
export function formText(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => String(data.get(name) ?? "");
}

/** "Someone else changed this … while you were editing", with a way to load it. */
export function ConflictBanner(
  { what, onLoadLatest }: { what: string; onLoadLatest: () => void },
) {
  return (
    <div class="form-error" role="alert">
      Someone else changed this {what} while you were editing.{" "}
      <button type="button" class="button button-quiet" onClick={onLoadLatest}>
        Load their version
      </button>
    </div>
  );
}
