/**
 * Server time of the two module pages at scale, and the JavaScript the
 * task board ships:
 * - `GET /tasks` with 1,000 tasks (target: ≤ 30 ms at p50),
 * - `GET /budget` with 100 categories and 5,000 expenses (≤ 30 ms p50),
 * - JS for `/tasks`, gzip, all modules the page loads (≤ 35 KB).
 *
 * Run: `deno task bench`
 */
import { categories, expenses } from "@/lib/budget/budget_store.ts";
import { transact } from "@/lib/store/transaction.ts";
import { rankBetween } from "@/lib/tasks/rank.ts";
import { TASK_STATUSES } from "@/lib/tasks/schemas.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { users } from "@/lib/team/users.ts";
import { createTestApp, DEMO_SLUG, login } from "@/tests/helpers/test_app.ts";
import { formatWeight, jsWeight, productionBuild } from "./js_weight.ts";

// Weighed as deployed: the production build is minified.
const app = await createTestApp({}, { build: await productionBuild() });
const { kv } = app.services;
const { cookie } = await login(app, "producer");
const people = await users.list(kv);

// 1,000 tasks over the five columns, written straight to the store.
const last: Record<string, string | null> = {};
for (let i = 0; i < 1000; i += 50) {
  await transact(kv, async (tx) => {
    for (let j = i; j < i + 50; j++) {
      const status = TASK_STATUSES[j % TASK_STATUSES.length];
      const rank = rankBetween(last[status] ?? null, null);
      last[status] = rank;
      await tasks.insert(tx, {
        title: `Bench task ${j}`,
        description: "",
        status,
        priority: (["low", "medium", "high", "urgent"] as const)[j % 4],
        assigneeId: people[j % people.length].id,
        department: "Bench",
        dueDate: null,
        createdBy: people[0].id,
        rank,
      });
    }
  });
}

// 100 categories with 50 expenses each, spent kept equal to their sum.
for (let c = 0; c < 100; c++) {
  await transact(kv, async (tx) => {
    const category = await categories.insert(tx, {
      name: `Bench category ${c}`,
      code: String(1000 + c),
      section:
        (["above_the_line", "below_the_line", "post", "other"] as const)[c % 4],
      allocatedCents: 5_000_000,
      spentCents: 50 * 12_345,
      expenseCount: 50,
    });
    for (let e = 0; e < 50; e++) {
      await expenses.insert(tx, {
        categoryId: category.id,
        amountCents: 12_345,
        description: `Bench expense ${e}`,
        vendor: "Bench vendor",
        date: "2027-03-01",
        createdBy: people[0].id,
        createdByName: people[0].name,
      });
    }
  });
}

async function get(path: string): Promise<string> {
  const res = await app.handler(
    new Request(`http://localhost${path}`, { headers: { cookie } }),
  );
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return body;
}

// JavaScript weight of /tasks.
const weight = await jsWeight(await get(`/p/${DEMO_SLUG}/tasks`), get);
console.log(`JS for /tasks: ${formatWeight(weight)}`);

Deno.bench("GET /tasks with 1,000 tasks (auth + KV + board SSR)", async () => {
  await get(`/p/${DEMO_SLUG}/tasks`);
});

Deno.bench("GET /budget with 100 categories, 5,000 expenses", async () => {
  await get(`/p/${DEMO_SLUG}/budget`);
});
