import assert from "node:assert/strict";
import { agoText, linesBeyond, moreText, summaryText } from "./shared.ts";

Deno.test("summaryText - per kind of record: changed, new, removed; the noun once", () => {
  assert.equal(
    summaryText([
      { noun: "task", kind: "new", count: 5 },
      { noun: "task", kind: "changed", count: 12 },
      { noun: "task", kind: "removed", count: 6 },
    ]),
    "12 tasks changed, 5 new, 6 removed",
  );
  assert.equal(
    summaryText([
      { noun: "file", kind: "new", count: 1 },
      { noun: "expense", kind: "removed", count: 2 },
      { noun: "settings", kind: "changed", count: 1 },
    ]),
    "1 new file; 2 expenses removed; the settings changed",
  );
});

Deno.test("moreText - the summary line with its total", () => {
  assert.equal(
    moreText([
      { noun: "task", kind: "changed", count: 12 },
      { noun: "task", kind: "new", count: 5 },
      { noun: "task", kind: "removed", count: 6 },
    ]),
    "and 23 more changes: 12 tasks changed, 5 new, 6 removed",
  );
  assert.equal(
    moreText([{ noun: "shot", kind: "changed", count: 1 }]),
    "and 1 more change: 1 shot changed",
  );
});

Deno.test("agoText - minutes, hours, days, then the date", () => {
  const now = Date.parse("2027-02-10T12:00:00Z");
  const ago = (ms: number) => agoText(now - ms, now, "Europe/Oslo");
  assert.equal(ago(20_000), "moments ago");
  assert.equal(ago(25 * 60_000), "25 min ago");
  assert.equal(ago(3 * 3_600_000 + 59 * 60_000), "3 h ago");
  assert.equal(ago(30 * 3_600_000), "a day ago");
  assert.equal(ago(4 * 86_400_000), "4 days ago");
  assert.equal(ago(9 * 86_400_000), "on 1 Feb");
  // A clock behind the mark is never "in the future".
  assert.equal(agoText(now + 5_000, now, "UTC"), "moments ago");
});

Deno.test("linesBeyond - the listed lines after the first few, then the unlisted counts", () => {
  const line = (noun: "task" | "file", kind: "new" | "changed") => ({
    noun,
    kind,
    item: {} as never,
  });
  const since = {
    lines: [
      line("task", "changed"),
      line("file", "new"),
      line("task", "new"),
      line("task", "changed"),
    ],
    more: [{ noun: "task" as const, kind: "changed" as const, count: 3 }],
  };
  assert.equal(
    moreText(linesBeyond(since, 2)),
    "and 5 more changes: 4 tasks changed, 1 new",
  );
  assert.deepEqual(linesBeyond(since, 4), since.more);
});
