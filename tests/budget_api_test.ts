import assert from "node:assert/strict";
import { categories, expenses } from "@/lib/budget/budget_store.ts";
import { createCategory, createExpense } from "@/lib/budget/testing.ts";
import { BOM } from "@/lib/budget/csv.ts";
import { sumCents } from "@/lib/budget/money.ts";
import {
  BudgetUpdateDataSchema,
  type NewCategory,
  type NewExpense,
} from "@/lib/budget/schemas.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import {
  browserHeaders,
  login,
  type TestApp,
  withApp,
} from "./helpers/test_app.ts";
import { api, type Session, sessionOf } from "./helpers/api_client.ts";
import { loggedEvents } from "./helpers/events.ts";

/** Demo usernames by role (lib/seed.ts). */
const USERS = {
  producer: "producer",
  production_manager: "prodmanager",
  director: "director",
  crew: "crew",
  vfx: "vfx",
  distribution_manager: "distribution",
} as const;
const ALLOWED = new Set(["producer", "production_manager"]);

/** A service-level actor for setting up data without HTTP. */
const office = { id: "setup", name: "Setup", role: "producer" as const };

interface Call {
  method: string;
  path: string;
  body?: unknown;
  /** Raw JSON text, for values JSON.stringify cannot produce (NaN). */
  raw?: string;
  headers?: Record<string, string>;
}

/** Calls the API as `who` (or signed out): the raw response. */
function call(app: TestApp, who: Session | null, c: Call): Promise<Response> {
  return api(app, who).request(c.method, c.path, c.raw ?? c.body, c.headers);
}

const category = (code: string, allocatedCents = 10_000): NewCategory => ({
  name: `Account ${code}`,
  code,
  section: "below_the_line",
  allocatedCents,
});

const newExpense = (categoryId: string, amountCents: number): NewExpense => ({
  categoryId,
  amountCents,
  description: "Camera truck, 1 week",
  vendor: "Nordic Rentals",
  date: "2027-03-04",
});

