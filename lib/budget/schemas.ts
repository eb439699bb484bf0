/**
 * Zod schemas of the budget module: stored records, request bodies and the
 * `budget_update` event data. Amounts are integer minor units (DESIGN §4).
 *
 * @module
 */
import { z } from "zod";
import type { Same } from "@/lib/same_type.ts";
import {
  BUDGET_ACTIONS,
  type BudgetAlert,
  type BudgetUpdateData,
  type Category,
  DEFAULT_EXPENSE_PAGE,
  type Expense,
  EXPENSE_SORTS,
  MAX_CATEGORY_NAME_LENGTH,
  MAX_EXPENSE_PAGE,
  type Section,
  SECTIONS,
} from "./shared.ts";

export { BUDGET_ACTIONS, SECTIONS };
export type { BudgetAlert, BudgetUpdateData, Category, Expense, Section };
import { MAX_CENTS } from "./money.ts";

/**
 * An amount of money that must be spent: a whole number of minor units,
 * 1 … {@linkcode MAX_CENTS}. No coercion: "12", 12.5, NaN, -1 and 1e20 are
 * all refused, never rounded or parsed.
 */
export const CentsSchema = z.number({ error: "Give the amount in cents" })
  .int("Give a whole number of cents")
  .min(1, "The amount must be more than zero")
  .max(MAX_CENTS, "The amount is too large");

/** An allocation: like {@linkcode CentsSchema} but zero is allowed. */
export const AllocationCentsSchema = z.number({
  error: "Give the allocation in cents",
})
  .int("Give a whole number of cents")
  .min(0, "The allocation cannot be negative")
  .max(MAX_CENTS, "The allocation is too large");

/** A top-sheet section. */
export const SectionSchema = z.enum(SECTIONS);

/** A category's display name. */
export const CategoryNameSchema = z.string().trim()
  .min(1, "Enter a name").max(MAX_CATEGORY_NAME_LENGTH);

/** An account code like "2300" or "4500.10". */
export const CategoryCodeSchema = z.string().trim().regex(
  /^[A-Za-z0-9.-]{1,20}$/,
  "Use 1–20 letters, digits, dots or dashes",
);

const base = {
  id: z.string().min(1),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** A budget category (an account line of the top sheet) as stored. */
export const CategorySchema = z.object({
  ...base,
  name: CategoryNameSchema,
  code: CategoryCodeSchema,
  section: SectionSchema,
  allocatedCents: AllocationCentsSchema,
  /** The sum of the category's expenses; kept by the store, never sent in. */
  spentCents: z.number().int().min(0).max(MAX_CENTS),
  /** How many expenses the category has; kept by the store like spent. */
  expenseCount: z.number().int().min(0).default(0),
});

/** An expense's description. */
export const DescriptionSchema = z.string().trim()
  .min(1, "Describe the expense").max(500);

/** A vendor or payee; may be empty. */
export const VendorSchema = z.string().trim().max(200);

/** An expense booked against a category, as stored. */
export const ExpenseSchema = z.object({
  ...base,
  categoryId: z.string().min(1),
  amountCents: CentsSchema,
  description: DescriptionSchema,
  vendor: VendorSchema,
  /** The day the money was spent (ISO date, no time zone). */
  date: z.iso.date(),
  /** Who booked it: user id and name at the time. */
  createdBy: z.string().min(1),
  createdByName: z.string(),
});

/** `POST /api/budget/categories` body. */
export const NewCategorySchema = z.object({
  name: CategoryNameSchema,
  code: CategoryCodeSchema,
  section: SectionSchema,
  allocatedCents: AllocationCentsSchema,
}).strict();

/** A new category. */
export type NewCategory = z.infer<typeof NewCategorySchema>;

/** `PATCH /api/budget/categories/:id` body: at least one field. */
export const CategoryPatchSchema = NewCategorySchema.partial().strict().refine(
  (p) => Object.keys(p).length > 0,
  "Change at least one of name, code, section or allocatedCents",
);

/** A change to a category. */
export type CategoryPatch = z.infer<typeof CategoryPatchSchema>;

/** `POST /api/budget/expenses` body. */
export const NewExpenseSchema = z.object({
  categoryId: z.string().min(1, "Choose a category").max(100),
  amountCents: CentsSchema,
  description: DescriptionSchema,
  vendor: VendorSchema.default(""),
  date: z.iso.date("Give the date as YYYY-MM-DD"),
}).strict();

/** A new expense. */
export type NewExpense = z.infer<typeof NewExpenseSchema>;

export {
  DEFAULT_EXPENSE_PAGE,
  EXPENSE_SORTS,
  type ExpensePage,
  type ExpenseSort,
  MAX_EXPENSE_PAGE,
  type SortOrder,
} from "./shared.ts";

/**
 * `GET /api/budget/expenses` query: `categoryId` (empty means all, as a
 * filter form's "all categories" option sends it), `sort` (default
 * `recorded`), `order` (default `desc`; `asc` for `category`, i.e. by
 * code), `limit` (1–200, default 50) and the `cursor` of the previous
 * page's `nextCursor`. Unknown parameters are refused.
 */
export const ExpenseQuerySchema = z.object({
  categoryId: z.string().max(100).optional()
    .transform((id) => id === "" ? undefined : id),
  sort: z.enum(EXPENSE_SORTS, {
    error: `Sort by ${EXPENSE_SORTS.join(", ")}`,
  }).default("recorded"),
  order: z.enum(["asc", "desc"], { error: "Order asc or desc" }).optional(),
  limit: z.coerce.number({ error: "Give the limit as a number" })
    .int("Give a whole number")
    .min(1, "The limit is at least 1")
    .max(MAX_EXPENSE_PAGE, `The limit is at most ${MAX_EXPENSE_PAGE}`)
    .default(DEFAULT_EXPENSE_PAGE),
  cursor: z.string().max(1_000).regex(/^[A-Za-z0-9_-]+$/, "Not a cursor")
    .optional(),
}).strict();

/** A parsed expense list query. */
export type ExpenseQuery = z.infer<typeof ExpenseQuerySchema>;

/** A spend threshold crossed by the change (see `crossedLevel`). */
export const BudgetAlertSchema = z.object({
  level: z.literal([80, 100]),
  categoryId: z.string(),
  name: z.string(),
  /** Spend in percent of the allocation; null when nothing is allocated. */
  percent: z.number().nullable(),
});

/**
 * `budget_update` event data (DESIGN §5). `category` is the category after
 * the change (for `category_deleted`, its last state); `expense` is the
 * expense created or deleted; `alert` is present only when the change made
 * the category cross 80 % or 100 % of its allocation from below.
 */
export const BudgetUpdateDataSchema = z.object({
  action: z.enum(BUDGET_ACTIONS),
  category: CategorySchema,
  expense: ExpenseSchema.optional(),
  alert: BudgetAlertSchema.optional(),
});

// shared.ts writes the wire types by hand for the browser; these fail the
// type check the moment a schema and its type drift apart.
const sameCategory: Same<z.infer<typeof CategorySchema>, Category> = true;
const sameExpense: Same<z.infer<typeof ExpenseSchema>, Expense> = true;
const sameSection: Same<z.infer<typeof SectionSchema>, Section> = true;
const sameAlert: Same<z.infer<typeof BudgetAlertSchema>, BudgetAlert> = true;
const sameUpdate: Same<
  z.infer<typeof BudgetUpdateDataSchema>,
  BudgetUpdateData
> = true;
void [sameCategory, sameExpense, sameSection, sameAlert, sameUpdate];
