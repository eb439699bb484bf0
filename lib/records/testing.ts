/**
 * A demo production for the tests of cross-module features (links,
 * comments, the inbox, the ripple): the demo seed with module data on a
 * fresh in-memory store, its members by role, and service contexts for
 * them on a fixed clock.
 *
 * @module
 */
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import type { Role } from "@/lib/roles.ts";
import { seedDemo } from "@/lib/seed.ts";
import {
  type ServiceActor,
  type ServiceContext,
  serviceContext,
} from "@/lib/service.ts";
import { openKv } from "@/lib/store/kv.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { listMembers } from "@/lib/team/members.ts";
import { readEventsAfter, type StoredEvent } from "@/lib/store/event_log.ts";

/** The seeded demo production and who works in it. */
export interface DemoWorld {
  /** The production's view of the store. */
  kv: Deno.Kv;
  /** The demo member of each role. */
  people: Record<Role, ServiceActor>;
  /** A context for the member of `role` on the tests' clock. */
  as(role: Role): ServiceContext;
  close(): void;
}

let tick = Date.UTC(2027, 1, 1, 9);
function clock(): Date {
  tick += 1000;
  return new Date(tick);
}

/**
 * Seeds the demo production (module data included) in memory; the
 * schedule only with `schedule: true` (tests build their own board).
 */
export async function demoWorld(
  { schedule = false }: { schedule?: boolean } = {},
): Promise<DemoWorld> {
  const store = await openKv(":memory:");
  const kv = productionKv(store, PRODUCTION_ID);
  await seedDemo(kv, { passwordIterations: 1000, schedule });
  const people = {} as Record<Role, ServiceActor>;
  for (const member of await listMembers(kv)) {
    people[member.role] ??= {
      id: member.id,
      name: member.name,
      role: member.role,
    };
  }
  return {
    kv,
    people,
    as: (role) => serviceContext(kv, people[role], clock),
    close: () => store.close(),
  };
}

/** The events logged after `after`, oldest first. */
export async function eventsAfter(
  kv: Deno.Kv,
  after: string,
): Promise<StoredEvent[]> {
  const page = await readEventsAfter(kv, after, 10_000);
  if (page.resync) throw new Error("the log moved past the cursor");
  return page.events;
}
