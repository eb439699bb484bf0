import assert from "node:assert/strict";
import {
  alertLevel,
  compareCodes,
  crossedLevel,
  figures,
  formatMoney,
  formatPercent,
  MAX_CATEGORIES,
  MAX_CENTS,
  minorDigits,
  percent,
  sumCents,
  toDecimal,
  totals,
} from "./money.ts";
import { AllocationCentsSchema, CentsSchema } from "./schemas.ts";

Deno.test("CentsSchema - whole positive cents up to the cap; nothing coerced", () => {
  for (const ok of [1, 1234, MAX_CENTS]) {
    assert.equal(CentsSchema.parse(ok), ok);
  }
  const bad = [
    0,
    -1,
    -0.5,
    12.5,
    0.1 + 0.2,
    "12",
    "",
    null,
    undefined,
    true,
    NaN,
    Infinity,
    -Infinity,
    1e20,
    MAX_CENTS + 1,
    Number.MAX_SAFE_INTEGER + 2,
    12n,
    [12],
    { cents: 12 },
  ];
  for (const value of bad) {
    assert.equal(
      CentsSchema.safeParse(value).success,
      false,
      `${String(value)} must be refused`,
    );
  }
});

Deno.test("AllocationCentsSchema - zero is allowed, the rest as for amounts", () => {
  assert.equal(AllocationCentsSchema.parse(0), 0);
  assert.equal(AllocationCentsSchema.parse(MAX_CENTS), MAX_CENTS);
  for (const value of [-1, 1.5, "0", NaN, 1e20]) {
    assert.equal(AllocationCentsSchema.safeParse(value).success, false);
  }
});

Deno.test("sumCents - exact integer totals; refuses non-integers and overflow", () => {
  assert.equal(sumCents([]), 0);
  // The float classic: 0.1 + 0.2 != 0.3, but 10 + 20 cents is 30.
  assert.equal(sumCents([10, 20]), 30);
  assert.equal(sumCents([MAX_CENTS, MAX_CENTS, 1]), 2 * MAX_CENTS + 1);
  assert.throws(() => sumCents([1.5]), RangeError);
  assert.throws(() => sumCents([NaN]), RangeError);
  assert.throws(
    () => sumCents([Number.MAX_SAFE_INTEGER, 1]),
    RangeError,
  );
  // The cap on categories keeps the worst-case total exact.
  const worst = Array(MAX_CATEGORIES * 2).fill(MAX_CENTS);
  assert.equal(sumCents(worst), MAX_CATEGORIES * 2 * MAX_CENTS);
});

Deno.test("percent - floored to a tenth; null without an allocation", () => {
  assert.equal(percent(0, 10_000), 0);
  assert.equal(percent(7_999, 10_000), 79.9);
  assert.equal(percent(7_999_99, 10_000_00), 79.9); // never shows 80.0
  assert.equal(percent(8_000, 10_000), 80);
  assert.equal(percent(1, 3), 33.3);
  assert.equal(percent(2, 3), 66.6);
  assert.equal(percent(15_000, 10_000), 150);
  assert.equal(percent(0, 0), null);
  assert.equal(percent(500, 0), null);
  // Exact at the top of the range, where spent * 1000 passes 2^53.
  assert.equal(percent(MAX_CENTS - 1, MAX_CENTS), 99.9);
  assert.equal(percent(MAX_CENTS, MAX_CENTS), 100);
});

Deno.test("alertLevel - exact thresholds; spend without allocation is over", () => {
  assert.equal(alertLevel(0, 10_000), 0);
  assert.equal(alertLevel(7_999, 10_000), 0);
  assert.equal(alertLevel(8_000, 10_000), 80);
  assert.equal(alertLevel(9_999, 10_000), 80);
  assert.equal(alertLevel(10_000, 10_000), 100);
  assert.equal(alertLevel(20_000, 10_000), 100);
  assert.equal(alertLevel(0, 0), 0);
  assert.equal(alertLevel(1, 0), 100);
  // 80 % of 3 cents is 2.4: 2 is below, 3 is at 100.
  assert.equal(alertLevel(2, 3), 0);
  assert.equal(alertLevel(3, 3), 100);
  assert.equal(alertLevel(MAX_CENTS - 1, MAX_CENTS), 80);
});

