import { page } from "fresh";
import {
  type BudgetData,
  EXPENSE_LIMIT,
  fieldErrors,
  parseAmount,
  today,
} from "../../components/budget/model.ts";
import BudgetView, { type PostedForm } from "../../islands/BudgetView.tsx";
import {
  budgetCurrency,
  createExpense,
  deleteExpense,
  listBudget,
} from "../../lib/budget/budget_store.ts";
import { listExpensePage } from "../../lib/budget/expense_list.ts";
import { NewExpenseSchema } from "../../lib/budget/schemas.ts";
import { readForm } from "../../lib/http/body.ts";
import { ApiError, toApiError } from "../../lib/http/errors.ts";
import { requireModule } from "../../lib/module_page.ts";
import { can } from "../../lib/policy.ts";
import { getProduction } from "../../lib/production.ts";
import { define, type State } from "../../lib/state.ts";
import type { Context } from "fresh";

const NOTICES: Record<string, string> = {
  recorded: "Expense recorded.",
  deleted: "Expense deleted.",
};

/**
 * The budget, its most recent expenses (plus every expense of the category
 * `?category=` lists), the production's title, and who may change it.
 */
async function loadPage(ctx: Context<State>) {
  const { kv } = ctx.state.services;
  const [budget, production] = await Promise.all([
    listBudget(kv),
    getProduction(kv),
  ]);
  const asked = ctx.url.searchParams.get("category");
  const filter = budget.categories.some((c) => c.id === asked) ? asked : null;
  const recent = (await listExpensePage(kv, {
    categoryId: filter ?? undefined,
    limit: EXPENSE_LIMIT,
  })).expenses;
  const extra: typeof recent = [];
  const initial: BudgetData = {
    currency: budget.currency,
    categories: budget.categories,
    expenses: [...recent, ...extra],
    // Each category counts its expenses, so no scan of thousands here.
    expenseCount: budget.categories.reduce((n, c) => n + c.expenseCount, 0),
  };
  const shown = Object.keys(NOTICES).find((key) =>
    ctx.url.searchParams.has(key)
  );
  return {
    initial,
    filter,
    productionTitle: production?.title ?? null,
    canWrite: can(ctx.state.user!, "budget", "write"),
    today: today(),
    notice: shown ? NOTICES[shown] : null,
    error: null as string | null,
    posted: null as PostedForm | null,
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
    return page(await loadPage(ctx));
  },
  /**
   * The forms without JavaScript: `intent=add` records an expense,
   * `intent=delete` deletes one; success redirects (303) back to the page,
   * a refusal renders it with the messages.
   */
  async POST(ctx) {
    requireModule(ctx, "budget");
    const user = ctx.state.user!;
    const { kv } = ctx.state.services;
    const form = await readForm(ctx.req);
    const intent = form.get("intent");
    if (intent === "delete") {
      try {
        await deleteExpense(kv, user, form.get("id") ?? "");
        return ctx.redirect("/budget?deleted", 303);
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
    const amount = parseAmount(values.amount, await budgetCurrency(kv));
    const parsed = NewExpenseSchema.safeParse({
      categoryId: values.categoryId,
      amountCents: amount.ok ? amount.cents : 0,
      description: values.description,
      vendor: values.vendor,
      date: values.date,
    });
    let errors: Record<string, string> = parsed.success
      ? {}
      : fieldErrors(parsed.error.issues, { amountCents: "amount" });
    if (!amount.ok) errors.amount = amount.message;
    let status = 400;
    let message: string | null = "Check the highlighted fields.";
    if (parsed.success && amount.ok) {
      try {
        await createExpense(kv, user, parsed.data);
        return ctx.redirect("/budget?recorded", 303);
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

export default define.page<typeof handler>(function BudgetPage({ data }) {
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
            href="/api/budget/export.csv"
            download
          >
            Download CSV
          </a>
        </div>
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {data.error && <p class="form-error" role="alert">{data.error}</p>}
      <BudgetView
        initial={data.initial}
        canWrite={data.canWrite}
        filter={data.filter}
        today={data.today}
        posted={data.posted}
      />
    </>
  );
});
