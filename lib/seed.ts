import { hashPassword } from "./auth/password.ts";
import { DEFAULT_DEPARTMENTS } from "./production/shared.ts";
import { DEFAULT_SHOT_CODE_PATTERN } from "./production/shot_code.ts";
import type { Production } from "./production/schemas.ts";
import { PRODUCTION_ID, productions } from "./production/store.ts";
import { productionKv, studioKv } from "./store/production_kv.ts";
import type { NewRecord } from "./store/repository.ts";
import type { Role } from "./roles.ts";
import { transact } from "./store/transaction.ts";
import { seedAssets } from "./assets/seed.ts";
import { seedBudget } from "./budget/seed.ts";
import { seedCallSheet } from "./callsheets/seed.ts";
import { seedSchedule } from "./schedule/seed.ts";
import { seedScript } from "./script/seed.ts";
import { seedVfx } from "./vfx/seed.ts";
import { seedTasks, type TaskSeed } from "./tasks/seed.ts";
import { tasks } from "./tasks/task_store.ts";
import { addMember, insertMember, memberships } from "./team/members.ts";
import { users } from "./team/users.ts";

/** The demo production's settings, with `overrides` (tests vary them). */
export function demoProduction(
  overrides: Partial<NewRecord<Production>> = {},
): NewRecord<Production> {
  return {
    title: "Northern Lights",
    slug: "northern-lights",
    kind: "feature",
    company: "Aurora Pictures",
    currency: "EUR",
    startDate: "2027-02-01",
    wrapDate: "2027-04-30",
    timeZone: "Europe/Oslo",
    departments: [...DEFAULT_DEPARTMENTS],
    shotCodePattern: DEFAULT_SHOT_CODE_PATTERN,
    archived: false,
    vfxBudgetCategoryId: null,
    ...overrides,
  };
}

/**
 * The second demo production: a short series block where some of the same
 * people hold other roles, and some are not members at all (README lists
 * who is what where).
 */
export const SECOND_DEMO_PRODUCTION = {
  id: "saltwater-block-2",
  settings: demoProduction({
    title: "Saltwater — Block 2",
    slug: "saltwater-block-2",
    kind: "series",
    company: "Aurora Pictures",
    currency: "GBP",
    startDate: "2027-05-03",
    wrapDate: "2027-06-11",
    timeZone: "Europe/London",
  }),
  /** Demo username → role there; everyone else is not a member. */
  members: {
    producer: "producer",
    crew: "production_manager",
    vfx: "crew",
  } as Record<string, Role>,
};

const SECOND_TASKS: TaskSeed[] = [
  [
    "Block 2 prep schedule",
    "Production",
    "in_progress",
    "high",
    "production_manager",
    "2027-04-12",
  ],
  ["Cast the harbourmaster", "Production", "todo", "high", "producer", null],
  [
    "Pier recce, episodes 5–6",
    "Locations",
    "todo",
    "medium",
    "crew",
    "2027-04-20",
  ],
  [
    "Wet-down plan for the pier",
    "Grip & Electric",
    "todo",
    "medium",
    "crew",
    null,
  ],
];

/** The demo password of every demo user (DESIGN §4). */
export const DEMO_PASSWORD = "password123";

/** One demo user per role (DESIGN §4). */
export const DEMO_USERS: { username: string; name: string; role: Role }[] = [
  { username: "producer", name: "Paula Reyes", role: "producer" },
  { username: "prodmanager", name: "Marcus Obi", role: "production_manager" },
  { username: "director", name: "Dana Kowalski", role: "director" },
  { username: "crew", name: "Sam Lindqvist", role: "crew" },
  { username: "vfx", name: "Ines Moreau", role: "vfx" },
  {
    username: "distribution",
    name: "Theo Nakamura",
    role: "distribution_manager",
  },
];

/** The seed's marker: one starter seeds, concurrent starters skip. */
const SEED_KEY: Deno.KvKey = ["seeded"];
/** A starter that died mid-seed loses its claim after this long. */
const SEED_LEASE_MS = 120_000;

/** What the marker holds while seeding and after. */
interface SeedState {
  state: "running" | "done";
  /** Until when the running starter holds the seed (ms since epoch). */
  leaseUntil: number;
  /** Steps finished, so a resumed seed does not repeat them. */
  steps: string[];
}

/** What {@linkcode seedDemo} writes beside the users. */
export interface SeedOptions {
  /** PBKDF2 iterations of the demo password (tests use few). */
  passwordIterations?: number;
  /** The modules' sample data (default true). */
  moduleData?: boolean;
  /**
   * With module data, a board of the first shooting days and a published
   * call sheet (default true); false leaves every scene in the boneyard.
   */
  schedule?: boolean;
}

/**
 * Fills an empty store with a sample production, the demo users and the
 * modules' sample data (`moduleData: false` leaves the modules empty).
 * Returns true for the one caller that seeded; false (writing nothing)
 * when the store is seeded or has users already, or another starter holds
 * the seed: several workers or processes may start on one store at once.
 *
 * Each record commits on its own (with its indexes), so no commit exceeds
 * the KV limits; the marker makes the whole seed run once. A starter that
 * dies mid-seed leaves a claim that lapses after two minutes; the next
 * start then finishes the steps still missing.
 */
