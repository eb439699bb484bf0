/**
 * How every form shows its errors, and the banner of the edit dialogs.
 * One mechanism for all forms, islands and server-rendered pages alike:
 *
 * - errors are a message per field name (`form` for the form as a whole),
 *   from the browser's own checks ({@linkcode missingFields}) or from the
 *   API's / zod's issues ({@linkcode issueErrors}), always every field at
 *   once;
 * - {@linkcode ErrorSummary} lists them at the top of the form, each
 *   linked to its field, and moves focus to the first invalid field;
 * - {@linkcode fieldErrors} wires each field: `id`, `aria-invalid`,
 *   `aria-describedby` pointing at its message, and `autofocus` on the
 *   first invalid one (so a page rendered after a post without JavaScript
 *   opens there too).
 *
 * Browser-safe: no zod, no server code.
 *
 * @module
 */
import { useEffect, useRef } from "preact/hooks";

/** A message per field name; `form` for a message about the whole form. */
export type FieldErrors = Record<string, string>;

/**
 * Error helpers for the fields of one form: `field(name)` gives the id and
 * ARIA attributes (ids `${prefix}-${name}`, or `name` with an empty
 * prefix), `error(name)` the message element (`…-error`). `order` names
 * the fields in form order; the first invalid one gets `autofocus`.
 */
export function fieldErrors(
  prefix: string,
  errors: FieldErrors,
  order: readonly string[] = [],
) {
  const id = (name: string) => prefix === "" ? name : `${prefix}-${name}`;
  const first = order.find((name) => errors[name]);
  return {
    id,
    /** Attributes of field `name`; `hint` is the id of its hint, if any. */
    field: (name: string, hint?: string) => {
      const described = [errors[name] ? `${id(name)}-error` : "", hint ?? ""]
        .filter(Boolean).join(" ");
      return {
        id: id(name),
        ...(errors[name] ? { "aria-invalid": true as const } : {}),
        ...(described ? { "aria-describedby": described } : {}),
        ...(name === first ? { autoFocus: true } : {}),
      };
    },
    error: (name: string) =>
      errors[name] && (
        <span class="field-error" id={`${id(name)}-error`}>{errors[name]}</span>
      ),
  };
}

/**
 * The errors of the API's validation details (zod issues, as
 * `{"error":{"details":[…]}}` carries them): one message per field, the
 * first issue of each, every field at once. `rename` maps API names to the
 * form's (`amountCents` → `amount`); issues without a path go to `form`.
 */
export function issueErrors(
  details: unknown,
  rename: Record<string, string> = {},
): FieldErrors {
  const errors: FieldErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const issue of details as { path?: unknown[]; message?: string }[]) {
    const key = String(issue?.path?.[0] ?? "form");
    errors[rename[key] ?? key] ??= issue?.message ?? "Check this field";
  }
  return errors;
}

/**
 * The browser's own check of required fields: `messages` names each
 * required field with the message it gets when blank (spaces count as
 * blank).
 */
export function missingFields<T extends object>(
  values: T,
  messages: Partial<Record<keyof T & string, string>>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, message] of Object.entries(messages)) {
    const value = (values as Record<string, unknown>)[name];
    if (typeof value !== "string" || value.trim() === "") {
      errors[name] = message as string;
    }
  }
  return errors;
}

/** Whether `next` only drops fields of `before` (someone fixing them). */
function onlyFewer(before: FieldErrors, next: FieldErrors): boolean {
  const names = Object.keys(next);
  return names.length < Object.keys(before).length &&
    names.every((name) => before[name] === next[name]);
}

const same = (a: FieldErrors, b: FieldErrors) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The form's error display, at its top: with field errors, a summary
 * (`message` as its title) listing each field's message as a link to the
 * field; with only a form-level message, that message. When new errors
 * arrive (a submit, a server answer, a page rendered with errors), focus
 * moves to the first invalid field in `labels` order; errors going away
 * as someone fixes fields leave focus where it is.
 */
export function ErrorSummary(
  { prefix, errors, labels, message, id }: {
    /** The prefix given to {@linkcode fieldErrors}. */
    prefix: string;
    errors: FieldErrors;
    /** Each field's label, in form order. */
    labels: Record<string, string>;
    /** A message for the form as a whole (a refusal, a conflict). */
    message?: string | null;
    /** An id for the message element. */
    id?: string;
  },
) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = useRef<FieldErrors>({});
  const fieldId = (name: string) => prefix === "" ? name : `${prefix}-${name}`;
  const names = Object.keys(labels).filter((name) => errors[name]);
  const others = Object.keys(errors).filter((name) => !(name in labels));

  useEffect(() => {
    // A new submit shows its errors afresh, even the same ones again.
    const form = ref.current?.closest("form");
    const reset = () => shown.current = {};
    form?.addEventListener("submit", reset, true);
    return () => form?.removeEventListener("submit", reset, true);
  }, []);

  useEffect(() => {
    const before = shown.current;
    shown.current = errors;
    if (names.length === 0 || same(before, errors)) return;
    if (onlyFewer(before, errors)) return;
    const target = document.getElementById(fieldId(names[0])) ??
      ref.current?.querySelector<HTMLElement>(".error-summary");
    target?.focus();
  }, [errors]);

  const text = message ?? (others.map((name) => errors[name]).join(" ") ||
    null);
  return (
    <div class="form-errors" ref={ref}>
      {names.length === 0
        ? text && <p class="form-error" role="alert" id={id}>{text}</p>
        : (
          <div class="form-error error-summary" role="alert" tabIndex={-1}>
            <p class="error-summary-title" id={id}>
              {message ??
                (names.length === 1
                  ? "Check this field:"
                  : `Check these ${names.length} fields:`)}
            </p>
            <ul>
              {names.map((name) => (
                <li key={name}>
                  <a
                    href={`#${fieldId(name)}`}
                    onClick={(e) => {
                      const field = document.getElementById(fieldId(name));
                      if (!field) return;
                      e.preventDefault();
                      field.focus();
                    }}
                  >
                    {labels[name]}: {errors[name]}
                  </a>
                </li>
              ))}
              {others.map((name) => <li key={name}>{errors[name]}</li>)}
            </ul>
          </div>
        )}
    </div>
  );
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
