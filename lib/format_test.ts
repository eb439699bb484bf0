import assert from "node:assert/strict";
import {
  activityTime,
  formatDate,
  formatDateTime,
  formatShortDate,
  formatTime,
  isPastDate,
  isTimeZone,
  todayIn,
} from "./format.ts";

Deno.test("format - calendar dates print as they are, in any zone", () => {
  assert.equal(formatDate("2027-02-01"), "1 Feb 2027");
  assert.equal(formatDate("2027-02-01", "Pacific/Honolulu"), "1 Feb 2027");
  assert.equal(formatDate("2027-12-31", "Pacific/Kiritimati"), "31 Dec 2027");
});

Deno.test("format - timestamps print in the production's zone, 24-hour", () => {
  const t = "2027-02-01T13:05:09Z";
  assert.equal(formatDateTime(t, "Europe/Oslo"), "1 Feb 2027, 14:05");
  assert.equal(formatDateTime(t), "1 Feb 2027, 13:05");
  assert.equal(formatTime(t, "Europe/Oslo"), "14:05");
  assert.equal(formatTime(t, "UTC", { seconds: true }), "13:05:09");
  assert.equal(formatTime(Date.parse("2027-02-01T23:30:00Z"), "UTC"), "23:30");
  // Past midnight in Oslo: the date follows the zone too.
  assert.equal(formatDate("2027-02-01T23:30:00Z", "Europe/Oslo"), "2 Feb 2027");
});

Deno.test("format - short dates add the year only when it is not this one", () => {
  const now = "2026-12-04T10:00:00Z";
  assert.equal(formatShortDate("2026-11-20", "UTC", now), "20 Nov");
  assert.equal(formatShortDate("2027-01-05", "UTC", now), "5 Jan 2027");
  assert.equal(formatShortDate("2025-11-20", "UTC", now), "20 Nov 2025");
});

Deno.test("format - today and past dates follow the zone", () => {
  const now = "2026-12-04T23:30:00Z";
  assert.equal(todayIn("UTC", now), "2026-12-04");
  assert.equal(todayIn("Europe/Oslo", now), "2026-12-05");
  assert.equal(isPastDate("2026-12-04", "UTC", now), false);
  assert.equal(isPastDate("2026-12-04", "Europe/Oslo", now), true);
  assert.equal(isPastDate("2026-11-20", "UTC", now), true);
});

Deno.test("format - time zones are validated", () => {
  assert.equal(isTimeZone("Europe/Oslo"), true);
  assert.equal(isTimeZone("UTC"), true);
  assert.equal(isTimeZone("Mars/Olympus"), false);
  // Asked again, from the remembered zones: the same answers.
  assert.equal(isTimeZone("Europe/Oslo"), true);
  assert.equal(isTimeZone("Mars/Olympus"), false);
});

Deno.test("activityTime - 24-hour time today, the date on other days, in the production zone", () => {
  const zone = "Europe/Oslo";
  const now = Date.UTC(2027, 1, 3, 20, 0);
  assert.equal(activityTime(Date.UTC(2027, 1, 3, 13, 5), zone, now), "14:05");
  assert.equal(
    activityTime(Date.UTC(2027, 1, 2, 22, 30), zone, now),
    "2 Feb, 23:30",
  );
  // 23:30 UTC is already the next day in Oslo.
  assert.equal(activityTime(Date.UTC(2027, 1, 2, 23, 30), zone, now), "00:30");
  assert.equal(
    activityTime(Date.UTC(2026, 11, 31, 9, 0), zone, now),
    "31 Dec 2026, 10:00",
  );
});
