import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
} from "@/components/FormFields.tsx";
import { formatDate } from "@/lib/format.ts";
import {
  KIND_LABELS,
  PRODUCTION_KINDS,
  type ProductionView,
  SETTINGS_LABELS,
  type SettingsField,
} from "@/lib/production/shared.ts";
import {
  DEFAULT_SHOT_CODE_PATTERN,
  shotCodeRule,
} from "@/lib/production/shot_code.ts";

/** The form's values as typed: departments one a line. */
export type SettingsDraft = Record<SettingsField, string>;

/** The form's values for the stored settings. */
export function draftOf(production: ProductionView): SettingsDraft {
  return {
    title: production.title,
    slug: production.slug,
    kind: production.kind,
    company: production.company,
    currency: production.currency,
    timeZone: production.timeZone,
    startDate: production.startDate,
    wrapDate: production.wrapDate,
    departments: production.departments.join("\n"),
    shotCodePattern: production.shotCodePattern,
    vfxBudgetCategoryId: production.vfxBudgetCategoryId ?? "",
  };
}

/** A budget line the VFX bids may commit against: its id and "code name". */
export interface BudgetLineChoice {
  id: string;
  label: string;
}

const currencyName = new Intl.DisplayNames(["en"], { type: "currency" });
const CURRENCIES = Intl.supportedValuesOf("currency");
const ZONES = Intl.supportedValuesOf("timeZone");

/** `list` with `value` in it (a stored value the runtime no longer lists). */
function including(list: readonly string[], ...values: string[]): string[] {
  const missing = values.filter((v) => v !== "" && !list.includes(v));
  return [...missing, ...list];
}

/**
 * The settings form (producers and production managers): every field's
 * error at once, each field's hint and message wired to it, and — after a
 * save that lost to someone else's — what they saved beside each field.
 */
