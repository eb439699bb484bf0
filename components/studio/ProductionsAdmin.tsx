import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
} from "@/components/FormFields.tsx";
import {
  KIND_LABELS,
  PRODUCTION_KINDS,
  SETTINGS_LABELS,
} from "@/lib/production/shared.ts";
import type { StudioProductionView } from "@/lib/studio/shared.ts";

/** The new-production form's fields, in order, as its summary names them. */
export const NEW_PRODUCTION_LABELS = {
  title: SETTINGS_LABELS.title,
  slug: SETTINGS_LABELS.slug,
  kind: SETTINGS_LABELS.kind,
  company: SETTINGS_LABELS.company,
  currency: SETTINGS_LABELS.currency,
  timeZone: SETTINGS_LABELS.timeZone,
  startDate: SETTINGS_LABELS.startDate,
  wrapDate: SETTINGS_LABELS.wrapDate,
};

const currencyName = new Intl.DisplayNames(["en"], { type: "currency" });
const CURRENCIES = Intl.supportedValuesOf("currency");
const ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone")];

/**
 * Every production of the studio (name, kind, team size, archived or
 * not) with a button to archive it or bring it back: plain form posts to
 * the admin page. `mine` names the productions the admin is a member of,
 * which link to their pages.
 */
export function ProductionsTable(
  { productions, mine }: {
    productions: StudioProductionView[];
    mine: ReadonlySet<string>;
  },
) {
  return (
    <div
      class="table-wrap"
      tabIndex={0}
      role="region"
      aria-label="Production table"
    >
      <table class="table admin-table">
        <thead>
          <tr>
            <th scope="col">Production</th>
            <th scope="col">Kind</th>
            <th scope="col">Members</th>
            <th scope="col">State</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {productions.map((p) => (
            <tr key={p.id} class={p.archived ? "inactive" : ""}>
              <td class="admin-title">
                {mine.has(p.id) ? <a href={`/p/${p.slug}`}>{p.title}</a> : (
                  p.title
                )} <span class="muted">/p/{p.slug}</span>
              </td>
              <td data-label="Kind">{KIND_LABELS[p.kind]}</td>
              <td data-label="Members">{p.memberCount}</td>
              <td data-label="State">
                {p.archived ? "Archived (read-only)" : "Active"}
              </td>
              <td>
                <form method="post" class="inline-form">
                  <input
                    type="hidden"
                    name="intent"
                    value={p.archived ? "unarchive" : "archive"}
                  />
                  <input type="hidden" name="id" value={p.id} />
                  <button
                    type="submit"
                    class="button button-quiet"
                    aria-label={`${
                      p.archived ? "Unarchive" : "Archive"
                    } ${p.title}`}
                  >
                    {p.archived ? "Unarchive" : "Archive"}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "New production": its name (the slug is made from it unless given),
 * kind, company, currency, time zone and shoot dates. Departments and the
 * shot-code pattern start at the defaults; its producer changes them on
 * its settings page.
 */
export function NewProductionForm(
  { errors, draft, message }: {
    errors: FieldErrors;
    draft: Record<string, string>;
    message: string | null;
  },
) {
  const { field, error, id } = fieldErrors(
    "production",
    errors,
    Object.keys(NEW_PRODUCTION_LABELS),
  );
  const hint = (name: string) => `${id(name)}-hint`;
  const currency = draft.currency || "EUR";
  const zone = draft.timeZone || "UTC";
  return (
    <section class="card form-card" aria-labelledby="new-production-title">
      <h3 id="new-production-title">New production</h3>
      <p class="muted">You become its producer, so you can add its team.</p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="create_production" />
        <ErrorSummary
          prefix="production"
          errors={errors}
          labels={NEW_PRODUCTION_LABELS}
          message={message}
        />
        <div class="form-grid">
          <label class="field">
            <span>{SETTINGS_LABELS.title}</span>
            <input
              name="title"
              required
              maxLength={200}
              value={draft.title ?? ""}
              {...field("title")}
            />
            {error("title")}
          </label>
          <label class="field">
            <span>{SETTINGS_LABELS.slug} (optional)</span>
            <input
              name="slug"
              autocapitalize="none"
              spellcheck={false}
              value={draft.slug ?? ""}
              {...field("slug", hint("slug"))}
            />
            <span class="field-hint" id={hint("slug")}>
              Its name in addresses (/p/…); made from the name when left blank.
            </span>
            {error("slug")}
          </label>
          <label class="field">
            <span>{SETTINGS_LABELS.kind}</span>
            <select name="kind" {...field("kind")}>
              {PRODUCTION_KINDS.map((kind) => (
                <option value={kind} selected={kind === draft.kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
            {error("kind")}
          </label>
          <label class="field">
            <span>{SETTINGS_LABELS.company} (optional)</span>
            <input
              name="company"
              maxLength={200}
              value={draft.company ?? ""}
              {...field("company")}
            />
            {error("company")}
          </label>
          <label class="field">
            <span>{SETTINGS_LABELS.currency}</span>
            <select name="currency" {...field("currency")}>
              {CURRENCIES.map((code) => (
                <option value={code} selected={code === currency}>
                  {code} — {currencyName.of(code) ?? code}
                </option>
              ))}
            </select>
            {error("currency")}
          </label>
          <label class="field">
            <span>{SETTINGS_LABELS.timeZone}</span>
            <select name="timeZone" {...field("timeZone")}>
              {ZONES.map((z) => (
                <option value={z} selected={z === zone}>
                  {z.replaceAll("_", " ")}
                </option>
              ))}
            </select>
            {error("timeZone")}
          </label>
          <label class="field">
            <span>{SETTINGS_LABELS.startDate}</span>
            <input
              name="startDate"
              type="date"
              required
              value={draft.startDate ?? ""}
              {...field("startDate")}
            />
            {error("startDate")}
          </label>
          <label class="field">
            <span>{SETTINGS_LABELS.wrapDate}</span>
            <input
              name="wrapDate"
              type="date"
              required
              value={draft.wrapDate ?? ""}
              {...field("wrapDate")}
            />
            {error("wrapDate")}
          </label>
        </div>
        <button type="submit" class="button button-primary">
          Create production
        </button>
      </form>
    </section>
  );
}
