import assert from "node:assert/strict";
import { ScheduleSettingsInputSchema } from "./schemas.ts";

const VALID = {
  startDate: "2027-02-01",
  workWeekdays: [1, 2, 3, 4, 5],
  daysOff: [],
  extraWorkDays: [],
  minutesPerEighth: 15,
  stripColors: {},
  dropPickupAfterDays: null,
  maxDropsPerMember: 1,
};

Deno.test("schedule schemas - calendar problems come on their field, for the form to show there", () => {
  const paths = (input: Record<string, unknown>) => {
    const result = ScheduleSettingsInputSchema.safeParse({
      ...VALID,
      ...input,
    });
    assert.equal(result.success, false);
    // A field may carry two issues (zod's own and the calendar's).
    return [...new Set(result.error!.issues.map((i) => i.path.join(".")))];
  };
  assert.deepEqual(
    paths({ daysOff: ["2027-02-06"], extraWorkDays: ["2027-02-06"] }),
    ["extraWorkDays"],
  );
  assert.deepEqual(paths({ workWeekdays: [] }), ["workWeekdays"]);
  assert.deepEqual(paths({ startDate: "2027-02-30" }), ["startDate"]);
  assert.deepEqual(paths({ minutesPerEighth: 0 }), ["minutesPerEighth"]);
  assert.ok(ScheduleSettingsInputSchema.safeParse(VALID).success);
});
