import { page } from "fresh";
import { issueErrors } from "@/components/FormFields.tsx";
import {
  type BudgetLineChoice,
  draftOf,
  type SettingsDraft,
  SettingsFacts,
  SettingsForm,
} from "@/components/production/SettingsForm.tsx";
import { getBudget } from "@/lib/budget/service.ts";
import { readForm } from "@/lib/http/body.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { can } from "@/lib/policy.ts";
import { ProductionPatchSchema } from "@/lib/production/schemas.ts";
import {
  amountsHeld,
  getSettings,
  unlistedDepartments,
  updateProduction,
} from "@/lib/production/service.ts";
import {
  type ProductionView,
  SETTINGS_FIELDS,
} from "@/lib/production/shared.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";
import { inProduction } from "@/lib/production/paths.ts";

interface SettingsData {
  production: ProductionView;
  editor: boolean;
  currencyLocked: boolean;
  unlisted: string[];
  budgetLines: BudgetLineChoice[];
  notice: string | null;
  error: string | null;
  fieldErrors: Record<string, string>;
  draft: SettingsDraft;
  savedMeanwhile: Partial<SettingsDraft>;
}

async function load(
  cx: ServiceContext,
  rest: Partial<SettingsData> = {},
): Promise<SettingsData> {
  const production = await getSettings(cx);
  const editor = can(cx.actor, "production", "write");
  return {
    production,
    editor,
    currencyLocked: editor && await amountsHeld(cx.kv),
    unlisted: editor
      ? await unlistedDepartments(cx, production.departments)
      : [],
    // The lines only for who reads the budget (the editors do).
    budgetLines: editor && can(cx.actor, "budget", "read")
      ? (await getBudget(cx)).categories.map((c) => ({
        id: c.id,
        label: `${c.code} ${c.name}`,
      }))
      : [],
    notice: null,
    error: null,
    fieldErrors: {},
    draft: draftOf(production),
    savedMeanwhile: {},
    ...rest,
  };
}

/** The departments typed one a line: trimmed, blank lines dropped. */
function departmentsOf(text: string): string[] {
  return text.split(/\r?\n/).map((d) => d.trim()).filter((d) => d !== "");
}

/** The form's fields as the API's patch. */
function patchOf(draft: SettingsDraft): Record<string, unknown> {
  return {
    ...draft,
    departments: departmentsOf(draft.departments),
    vfxBudgetCategoryId: draft.vfxBudgetCategoryId || null,
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    const saved = ctx.url.searchParams.get("done") === "saved";
    return page<SettingsData>(
      await load(serviceContextOf(ctx), {
        notice: saved ? "Settings saved." : null,
      }),
    );
  },
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const form = await readForm(ctx.req);
    const draft = Object.fromEntries(
      SETTINGS_FIELDS.map((f) => [f, String(form.get(f) ?? "")]),
    ) as SettingsDraft;
    // One department a line, as the form shows them (browsers send CRLF).
    draft.departments = departmentsOf(draft.departments).join("\n");
    const fail = async (
      status: number,
      error: string | null,
      fieldErrors: Record<string, string> = {},
      savedMeanwhile: Partial<SettingsDraft> = {},
    ) =>
      page<SettingsData>(
        await load(cx, { error, fieldErrors, draft, savedMeanwhile }),
        { status },
      );
    if (!can(cx.actor, "production", "write")) {
      return await fail(
        403,
        "Only producers and production managers change the production's settings",
      );
    }
    const parsed = ProductionPatchSchema.safeParse(patchOf(draft));
    if (!parsed.success) {
      return await fail(
        400,
        null,
        issueErrors(parsed.error.issues),
      );
    }
    const version = Number(form.get("version"));
    try {
      const saved = await updateProduction(
        cx,
        (await getSettings(cx)).id,
        parsed.data,
        Number.isInteger(version) && version > 0 ? version : undefined,
      );
      // A new slug moves every page of the production: go to the new one.
      return ctx.redirect(
        inProduction(saved.slug, "/settings?done=saved"),
        303,
      );
    } catch (error) {
      const e = toApiError(error);
      if (e.code === "version_conflict") {
        const now = draftOf(await getSettings(cx));
        const changed = Object.fromEntries(
          SETTINGS_FIELDS.filter((f) => now[f] !== draft[f])
            .map((f) => [f, now[f]]),
        );
        return await fail(
          409,
          "Someone else saved the settings while you were editing. Your changes are still below, with what they saved beside each field: check them and save again.",
          {},
          changed,
        );
      }
      if (e.code === "currency_in_use") {
        // The field is read-only now, showing the currency that stays.
        draft.currency = (await getSettings(cx)).currency;
        return await fail(409, null, { currency: e.message });
      }
      return await fail(
        e.status,
        e.status === 400 ? null : e.message,
        issueErrors(e.details),
      );
    }
  },
});

export default define.page<typeof handler>(function Settings({ data }) {
  const { production } = data;
  return (
    <>
      <header class="page-header">
        <h1>Production settings</h1>
        <p class="muted">
          {data.editor
            ? `How ${production.title} is run: its name, dates, currency and conventions. Producers and production managers change them.`
            : `How ${production.title} is run. Producers and production managers change these settings.`}
        </p>
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {!data.editor && data.error && (
        <p class="form-error" role="alert">{data.error}</p>
      )}
      <section class="card form-card" aria-label="Settings">
        {data.editor
          ? (
            <SettingsForm
              production={production}
              draft={data.draft}
              errors={data.fieldErrors}
              message={data.error}
              savedMeanwhile={data.savedMeanwhile}
              currencyLocked={data.currencyLocked}
              unlisted={data.unlisted}
              budgetLines={data.budgetLines}
            />
          )
          : <SettingsFacts production={production} />}
      </section>
    </>
  );
});
