import assert from "node:assert/strict";
import {
  BOM,
  budgetCsv,
  CSV_COLUMNS,
  csvField,
  csvFilename,
  encodeCsv,
  safeText,
} from "./csv.ts";
import type { Category, Expense } from "./schemas.ts";

const stamp = {
  version: 1,
  createdAt: "2027-03-01T10:00:00.000Z",
  updatedAt: "2027-03-01T10:00:00.000Z",
};

function category(over: Partial<Category>): Category {
  return {
    ...stamp,
    id: "c1",
    name: "Camera",
    code: "2300",
    section: "below_the_line",
    allocatedCents: 0,
    spentCents: 0,
    expenseCount: 0,
    ...over,
  };
}

function expense(over: Partial<Expense>): Expense {
  return {
    ...stamp,
    id: crypto.randomUUID(),
    categoryId: "c1",
    amountCents: 1,
    description: "Item",
    vendor: "",
    date: "2027-03-01",
    createdBy: "u1",
    createdByName: "U",
    ...over,
  };
}

/** A small RFC 4180 reader, to prove the output parses back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  assert.equal(field, "", "text must end with CRLF");
  return rows;
}

Deno.test("csvField - quotes only when needed, doubling inner quotes", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField(""), "");
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("cr\r"), '"cr\r"');
  assert.equal(encodeCsv([["a", "b,c"], ["", '"']]), 'a,"b,c"\r\n,""""\r\n');
});

Deno.test("safeText - neutralises cells a spreadsheet would evaluate", () => {
  for (
    const cell of ["=1+1", "+49 30 1234", "-2+3", "@SUM(A1)", "\t=x", "\r=x"]
  ) {
    assert.equal(safeText(cell), `'${cell}`);
  }
  for (const cell of ["ARRI", "", "1-2", "a=b", " =not first"]) {
    assert.equal(safeText(cell), cell);
  }
});

Deno.test("budgetCsv - categories by code with their expenses, exact amounts, totals", () => {
  const cats = [
    category({
      id: "c2",
      code: "10100",
      name: "Editorial",
      section: "post",
      allocatedCents: 100,
      spentCents: 250,
    }),
    category({ allocatedCents: 1_000_000, spentCents: 1_239 }),
  ];
  const exps = [
    expense({ categoryId: "c2", amountCents: 250, date: "2027-04-01" }),
    expense({ amountCents: 1_234, date: "2027-03-05", vendor: "ARRI" }),
    expense({ amountCents: 5, date: "2027-02-20", description: "Tape" }),
  ];
  const text = budgetCsv({ currency: "EUR", categories: cats, expenses: exps });
  assert.ok(text.startsWith(BOM));
  const rows = parseCsv(text.slice(BOM.length));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  for (const row of rows) assert.equal(row.length, CSV_COLUMNS.length);
  assert.deepEqual(rows.slice(1), [
    // deno-fmt-ignore
    ["category", "2300", "Camera", "Below the line", "", "", "", "10000.00", "12.39", "9987.61", "", "EUR"],
    // deno-fmt-ignore
    ["expense", "2300", "Camera", "Below the line", "2027-02-20", "", "Tape", "", "", "", "0.05", "EUR"],
    // deno-fmt-ignore
    ["expense", "2300", "Camera", "Below the line", "2027-03-05", "ARRI", "Item", "", "", "", "12.34", "EUR"],
    // deno-fmt-ignore
    ["category", "10100", "Editorial", "Post-production", "", "", "", "1.00", "2.50", "-1.50", "", "EUR"],
    // deno-fmt-ignore
    ["expense", "10100", "Editorial", "Post-production", "2027-04-01", "", "Item", "", "", "", "2.50", "EUR"],
    // deno-fmt-ignore
    ["total", "", "", "", "", "", "", "10001.00", "14.89", "9986.11", "", "EUR"],
  ]);
});

Deno.test("budgetCsv - minor units follow the currency", () => {
  const text = budgetCsv({
    currency: "JPY",
    categories: [category({ allocatedCents: 500_000, spentCents: 1_234 })],
    expenses: [expense({ amountCents: 1_234 })],
  });
  const rows = parseCsv(text.slice(BOM.length));
  assert.deepEqual(rows[1].slice(7, 10), ["500000", "1234", "498766"]);
  assert.equal(rows[2][10], "1234");
});

Deno.test("budgetCsv - formula injection in any typed text is neutralised, quoting intact", () => {
  const text = budgetCsv({
    currency: "EUR",
    categories: [
      category({
        name: '=HYPERLINK("http://evil","x")',
        code: "-1",
        spentCents: 1,
      }),
    ],
    expenses: [
      expense({
        vendor: "@evil",
        description: '+cmd|"/c calc"!A1, "and more"\nsecond line',
      }),
    ],
  });
  const rows = parseCsv(text.slice(BOM.length));
  assert.equal(rows[1][1], "'-1");
  assert.equal(rows[1][2], `'=HYPERLINK("http://evil","x")`);
  assert.equal(rows[2][5], "'@evil");
  assert.equal(rows[2][6], `'+cmd|"/c calc"!A1, "and more"\nsecond line`);
  // Negative amounts we computed stay numbers.
  assert.equal(rows[1][9], "-0.01");
  for (const row of rows) {
    for (const cell of row) assert.doesNotMatch(cell, /^[=+@]/);
  }
});

Deno.test("csvFilename - budget-<UTC date>.csv", () => {
  assert.equal(
    csvFilename(new Date("2027-03-09T23:30:00Z")),
    "budget-2027-03-09.csv",
  );
});
