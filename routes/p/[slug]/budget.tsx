import { page } from "fresh";
import {
  checkExpense,
  expenseServerErrors,
} from "@/components/budget/ExpenseForm.tsx";
import type { ListView } from "@/components/budget/list.ts";
import { SinceLastLooked } from "@/components/SinceLastLooked.tsx";
import type { BudgetData } from "@/components/budget/model.ts";
import BudgetView, { type PostedForm } from "@/islands/BudgetView.tsx";
import { sortFromUrl } from "@/lib/budget/expense_list.ts";
import {
  createExpense,
  deleteExpense,
  getBudget,
  listExpenses,
} from "@/lib/budget/service.ts";
import {
  DEFAULT_EXPENSE_PAGE,
  type Expense,
  MAX_EXPENSE_PAGE,
  NewExpenseSchema,
} from "@/lib/budget/schemas.ts";
import { todayIn } from "@/lib/format.ts";
import { sinceLastLooked } from "@/lib/last_seen/service.ts";
import type { SinceLastLooked as Since } from "@/lib/last_seen/shared.ts";
import { readForm } from "@/lib/http/body.ts";
import { ApiError, toApiError } from "@/lib/http/errors.ts";
import { requireModule } from "@/server/module_page.ts";
import { can } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define, type State } from "@/server/state.ts";
import type { Context } from "fresh";
import { inProduction } from "@/lib/production/paths.ts";
import { flaggedIds } from "@/lib/ripple/service.ts";

const NOTICES: Record<string, string> = {
  recorded: "Expense recorded.",
  deleted: "Expense deleted.",
};

/** The most rows the page lists without JavaScript (`?limit=`). */
const MAX_PAGE_ROWS = 1_000;

/** `?limit=` read leniently: a whole number within bounds, else the default. */
function rowsFromUrl(params: URLSearchParams): number {
  const asked = Number(params.get("limit"));
  return Number.isInteger(asked) && asked > 0
    ? Math.min(asked, MAX_PAGE_ROWS)
    : DEFAULT_EXPENSE_PAGE;
}

/**
 * The budget, the first expenses of the list as the URL asks for it
 * (`?category=&sort=&order=&limit=`, all read leniently: an unknown value
 * falls back to the default, never an error), the production's title and
 * time zone, and who may change it.
 */
async function loadPage(ctx: Context<State>) {
  const cx = serviceContextOf(ctx);
  const params = ctx.url.searchParams;
  const production = ctx.state.production;
  const timeZone = timeZoneOf(production);
  const [budget, lines, flaggedExpenses] = await Promise.all([
    getBudget(cx),
    flaggedIds(cx, "budget_category"),
    flaggedIds(cx, "expense"),
  ]);
  const asked = params.get("category");
  const categoryId = budget.categories.some((c) => c.id === asked)
    ? asked
    : null;
  const view: ListView = { ...sortFromUrl(params), categoryId };
  const rows = rowsFromUrl(params);
  const expenses: Expense[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await listExpenses(cx, {
      ...view,
      categoryId: categoryId ?? undefined,
      limit: Math.min(MAX_EXPENSE_PAGE, rows - expenses.length),
      cursor: cursor ?? undefined,
    });
    expenses.push(...page.expenses);
    cursor = page.nextCursor;
  } while (cursor !== null && expenses.length < rows);
  const initial: BudgetData = {
    currency: budget.currency,
    categories: budget.categories,
    list: { view, expenses, nextCursor: cursor },
    vfx: budget.vfx ?? null,
  };
  const shown = Object.keys(NOTICES).find((key) => params.has(key));
  return {
    initial,
    productionTitle: production?.title ?? null,
    timeZone,
    canWrite: can(cx.actor, "budget", "write"),
    flagged: { lines, expenses: flaggedExpenses },
    today: todayIn(timeZone),
    notice: shown ? NOTICES[shown] : null,
    error: null as string | null,
    posted: null as PostedForm | null,
    since: null as Since | null,
  };
}

/** Reads the add-expense form of a post without JavaScript. */
function postedValues(form: URLSearchParams): PostedForm["values"] {
  const text = (name: string) => form.get(name) ?? "";
  return {
    categoryId: text("categoryId"),
    amount: text("amount"),
    date: text("date"),
    description: text("description"),
    vendor: text("vendor"),
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "budget");
    // First: the new mark is the log's head before the data is read.
    const since = await sinceLastLooked(serviceContextOf(ctx), "budget", {
      currency: ctx.state.production?.currency,
    });
    return page({ ...await loadPage(ctx), since });
  },
  /**
   * The forms without JavaScript: `intent=add` records an expense,
   * `intent=delete` deletes one; success redirects (303) back to the page,
   * a refusal renders it with the messages.
   */
  async POST(ctx) {
    requireModule(ctx, "budget");
    const cx = serviceContextOf(ctx);
    const form = await readForm(ctx.req);
    const intent = form.get("intent");
    if (intent === "delete") {
      try {
        await deleteExpense(cx, form.get("id") ?? "");
        return ctx.redirect(
          inProduction(ctx.params.slug, "/budget?deleted"),
          303,
        );
      } catch (error) {
        const e = toApiError(error);
        return page(
          { ...await loadPage(ctx), error: e.message },
          { status: e.status },
        );
      }
    }
    if (intent !== "add") {
      throw new ApiError(400, "bad_request", "Unknown form action");
    }
    const values = postedValues(form);
    // The same checks as in the browser, then the schema's: every field's
    // message at once.
    const checked = checkExpense(values, ctx.state.production!.currency);
    const parsed = NewExpenseSchema.safeParse({
      categoryId: values.categoryId,
      amountCents: checked.cents,
      description: values.description,
      vendor: values.vendor,
      date: values.date,
    });
    let errors: Record<string, string> = {
      ...(parsed.success ? {} : expenseServerErrors(parsed.error.issues)),
      ...checked.errors,
    };
    let status = 400;
    let message: string | null = "Check the highlighted fields.";
    if (parsed.success && Object.keys(checked.errors).length === 0) {
      try {
        await createExpense(cx, parsed.data);
        return ctx.redirect(
          inProduction(ctx.params.slug, "/budget?recorded"),
          303,
        );
      } catch (error) {
        const e = toApiError(error);
        status = e.status;
        errors = e.status === 404
          ? { categoryId: "This category no longer exists" }
          : {};
        message = e.status === 404 ? message : e.message;
      }
    }
    return page({
      ...await loadPage(ctx),
      posted: { values, errors, message },
    }, { status });
  },
});

export default define.page<typeof handler>(function BudgetPage(
  { data, params },
) {
  const { currency } = data.initial;
  return (
    <>
      <header class="page-header budget-header">
        <div class="budget-heading">
          <p class="eyebrow">
            {data.productionTitle ?? "Production"} · {currency}
          </p>
          <h1>Budget</h1>
          <p class="muted">
            The top sheet, spend per account and every expense. Changes by the
            production office appear here as they happen.
          </p>
        </div>
        <div class="page-actions">
          <a
            class="button"
            href={inProduction(params.slug, "/api/budget/export.csv")}
            download
          >
            Download CSV
          </a>
        </div>
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {data.error && <p class="form-error" role="alert">{data.error}</p>}
      <SinceLastLooked since={data.since} timeZone={data.timeZone} />
      <BudgetView
        initial={data.initial}
        canWrite={data.canWrite}
        today={data.today}
        timeZone={data.timeZone}
        posted={data.posted}
        flagged={data.flagged}
      />
    </>
  );
});