export function SettingsForm(
  {
    production,
    draft,
    errors,
    message,
    savedMeanwhile,
    currencyLocked,
    unlisted,
    budgetLines,
  }: {
    production: ProductionView;
    draft: SettingsDraft;
    errors: FieldErrors;
    message: string | null;
    savedMeanwhile: Partial<SettingsDraft>;
    currencyLocked: boolean;
    unlisted: string[];
    /** The budget's lines, for the VFX line (production office only). */
    budgetLines: BudgetLineChoice[];
  },
) {
  const { field, error, id } = fieldErrors(
    "settings",
    errors,
    Object.keys(SETTINGS_LABELS),
  );
  const hintId = (name: string) => `${id(name)}-hint`;
  const meanwhile = (name: SettingsField) =>
    savedMeanwhile[name] !== undefined && (
      <span class="field-hint settings-meanwhile">
        Saved meanwhile: {savedMeanwhile[name] === ""
          ? "(empty)"
          : savedMeanwhile[name]!.split("\n").join(", ")}
      </span>
    );
  const text = (
    name: SettingsField,
    more: Record<string, unknown> = {},
    hint?: string,
    wide = false,
  ) => (
    <label class={wide ? "field settings-wide" : "field"}>
      <span>{SETTINGS_LABELS[name]}</span>
      <input
        name={name}
        value={draft[name]}
        {...more}
        {...field(name, hint ? hintId(name) : undefined)}
      />
      {hint && <span class="field-hint" id={hintId(name)}>{hint}</span>}
      {error(name)}
      {meanwhile(name)}
    </label>
  );
  const rule = shotCodeRule(production.shotCodePattern);
  return (
    <form method="post" class="settings-form" noValidate>
      <input type="hidden" name="version" value={production.version} />
      <ErrorSummary
        prefix="settings"
        errors={errors}
        labels={SETTINGS_LABELS}
        message={message}
      />
      <div class="form-grid">
        {text("title", { required: true, maxLength: 200 })}
        {text(
          "slug",
          { required: true, autocapitalize: "none", spellcheck: false },
          "Lower-case letters, digits and dashes, e.g. northern-lights: the production’s name in addresses.",
        )}
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
          {meanwhile("kind")}
        </label>
        {text("company", { maxLength: 200 })}
        {currencyLocked
          ? text(
            "currency",
            { readOnly: true },
            `The budget or the VFX bids hold amounts in ${production.currency}, so it stays.`,
          )
          : (
            <label class="field">
              <span>{SETTINGS_LABELS.currency}</span>
              <select
                name="currency"
                {...field("currency", hintId("currency"))}
              >
                {including(CURRENCIES, draft.currency).map((code) => (
                  <option value={code} selected={code === draft.currency}>
                    {code} — {currencyName.of(code) ?? code}
                  </option>
                ))}
              </select>
              <span class="field-hint" id={hintId("currency")}>
                Budget amounts are kept in it; it cannot change once there are
                any.
              </span>
              {error("currency")}
              {meanwhile("currency")}
            </label>
          )}
        <label class="field">
          <span>{SETTINGS_LABELS.timeZone}</span>
          <select name="timeZone" {...field("timeZone", hintId("timeZone"))}>
            {including(ZONES, "UTC", draft.timeZone).map((zone) => (
              <option value={zone} selected={zone === draft.timeZone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          <span class="field-hint" id={hintId("timeZone")}>
            Every date and time of the production is shown in it.
          </span>
          {error("timeZone")}
          {meanwhile("timeZone")}
        </label>
        {text("startDate", { type: "date", required: true })}
        {text("wrapDate", { type: "date", required: true })}
        <label class="field settings-wide">
          <span>{SETTINGS_LABELS.departments}</span>
          <textarea
            name="departments"
            rows={Math.min(
              Math.max(draft.departments.split("\n").length, 4),
              14,
            )}
            {...field("departments", hintId("departments"))}
          >
            {draft.departments}
          </textarea>
          <span class="field-hint" id={hintId("departments")}>
            One a line, in the order lists show them.
            {unlisted.length > 0 &&
              ` Tasks also use: ${unlisted.join(", ")}.`}
          </span>
          {error("departments")}
          {meanwhile("departments")}
        </label>
        {text(
          "shotCodePattern",
          {
            required: true,
            autocapitalize: "characters",
            spellcheck: false,
            maxLength: 40,
          },
          `PREFIX (2–8 capital letters or digits), EPISODE (3 digits), SEQ (3 digits) and SHOT (4 digits), joined by _, - or .; a digit after one fixes its width (SEQ4), and letters before one are kept (SCSEQ). Default ${DEFAULT_SHOT_CODE_PATTERN}; codes now look like ${rule.example}.`,
          true,
        )}
        <label class="field settings-wide">
          <span>{SETTINGS_LABELS.vfxBudgetCategoryId}</span>
          <select
            name="vfxBudgetCategoryId"
            {...field("vfxBudgetCategoryId", hintId("vfxBudgetCategoryId"))}
          >
            <option value="" selected={draft.vfxBudgetCategoryId === ""}>
              None
            </option>
            {budgetLines.map((line) => (
              <option
                value={line.id}
                selected={line.id === draft.vfxBudgetCategoryId}
              >
                {line.label}
              </option>
            ))}
          </select>
          <span class="field-hint" id={hintId("vfxBudgetCategoryId")}>
            The shots’ bids show in the budget as this line’s committed cost
            (omitted shots left out).
          </span>
          {error("vfxBudgetCategoryId")}
          {savedMeanwhile.vfxBudgetCategoryId !== undefined && (
            <span class="field-hint settings-meanwhile">
              Saved meanwhile: {budgetLines.find((l) =>
                l.id === savedMeanwhile.vfxBudgetCategoryId
              )?.label ?? "None"}
            </span>
          )}
        </label>
      </div>
      <button type="submit" class="button button-primary">Save settings</button>
    </form>
  );
}

/** The settings as every member sees them (no form). */
export function SettingsFacts({ production }: { production: ProductionView }) {
  const zone = production.timeZone;
  return (
    <dl class="facts settings-facts">
      <dt>{SETTINGS_LABELS.title}</dt>
      <dd>{production.title}</dd>
      <dt>{SETTINGS_LABELS.kind}</dt>
      <dd>{KIND_LABELS[production.kind]}</dd>
      <dt>{SETTINGS_LABELS.company}</dt>
      <dd>{production.company || "—"}</dd>
      <dt>{SETTINGS_LABELS.currency}</dt>
      <dd>
        {production.currency} — {currencyName.of(production.currency)}
      </dd>
      <dt>{SETTINGS_LABELS.timeZone}</dt>
      <dd>{zone.replaceAll("_", " ")}</dd>
      <dt>Shoot</dt>
      <dd>
        {formatDate(production.startDate, zone)} –{" "}
        {formatDate(production.wrapDate, zone)}
      </dd>
      <dt>{SETTINGS_LABELS.departments}</dt>
      <dd>{production.departments.join(", ") || "—"}</dd>
      <dt>Shot codes</dt>
      <dd>
        {production.shotCodePattern}, e.g.{" "}
        {shotCodeRule(production.shotCodePattern).example}
      </dd>
    </dl>
  );
}