export async function seedDemo(
  kv: Deno.Kv,
  options: SeedOptions = {},
): Promise<boolean> {
  const marker = await kv.get<SeedState | string>(SEED_KEY);
  const state = marker.value;
  // Older stores hold the seed date as a string: seeded.
  if (typeof state === "string" || state?.state === "done") return false;
  if (state === null && await hasUsers(kv)) return false;
  if (state !== null && state.leaseUntil > Date.now()) return false;
  const steps = new Set(state?.steps ?? []);
  let held = marker;
  /** Renews the claim and records progress; false when it was lost. */
  const mark = async (value: SeedState) => {
    const result = await kv.atomic().check(held).set(SEED_KEY, value).commit();
    if (!result.ok) return false;
    held = { key: SEED_KEY, value, versionstamp: result.versionstamp };
    return true;
  };
  const lease = () => Date.now() + SEED_LEASE_MS;
  if (
    !await mark({ state: "running", leaseUntil: lease(), steps: [...steps] })
  ) {
    return false;
  }
  const step = async (name: string, run: () => Promise<unknown>) => {
    if (steps.has(name)) return;
    await run();
    steps.add(name);
    if (
      !await mark({ state: "running", leaseUntil: lease(), steps: [...steps] })
    ) {
      throw new Error("seedDemo: another starter took over the seed");
    }
  };

  await step("production", async () => {
    if (await productions.get(kv, PRODUCTION_ID) !== null) return;
    await transact(
      kv,
      (tx) => productions.insert(tx, demoProduction(), { id: PRODUCTION_ID }),
    );
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD, {
    iterations: options.passwordIterations,
  });
  const people: Partial<Record<Role, { id: string; name: string }>> = {};
  for (const { role, ...demo } of DEMO_USERS) {
    const [existing] = await users.findBy(kv, "username", demo.username);
    // The account and its membership commit together; a seed cut off
    // between two users finds the first complete.
    const user = existing ??
      (await transact(
        kv,
        (tx) =>
          insertMember(tx, kv, {
            ...demo,
            role,
            active: true,
            // The demo producer also administers the demo studio.
            admin: role === "producer",
            passwordHash,
          }),
      )).result;
    people[role] = { id: user.id, name: user.name };
  }
  if (options.moduleData !== false) {
    const idOf: Partial<Record<Role, string>> = {};
    for (const [role, user] of Object.entries(people)) {
      idOf[role as Role] = user.id;
    }
    // Module sample data, written straight to the store (no events: it is
    // the state the production starts from).
    await step("tasks", () => seedTasks(kv, idOf, people.producer!.id));
    await step(
      "budget",
      () => seedBudget(kv, { createdBy: people.production_manager! }),
    );
    await step("script", () => seedScript(kv, { director: people.director! }));
    await step(
      "vfx",
      () => seedVfx(kv, { vfx: people.vfx!, director: people.director! }),
    );
    await step("assets", () => seedAssets(kv, people.production_manager!));
    await step("schedule", async () => {
      if (options.schedule === false) return;
      await seedSchedule(kv);
      const office = people.production_manager!;
      await seedCallSheet(kv, { ...office, role: "production_manager" });
    });
  }
  await step("second_production", () => seedSecondProduction(kv, options));
  await mark({ state: "done", leaseUntil: 0, steps: [...steps] });
  return true;
}

/**
 * The second demo production, its memberships and (with module data) a few
 * tasks. Re-runnable: what exists is kept.
 */
async function seedSecondProduction(
  kv: Deno.Kv,
  options: SeedOptions,
): Promise<void> {
  const { id, settings, members } = SECOND_DEMO_PRODUCTION;
  const second = productionKv(studioKv(kv), id);
  if (await productions.get(second, id) === null) {
    await transact(second, (tx) => productions.insert(tx, settings, { id }));
  }
  const idOf: Partial<Record<Role, string>> = {};
  for (const [username, role] of Object.entries(members)) {
    const [account] = await users.findBy(kv, "username", username);
    if (account === undefined) continue;
    idOf[role] = account.id;
    await transact(second, async (tx) => {
      if (await memberships.get(tx, account.id) !== null) return;
      await addMember(tx, second, account.id, role);
    });
  }
  if (options.moduleData === false) return;
  if (!await tasks.hasAny(second) && idOf.producer !== undefined) {
    await seedTasks(second, idOf, idOf.producer, SECOND_TASKS);
  }
}

/**
 * Resolves once no starter holds the demo seed: at once when it is done (or
 * never started), else when the starter that holds it finishes, or its
 * claim lapses because it died (bounded by the lease it renews per step).
 * The starters that lose the race wait here, so none serves sign-ins for
 * demo users that do not exist yet.
 */
export async function seedSettled(kv: Deno.Kv, pollMs = 100): Promise<void> {
  for (;;) {
    const { value } = await kv.get<SeedState | string>(SEED_KEY);
    const held = typeof value === "object" && value?.state === "running" &&
      value.leaseUntil > Date.now();
    if (!held) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function hasUsers(kv: Deno.Kv): Promise<boolean> {
  return users.hasAny(kv);
}

/**
 * True for one of the instances starting together on a store (the workers
 * of `deno serve --parallel`), so start-up notices print once per start.
 */
export async function claimStartupNotice(kv: Deno.Kv): Promise<boolean> {
  const key = ["startup_notice"];
  const result = await kv.atomic().check({ key, versionstamp: null })
    .set(key, true, { expireIn: 10_000 }).commit();
  return result.ok;
}
