import { fieldErrors } from "@/components/FormFields.tsx";
import { useHref } from "@/components/production_path.ts";
import {
  type Element,
  elementLabel,
  MAX_ELEMENT_NAME,
} from "@/lib/elements/shared.ts";

/** What a refused form post shows again: which form, its text, the message. */
export interface PostedElementForm {
  intent: "rename" | "merge";
  message: string;
  /** The name as typed (rename), or the element picked (merge). */
  value: string;
}

/**
 * Rename: one field, posted to the element's page (no script needed); the
 * version guards against renaming over someone else's change.
 */
export function RenameForm(
  { element, posted }: {
    element: Element;
    posted: PostedElementForm | null;
  },
) {
  const href = useHref();
  const mine = posted?.intent === "rename" ? posted : null;
  const { field, error } = fieldErrors(
    "rename",
    mine ? { name: mine.message } : {},
    ["name"],
  );
  return (
    <form
      method="post"
      action={href(`/elements/${element.id}`)}
      class="card element-form"
      aria-labelledby="rename-title"
    >
      <h2 id="rename-title">Rename</h2>
      <p class="muted">
        Every scene of the current drafts follows; the old name keeps leading
        here.
      </p>
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="version" value={element.version} />
      <label class="field" for="rename-name">
        <span>New name</span>
        <input
          {...field("name")}
          type="text"
          name="name"
          required
          maxLength={MAX_ELEMENT_NAME}
          value={mine?.value ?? element.name}
          autoComplete="off"
        />
        {error("name")}
      </label>
      <div class="form-actions">
        <button type="submit" class="button button-primary">Rename</button>
      </div>
    </form>
  );
}

/**
 * Merge: pick another element of the category; this one is merged into
 * it (its tags become the other's, its page leads there).
 */
export function MergeForm(
  { element, others, posted }: {
    element: Element;
    /** The other elements of the category, in list order. */
    others: Element[];
    posted: PostedElementForm | null;
  },
) {
  const href = useHref();
  const mine = posted?.intent === "merge" ? posted : null;
  const { field, error } = fieldErrors(
    "merge",
    mine ? { into: mine.message } : {},
    ["into"],
  );
  return (
    <form
      method="post"
      action={href(`/elements/${element.id}`)}
      class="card element-form"
      aria-labelledby="merge-title"
    >
      <h2 id="merge-title">Merge</h2>
      <p class="muted">
        Two names for the same thing? Merge “{element.name}” into the other: its
        tags take the other's name and this element goes.
      </p>
      {others.length === 0
        ? (
          <p class="muted" data-empty="merge">
            No other element of this category to merge into.
          </p>
        )
        : (
          <>
            <input type="hidden" name="intent" value="merge" />
            <label class="field" for="merge-into">
              <span>Merge into</span>
              <select {...field("into")} name="into" required>
                <option value="">Pick an element…</option>
                {others.map((o) => (
                  <option value={o.id} selected={mine?.value === o.id}>
                    {elementLabel(o)}
                  </option>
                ))}
              </select>
              {error("into")}
            </label>
            <div class="form-actions">
              <button type="submit" class="button">Merge</button>
            </div>
          </>
        )}
    </form>
  );
}
