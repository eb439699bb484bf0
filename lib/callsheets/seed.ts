/**
 * Demo data: a published call sheet for a shooting day of the demo
 * schedule, written straight to the store (no events, no inbox items: it
 * is the state the production starts from). For the seed, once it has
 * built a working board.
 *
 * @module
 */
import type { ServiceActor } from "@/lib/service.ts";
import { serviceContext } from "@/lib/service.ts";
import { getProduction } from "@/lib/production/store.ts";
import { departmentsOf } from "@/lib/production/shared.ts";
import { getSchedule } from "@/lib/schedule/service.ts";
import { lockedVersion } from "@/lib/schedule/versions.ts";
import { transact } from "@/lib/store/transaction.ts";
import { listMembers } from "@/lib/team/members.ts";
import { draftSheet, scheduledPart } from "./generate.ts";
import type { CallSheet } from "./shared.ts";
import { callSheets } from "./store.ts";

/**
 * Publishes day `day`'s sheet as `office` (a production manager) made it;
 * null when the schedule has no such day or the day has a sheet already.
 */
export async function seedCallSheet(
  kv: Deno.Kv,
  office: ServiceActor,
  day = 1,
  now = new Date(),
): Promise<CallSheet | null> {
  if ((await callSheets.findBy(kv, "day", day)).length > 0) return null;
  const locked = await lockedVersion(kv);
  const view = await getSchedule(serviceContext(kv, office), locked?.id);
  const part = scheduledPart(view, day, {
    versionId: locked?.id ?? null,
    versionName: locked?.name ?? null,
  });
  if (part === null) return null;
  const [production, members] = await Promise.all([
    getProduction(kv),
    listMembers(kv),
  ]);
  const content = draftSheet(
    part,
    view,
    departmentsOf(production),
    members,
    office.id,
  );
  const { result } = await transact(kv, (tx) =>
    callSheets.insert(tx, {
      ...content,
      status: "published",
      revision: 1,
      publishedAt: now.toISOString(),
      hospital: {
        name: "Nearest emergency department",
        address: "To be confirmed by the location manager",
        phone: "112",
      },
    }, { now }));
  return result;
}
