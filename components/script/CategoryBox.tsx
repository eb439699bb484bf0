import {
  type BreakdownCategory,
  CATEGORY_LABELS,
  MAX_TAG_LENGTH,
} from "@/lib/script/shared.ts";
import { elementLookupPath } from "@/lib/elements/shared.ts";
import { useHref } from "@/components/production_path.ts";
import { CategoryLabel, categoryVars } from "./CategoryLabel.tsx";
import { Hidden } from "./SheetCards.tsx";

/**
 * One box of the sheet: the category's label, colour and tags, each tag
 * (but notes) a link to its element.
 */
export function CategoryBox(
  { category, tags, version, editable, busy, onAdd, onRemove }: {
    category: BreakdownCategory;
    tags: string[];
    version: number;
    editable: boolean;
    busy: boolean;
    onAdd: (tag: string, form: HTMLFormElement) => void;
    onRemove: (tag: string) => void;
  },
) {
  const href = useHref();
  const label = CATEGORY_LABELS[category];
  const inputId = `add-${category}`;
  return (
    <section
      class="bd-category"
      data-category={category}
      style={categoryVars(category)}
      aria-label={label}
    >
      <h3 class="bd-category-title">
        <CategoryLabel category={category} />
        <span class="bd-count muted">{tags.length || ""}</span>
      </h3>
      {tags.length > 0
        ? (
          <ul class="bd-tags">
            {tags.map((tag) => (
              <li class="bd-tag" key={tag}>
                {category === "notes"
                  ? <span class="bd-tag-text">{tag}</span>
                  : (
                    <a
                      class="bd-tag-text"
                      href={href(elementLookupPath(category, tag))}
                    >
                      {tag}
                    </a>
                  )}
                {editable && (
                  <form
                    method="post"
                    class="bd-remove"
                    onSubmit={(e) => {
                      e.preventDefault();
                      onRemove(tag);
                    }}
                  >
                    <Hidden
                      intent="remove"
                      version={version}
                      extra={{ category, tag }}
                    />
                    <button
                      type="submit"
                      class="bd-remove-button"
                      aria-label={`Remove ${tag} from ${label}`}
                      title="Remove"
                      disabled={busy}
                    >
                      ×
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )
        : <p class="bd-empty muted">None</p>}
      {editable && (
        <form
          method="post"
          class="bd-add"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget as HTMLFormElement;
            const tag = (form.elements.namedItem("tag") as HTMLInputElement)
              .value.trim();
            if (tag !== "") onAdd(tag, form);
          }}
        >
          <Hidden intent="add" version={version} extra={{ category }} />
          <label class="visually-hidden" for={inputId}>
            Add to {label}
          </label>
          <input
            id={inputId}
            type="text"
            name="tag"
            required
            maxLength={MAX_TAG_LENGTH}
            placeholder="Add…"
            autoComplete="off"
          />
          <button type="submit" class="button button-small" disabled={busy}>
            Add
          </button>
        </form>
      )}
    </section>
  );
}