Deno.test("crossedLevel - only when a threshold is crossed from below", () => {
  const at = (spent: number, allocated = 10_000) => ({ spent, allocated });
  assert.equal(crossedLevel(at(7_000), at(8_000)), 80);
  assert.equal(crossedLevel(at(8_000), at(9_000)), null);
  assert.equal(crossedLevel(at(9_000), at(10_000)), 100);
  assert.equal(crossedLevel(at(10_000), at(12_000)), null);
  assert.equal(crossedLevel(at(7_000), at(12_000)), 100);
  assert.equal(crossedLevel(at(9_000), at(7_000)), null);
  // A cut allocation crosses too.
  assert.equal(crossedLevel(at(9_000, 20_000), at(9_000, 10_000)), 80);
  assert.equal(crossedLevel(at(0, 0), at(1, 0)), 100);
});

Deno.test("figures and totals - remaining may go negative; totals exact", () => {
  assert.deepEqual(figures({ allocatedCents: 10_000, spentCents: 12_500 }), {
    allocatedCents: 10_000,
    spentCents: 12_500,
    remainingCents: -2_500,
    percent: 125,
    level: 100,
  });
  const t = totals([
    { allocatedCents: 10, spentCents: 1 },
    { allocatedCents: 20, spentCents: 2 },
    { allocatedCents: 0, spentCents: 0 },
  ]);
  assert.deepEqual(t, {
    allocatedCents: 30,
    spentCents: 3,
    remainingCents: 27,
    percent: 10,
    level: 0,
  });
  assert.deepEqual(totals([]), {
    allocatedCents: 0,
    spentCents: 0,
    remainingCents: 0,
    percent: null,
    level: 0,
  });
});

Deno.test("minorDigits and toDecimal - from the currency's minor units, exact", () => {
  assert.equal(minorDigits("EUR"), 2);
  assert.equal(minorDigits("JPY"), 0);
  assert.equal(minorDigits("BHD"), 3);
  assert.equal(toDecimal(1234, "EUR"), "12.34");
  assert.equal(toDecimal(5, "EUR"), "0.05");
  assert.equal(toDecimal(0, "EUR"), "0.00");
  assert.equal(toDecimal(-5, "EUR"), "-0.05");
  assert.equal(toDecimal(-123456, "EUR"), "-1234.56");
  assert.equal(toDecimal(1234, "JPY"), "1234");
  assert.equal(toDecimal(1234, "BHD"), "1.234");
  assert.equal(toDecimal(MAX_CENTS, "EUR"), "100000000000.00");
  assert.equal(
    toDecimal(Number.MAX_SAFE_INTEGER, "EUR"),
    "90071992547409.91",
  );
  assert.throws(() => toDecimal(1.5, "EUR"), RangeError);
  assert.throws(() => toDecimal(1, "euro"), RangeError);
});

Deno.test("formatMoney - Intl currency format of the exact amount", () => {
  assert.equal(formatMoney(123456, "EUR"), "€1,234.56");
  assert.equal(formatMoney(1234, "JPY"), "¥1,234");
  assert.equal(formatMoney(-250, "USD"), "-$2.50");
  assert.equal(formatMoney(0, "EUR"), "€0.00");
  assert.equal(
    formatMoney(1234567, "BHD").replace(/\s/g, " "),
    "BHD 1,234.567",
  );
  // Past 2^53 / 100 a float quotient would round; the decimal string cannot.
  assert.equal(
    formatMoney(Number.MAX_SAFE_INTEGER, "EUR"),
    "€90,071,992,547,409.91",
  );
  assert.equal(
    formatMoney(123456, "EUR", "de-DE").replace(/\s/g, " "),
    "1.234,56 €",
  );
});

Deno.test("formatPercent - one decimal, no float drift; dash for null", () => {
  assert.equal(formatPercent(57.3), "57.3%");
  assert.equal(formatPercent(79.9), "79.9%");
  assert.equal(formatPercent(100), "100%");
  assert.equal(formatPercent(0), "0%");
  assert.equal(formatPercent(null), "—");
});

Deno.test("compareCodes - top-sheet order: numbers by value, case ignored", () => {
  const codes = ["10100", "2300", "1100", "2300.10", "a-1", "A-2", "1100.5"];
  assert.deepEqual(codes.sort(compareCodes), [
    "1100",
    "1100.5",
    "2300",
    "2300.10",
    "10100",
    "a-1",
    "A-2",
  ]);
});