/** A JSON error with `code`, as DESIGN §4 shapes it. */
async function assertError(res: Response, status: number, code?: string) {
  assert.equal(res.status, status, `${res.url}: ${res.status}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = await res.json();
  assert.equal(typeof body.error.message, "string");
  if (code !== undefined) assert.equal(body.error.code, code);
  return body.error;
}

Deno.test("permissions - every budget endpoint: producer and PM 2xx, other roles 403, anonymous 401", () =>
  withApp(async (app) => {
    const { kv } = app.services;
    const anonymousHead = await latestEventId(kv);
    let n = 0;
    for (const [role, username] of Object.entries(USERS)) {
      const who = await sessionOf(app, username);
      const patchMe = await createCategory(kv, office, category(`P${n}`));
      const deleteMe = await createCategory(kv, office, category(`D${n}`));
      const { expense } = await createExpense(
        kv,
        { ...office, name: "Setup" },
        newExpense(patchMe.id, 100),
      );
      const calls: [Call, number][] = [
        [{ method: "GET", path: "/api/budget" }, 200],
        [{ method: "GET", path: "/api/budget/expenses" }, 200],
        [{
          method: "GET",
          path: `/api/budget/expenses?categoryId=${patchMe.id}`,
        }, 200],
        [{ method: "GET", path: "/api/budget/export.csv" }, 200],
        [{
          method: "POST",
          path: "/api/budget/categories",
          body: category(`N${n}`),
        }, 201],
        [{
          method: "PATCH",
          path: `/api/budget/categories/${patchMe.id}`,
          body: { name: "Renamed" },
        }, 200],
        [{
          method: "DELETE",
          path: `/api/budget/categories/${deleteMe.id}`,
        }, 204],
        [{
          method: "POST",
          path: "/api/budget/expenses",
          body: newExpense(patchMe.id, 250),
        }, 201],
        [{ method: "DELETE", path: `/api/budget/expenses/${expense.id}` }, 204],
      ];
      n++;
      const head = await latestEventId(kv);
      for (const [c, ok] of calls) {
        const res = await call(app, who, c);
        const label = `${role} ${c.method} ${c.path}`;
        if (ALLOWED.has(role)) {
          assert.equal(res.status, ok, label);
          await res.body?.cancel();
        } else {
          await assertError(res, 403, "forbidden");
        }
        const anonymous = await call(app, null, c);
        await assertError(anonymous, 401, "unauthorized");
      }
      if (!ALLOWED.has(role)) {
        // Refused requests change nothing and log nothing.
        assert.equal(await latestEventId(kv), head, role);
        assert.equal((await categories.require(kv, patchMe.id)).version, 2);
        assert.notEqual(await categories.get(kv, deleteMe.id), null);
        assert.notEqual(await expenses.get(kv, expense.id), null);
      } else {
        assert.equal(
          (await categories.require(kv, patchMe.id)).name,
          "Renamed",
        );
      }
    }
    assert.ok((await latestEventId(kv)) > anonymousHead);

    // The log keeps budget events from roles that may not read the budget.
    for (const [role, username] of Object.entries(USERS)) {
      const who = await sessionOf(app, username);
      const res = await call(app, who, {
        method: "GET",
        path: `/api/events?after=${anonymousHead}&limit=500`,
      });
      const { events } = await res.json();
      const budget = events.filter((e: { type: string }) =>
        e.type === "budget_update"
      );
      if (ALLOWED.has(role)) assert.ok(budget.length > 0, role);
      else assert.equal(budget.length, 0, role);
    }
  }));

Deno.test("session cookie from the app's own origin works; a foreign origin is refused", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "prodmanager");
    const post = (headers: Headers) => {
      headers.set("content-type", "application/json");
      return app.fetch("/api/budget/categories", {
        method: "POST",
        headers,
        body: JSON.stringify(category("3000")),
      });
    };
    // browserHeaders sets the app's own origin; a forged one is set by hand.
    const foreign = await post(
      new Headers({ cookie, origin: "https://evil.example" }),
    );
    await assertError(foreign, 403, "forbidden_origin");
    assert.equal((await categories.list(app.services.kv)).length, 0);
    const own = await post(browserHeaders(cookie));
    assert.equal(own.status, 201);
    const created = await own.json();
    assert.equal(created.code, "3000");
    assert.equal(created.spentCents, 0);
    assert.equal(created.remainingCents, 10_000);
    assert.equal(created.percent, 0);
  }));

Deno.test("GET /api/budget - currency, categories with figures, totals", () =>
  withApp(async (app) => {
    const who = await sessionOf(app, "producer");
    const a = await createCategory(app.services.kv, office, category("2300"));
    await createCategory(app.services.kv, office, category("1100", 5_000));
    await createExpense(
      app.services.kv,
      office,
      newExpense(a.id, 8_500),
    );
    const res = await call(app, who, { method: "GET", path: "/api/budget" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const budget = await res.json();
    assert.equal(budget.currency, "EUR");
    assert.deepEqual(budget.categories.map((c: { code: string }) => c.code), [
      "1100",
      "2300",
    ]);
    const camera = budget.categories[1];
    assert.equal(camera.spentCents, 8_500);
    assert.equal(camera.remainingCents, 1_500);
    assert.equal(camera.percent, 85);
    assert.equal(camera.level, 80);
    assert.deepEqual(budget.totals, {
      allocatedCents: 15_000,
      spentCents: 8_500,
      remainingCents: 6_500,
      percent: 56.6,
      level: 0,
    });
  }));

Deno.test("bad money is a 400 with zod details, and nothing changes", () =>
  withApp(async (app) => {
    const { kv } = app.services;
    const who = await sessionOf(app, "producer");
    const cat = await createCategory(kv, office, category("2300"));
    await createExpense(kv, office, newExpense(cat.id, 1_000));
    const budgetBefore = await (await call(app, who, {
      method: "GET",
      path: "/api/budget",
    })).json();
    const head = await latestEventId(kv);

    const expenseBody: Record<string, unknown> = newExpense(cat.id, 1);
    const { amountCents: _, ...missing } = expenseBody;
    const badExpenses: unknown[] = [
      { ...expenseBody, amountCents: 12.5 },
      { ...expenseBody, amountCents: "12" },
      { ...expenseBody, amountCents: "1234" },
      { ...expenseBody, amountCents: -100 },
      { ...expenseBody, amountCents: 0 },
      { ...expenseBody, amountCents: 1e20 },
      { ...expenseBody, amountCents: null },
      missing,
    ];
    for (const body of badExpenses) {
      const res = await call(app, who, {
        method: "POST",
        path: "/api/budget/expenses",
        body,
      });
      const error = await assertError(res, 400, "validation");
      assert.ok(Array.isArray(error.details), JSON.stringify(body));
      assert.ok(
        error.details.some((i: { path: string[] }) =>
          i.path[0] === "amountCents"
        ),
        JSON.stringify(error.details),
      );
    }
    const raw = JSON.stringify(newExpense(cat.id, 777));
    for (const literal of ["NaN", "Infinity", "-Infinity"]) {
      const res = await call(app, who, {
        method: "POST",
        path: "/api/budget/expenses",
        raw: raw.replace("777", literal),
      });
      await assertError(res, 400, "invalid_json");
    }
    // 1e400 is valid JSON but parses to Infinity: zod refuses it.
    const huge = await call(app, who, {
      method: "POST",
      path: "/api/budget/expenses",
      raw: raw.replace("777", "1e400"),
    });
    await assertError(huge, 400, "validation");

    const badCategories: unknown[] = [
      { ...category("9000"), allocatedCents: 12.5 },
      { ...category("9000"), allocatedCents: "12" },
      { ...category("9000"), allocatedCents: -1 },
      { ...category("9000"), allocatedCents: 1e20 },
      { name: "No allocation", code: "9000", section: "post" },
      // Clients never set the spend.
      { ...category("9000"), spentCents: 0 },
    ];
    for (const body of badCategories) {
      const res = await call(app, who, {
        method: "POST",
        path: "/api/budget/categories",
        body,
      });
      const error = await assertError(res, 400, "validation");
      assert.ok(Array.isArray(error.details));
    }
    for (const body of [{ allocatedCents: 99.99 }, { spentCents: 0 }, {}]) {
      const res = await call(app, who, {
        method: "PATCH",
        path: `/api/budget/categories/${cat.id}`,
        body,
      });
      await assertError(res, 400, "validation");
    }

    assert.equal(await latestEventId(kv), head);
    const budgetAfter = await (await call(app, who, {
      method: "GET",
      path: "/api/budget",
    })).json();
    assert.deepEqual(budgetAfter, budgetBefore);
    assert.equal((await expenses.list(kv)).length, 1);
  }));

Deno.test("unknown records are 404 JSON", () =>
  withApp(async (app) => {
    const who = await sessionOf(app, "prodmanager");
    const head = await latestEventId(app.services.kv);
    const calls: Call[] = [
      {
        method: "POST",
        path: "/api/budget/expenses",
        body: newExpense("no-such-category", 100),
      },
      { method: "GET", path: "/api/budget/expenses?categoryId=nope" },
      {
        method: "PATCH",
        path: "/api/budget/categories/nope",
        body: { name: "X" },
      },
      { method: "DELETE", path: "/api/budget/categories/nope" },
      { method: "DELETE", path: "/api/budget/expenses/nope" },
    ];
    for (const c of calls) {
      await assertError(await call(app, who, c), 404, "not_found");
    }
    assert.equal(await latestEventId(app.services.kv), head);
  }));

Deno.test("stale If-Match is a 409 with the current record and no new event", () =>
  withApp(async (app) => {
    const { kv } = app.services;
    const who = await sessionOf(app, "producer");
    const cat = await createCategory(kv, office, category("2300"));
    const patch = (ifMatch: string, body: unknown) =>
      call(app, who, {
        method: "PATCH",
        path: `/api/budget/categories/${cat.id}`,
        body,
        headers: { "if-match": ifMatch },
      });
    const fresh = await patch('"1"', { name: "Camera" });
    assert.equal(fresh.status, 200);
    assert.equal((await fresh.json()).version, 2);
    const head = await latestEventId(kv);

    const stale = await assertError(
      await patch('"1"', { name: "Overwrite" }),
      409,
      "version_conflict",
    );
    assert.equal(stale.details.current.version, 2);
    assert.equal(stale.details.current.name, "Camera");
    const staleDelete = await call(app, who, {
      method: "DELETE",
      path: `/api/budget/categories/${cat.id}`,
      headers: { "if-match": "1" },
    });
    const deleteError = await assertError(staleDelete, 409, "version_conflict");
    assert.equal(deleteError.details.current.version, 2);
    await assertError(await patch("soon", { name: "X" }), 400, "validation");

    const { expense } = await createExpense(
      kv,
      office,
      newExpense(cat.id, 100),
    );
    const afterExpense = await latestEventId(kv);
    const staleExpense = await call(app, who, {
      method: "DELETE",
      path: `/api/budget/expenses/${expense.id}`,
      headers: { "if-match": 'W/"7"' },
    });
    await assertError(staleExpense, 409, "version_conflict");
    assert.equal(await latestEventId(kv), afterExpense);
    const events = await loggedEvents(app, head, 10_000);
    assert.equal(events.length, 1); // only the setup expense
    assert.equal((await categories.require(kv, cat.id)).name, "Camera");
    assert.notEqual(await expenses.get(kv, expense.id), null);

    // The right version goes through.
    const ok = await call(app, who, {
      method: "DELETE",
      path: `/api/budget/expenses/${expense.id}`,
      headers: { "if-match": `"${expense.version}"` },
    });
    assert.equal(ok.status, 204);
  }));

Deno.test("80 % and 100 % alerts appear exactly once each in the event log", () =>
  withApp(async (app) => {
    const who = await sessionOf(app, "producer");
    const head = await latestEventId(app.services.kv);
    const created = await call(app, who, {
      method: "POST",
      path: "/api/budget/categories",
      body: category("2300", 10_000),
    });
    const cat = await created.json();
    const alerts: unknown[] = [];
    for (const amount of [5_000, 3_000, 1_000, 999, 1, 500, 2_000]) {
      const res = await call(app, who, {
        method: "POST",
        path: "/api/budget/expenses",
        body: newExpense(cat.id, amount),
      });
      assert.equal(res.status, 201);
      const body = await res.json();
      assert.equal(body.expense.amountCents, amount);
      alerts.push(body.alert?.level);
    }
    assert.deepEqual(alerts, [
      undefined,
      80,
      undefined,
      undefined,
      100,
      undefined,
      undefined,
    ]);
    // The budget's events; the alerts' inbox items travel beside them.
    const events = (await loggedEvents(app, head, 10_000))
      .filter((e) => e.type !== "inbox_update");
    assert.equal(events.length, 8);
    const logged = events.map((e) => BudgetUpdateDataSchema.parse(e.data))
      .flatMap((d) => d.alert ? [d.alert] : []);
    assert.deepEqual(logged, [
      { level: 80, categoryId: cat.id, name: cat.name, percent: 80 },
      { level: 100, categoryId: cat.id, name: cat.name, percent: 100 },
    ]);
  }));

Deno.test("50 concurrent expenses over HTTP add up exactly", () =>
  withApp(async (app) => {
    const producer = await sessionOf(app, "producer");
    const manager = await sessionOf(app, "prodmanager");
    const cat = await createCategory(
      app.services.kv,
      office,
      category("2300", 5_000_000),
    );
    const head = await latestEventId(app.services.kv);
    const amounts = Array.from({ length: 50 }, (_, i) => 9_999 + i * 101);
    const responses = await Promise.all(
      amounts.map((amount, i) =>
        call(app, i % 2 ? producer : manager, {
          method: "POST",
          path: "/api/budget/expenses",
          body: newExpense(cat.id, amount),
        })
      ),
    );
    for (const res of responses) {
      assert.equal(res.status, 201);
      await res.body?.cancel();
    }
    const budget = await (await call(app, producer, {
      method: "GET",
      path: "/api/budget",
    })).json();
    assert.equal(budget.categories[0].spentCents, sumCents(amounts));
    assert.equal(budget.categories[0].version, 51);
    assert.equal(budget.totals.spentCents, sumCents(amounts));
    assert.equal((await loggedEvents(app, head, 10_000)).length, 50);
    const list = await (await call(app, producer, {
      method: "GET",
      path: `/api/budget/expenses?categoryId=${cat.id}&limit=200`,
    })).json();
    assert.equal(list.expenses.length, 50);
    assert.equal(list.nextCursor, null);
  }));

Deno.test("deleting an expense lowers the spend; a category with expenses cannot be deleted", () =>
  withApp(async (app) => {
    const who = await sessionOf(app, "prodmanager");
    const cat = await createCategory(app.services.kv, office, category("2300"));
    const book = async (amount: number) =>
      (await (await call(app, who, {
        method: "POST",
        path: "/api/budget/expenses",
        body: newExpense(cat.id, amount),
      })).json()).expense;
    const first = await book(1_200);
    await book(300);
    const refused = await call(app, who, {
      method: "DELETE",
      path: `/api/budget/categories/${cat.id}`,
    });
    const error = await assertError(refused, 409, "category_has_expenses");
    assert.match(error.message, /Account 2300/);

    const res = await call(app, who, {
      method: "DELETE",
      path: `/api/budget/expenses/${first.id}`,
    });
    assert.equal(res.status, 204);
    const budget = await (await call(app, who, {
      method: "GET",
      path: "/api/budget",
    })).json();
    assert.equal(budget.categories[0].spentCents, 300);
    assert.equal(budget.categories[0].remainingCents, 9_700);
    const list = await (await call(app, who, {
      method: "GET",
      path: "/api/budget/expenses?categoryId=",
    })).json();
    assert.deepEqual(
      list.expenses.map((e: { amountCents: number }) => e.amountCents),
      [300],
    );
    const [event] = (await loggedEvents(app, "0000000000000000", 10_000)).slice(
      -1,
    );
    const data = BudgetUpdateDataSchema.parse(event.data);
    assert.equal(data.action, "expense_deleted");
    assert.equal(data.expense?.id, first.id);
    assert.equal(data.category.spentCents, 300);
  }));

Deno.test("GET /api/budget/expenses - newest booked first, in pages, other sorts on request", () =>
  withApp(async (app) => {
    const { kv } = app.services;
    const who = await sessionOf(app, "producer");
    const cat = await createCategory(kv, office, category("2300", 90_000_000));
    // 55 expenses dated in the summer, then one dated earlier, booked last.
    for (let i = 0; i < 55; i++) {
      await createExpense(kv, { ...office, name: "Setup" }, {
        ...newExpense(cat.id, 1_000 + i),
        date: "2027-07-01",
      });
    }
    const res = await call(app, who, {
      method: "POST",
      path: "/api/budget/expenses",
      body: { ...newExpense(cat.id, 777), description: "Receipts of today" },
    });
    const { expense } = await res.json();
    const get = async (query: string) => {
      const r = await call(app, who, {
        method: "GET",
        path: `/api/budget/expenses${query}`,
      });
      assert.equal(r.status, 200, query);
      return await r.json();
    };
    const first = await get("");
    assert.deepEqual(Object.keys(first).sort(), ["expenses", "nextCursor"]);
    assert.equal(first.expenses.length, 50);
    assert.equal(first.expenses[0].id, expense.id);
    const rest = await get(`?cursor=${first.nextCursor}`);
    assert.equal(rest.expenses.length, 6);
    assert.equal(rest.nextCursor, null);
    const seen = new Set(
      [...first.expenses, ...rest.expenses].map((e: { id: string }) => e.id),
    );
    assert.equal(seen.size, 56);
    // By amount, smallest first; by date, it is the oldest.
    const small = await get("?sort=amount&order=asc&limit=2");
    assert.deepEqual(
      small.expenses.map((e: { amountCents: number }) => e.amountCents),
      [777, 1_000],
    );
    const byDate = await get("?sort=date&order=asc&limit=1");
    assert.equal(byDate.expenses[0].id, expense.id);
  }));

Deno.test("GET /api/budget/expenses - a bad query is a 400 JSON error", () =>
  withApp(async (app) => {
    const who = await sessionOf(app, "prodmanager");
    const cat = await createCategory(app.services.kv, office, category("2300"));
    for (let i = 0; i < 3; i++) {
      await createExpense(
        app.services.kv,
        { ...office, name: "Setup" },
        newExpense(cat.id, 100 + i),
      );
    }
    const page = await (await call(app, who, {
      method: "GET",
      path: "/api/budget/expenses?limit=1",
    })).json();
    for (
      const query of [
        "sort=nonsense",
        "order=up",
        "limit=0",
        "limit=201",
        "limit=ten",
        "limit=1.5",
        "cursor=!!",
        "cursor=bm9wZQ",
        `sort=amount&cursor=${page.nextCursor}`,
        "colour=red",
      ]
    ) {
      await assertError(
        await call(app, who, {
          method: "GET",
          path: `/api/budget/expenses?${query}`,
        }),
        400,
        "validation",
      );
    }
  }));

Deno.test("CSV export - headers, exact amounts, formula injection neutralised", () =>
  withApp(async (app) => {
    const who = await sessionOf(app, "producer");
    const cat = await createCategory(
      app.services.kv,
      office,
      { ...category("2300"), name: 'Camera, lenses & "glass"' },
    );
    for (
      const [amount, vendor, description] of [
        [1_234, "@evil", '=HYPERLINK("http://evil.example","click")'],
        [5, "ARRI Rental", "-2+3 tape"],
      ] as const
    ) {
      const res = await call(app, who, {
        method: "POST",
        path: "/api/budget/expenses",
        body: { ...newExpense(cat.id, amount), vendor, description },
      });
      assert.equal(res.status, 201);
      await res.body?.cancel();
    }
    const res = await call(app, who, {
      method: "GET",
      path: "/api/budget/export.csv",
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(
      res.headers.get("content-disposition")!,
      /^attachment; filename="budget-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    assert.equal(res.headers.get("cache-control"), "no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    // The BOM must survive as UTF-8 bytes, not be dropped by decoding.
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    assert.ok(text.startsWith(BOM));
    const lines = text.slice(BOM.length).split("\r\n");
    assert.equal(
      lines[0],
      "Type,Code,Category,Section,Date,Vendor,Description,Allocated,Spent,Remaining,Amount,Currency",
    );
    assert.equal(
      lines[1],
      'category,2300,"Camera, lenses & ""glass""",Below the line,,,,100.00,12.39,87.61,,EUR',
    );
    assert.equal(
      lines[2],
      'expense,2300,"Camera, lenses & ""glass""",Below the line,2027-03-04,' +
        `'@evil,"'=HYPERLINK(""http://evil.example"",""click"")",,,,12.34,EUR`,
    );
    assert.equal(
      lines[3],
      'expense,2300,"Camera, lenses & ""glass""",Below the line,2027-03-04,' +
        "ARRI Rental,'-2+3 tape,,,,0.05,EUR",
    );
    assert.equal(lines[4], "total,,,,,,,100.00,12.39,87.61,,EUR");
    assert.equal(lines[5], "");
    assert.equal(lines.length, 6);
  }));
