import assert from "node:assert/strict";
import type {
  CallSheet,
  CallSheetSummary,
  CallSheetView,
} from "@/lib/callsheets/shared.ts";
import {
  changedCount,
  draftOf,
  eventEffect,
  openDayLabel,
  pagesText,
  patchOf,
  receiptLine,
  tallyOf,
  withConfirmation,
} from "./model.ts";

const SHEET = {
  id: "s1",
  version: 3,
  status: "published",
  revision: 2,
  generalCall: "07:00",
  notes: "",
  weather: "",
  sunrise: "",
  sunset: "",
  cast: [],
  crew: [{ userId: "a", call: null }, { userId: "b", call: "06:00" }],
  locations: [],
  departmentNotes: [],
  hospital: { name: "", address: "", phone: "" },
} as unknown as CallSheet;

const VIEW = {
  sheet: SHEET,
  crew: [
    { userId: "a", name: "Ann", role: "crew", call: "07:00", own: false },
    { userId: "b", name: "Bo", role: "vfx", call: "06:00", own: true },
  ],
  confirmations: [],
  mine: { called: true, call: "07:00", confirmedAt: null },
} as unknown as CallSheetView;

const receipt = (userId: string, revision = 2) => ({
  action: "confirmed" as const,
  id: "s1",
  day: 2,
  revision,
  confirmation: { userId, name: userId, at: "2027-02-01T18:04:00Z" },
});

Deno.test("withConfirmation - adds a receipt of this revision once; the viewer's marks them", () => {
  const one = withConfirmation(VIEW, receipt("b"), "a");
  assert.equal(one.confirmations?.length, 1);
  assert.equal(one.mine.confirmedAt, null);
  assert.equal(
    withConfirmation(one, receipt("b"), "a").confirmations?.length,
    1,
  );
  assert.equal(
    withConfirmation(VIEW, receipt("a", 1), "a"),
    VIEW,
    "old revision",
  );
  const mine = withConfirmation(VIEW, receipt("a"), "a");
  assert.equal(mine.mine.confirmedAt, "2027-02-01T18:04:00Z");
  const tally = tallyOf(mine);
  assert.deepEqual(tally.confirmed.map((c) => c.userId), ["a"]);
  assert.deepEqual(tally.waiting.map((c) => c.userId), ["b"]);
  assert.equal(tally.total, 2);
});

Deno.test("eventEffect - what an event asks of a sheet's page", () => {
  assert.equal(eventEffect(receipt("a"), "s1"), "confirmed");
  assert.equal(eventEffect(receipt("a"), "s2"), "ignore");
  const base = { id: "s1", day: 2, version: 4, revision: 2 };
  assert.equal(eventEffect({ ...base, action: "deleted" }, "s1"), "gone");
  assert.equal(eventEffect({ ...base, action: "revised" }, "s1"), "reload");
});

Deno.test("patchOf - only the changed fields, with the version", () => {
  const draft = draftOf(SHEET);
  assert.deepEqual(patchOf(SHEET, draft), { version: 3 });
  draft.notes = "Rain";
  draft.crew[0].call = "05:30";
  const patch = patchOf(SHEET, draft);
  assert.equal(changedCount(patch), 2);
  assert.equal(SHEET.crew[0].call, null, "the draft is a copy");
});

Deno.test("texts - open days, receipts, pages", () => {
  assert.equal(
    openDayLabel({ day: 3, date: "2027-02-03", scenes: 1 }),
    "Day 3 · Wed 3 Feb 2027 · 1 scene",
  );
  const line = {
    state: "published",
    confirmed: null,
    called: 4,
    mine: { call: "07:00", confirmedAt: null },
  } as unknown as CallSheetSummary;
  assert.equal(receiptLine(line), "Not confirmed yet");
  assert.equal(receiptLine({ ...line, confirmed: 3 }), "Confirmed 3 of 4");
  assert.equal(receiptLine({ ...line, state: "draft" }), "Not published yet");
  assert.equal(pagesText(3), "3/8 page");
  assert.equal(pagesText(8), "1 page");
  assert.equal(pagesText(11), "1 3/8 pages");
});
