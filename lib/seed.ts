import { hashPassword } from "./auth/password.ts";
import { PRODUCTION_ID, productions } from "./production.ts";
import type { Role } from "./roles.ts";
import { transact } from "./store/transaction.ts";
import { seedAssets } from "./assets/seed.ts";
import { seedBudget } from "./budget/seed.ts";
import { seedScript } from "./script/seed.ts";
import { seedVfx } from "./vfx/seed.ts";
import { seedTasks } from "./tasks/seed.ts";
import { users } from "./team/users.ts";

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

/**
 * Fills an empty store with a sample production, the demo users and the
 * modules' sample data (`moduleData: false` leaves the modules empty).
 * Returns false (and writes nothing) when any user exists already.
 */
export async function seedDemo(
  kv: Deno.Kv,
  options: { passwordIterations?: number; moduleData?: boolean } = {},
): Promise<boolean> {
  for await (const _ of kv.list({ prefix: ["users"] }, { limit: 1 })) {
    return false;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD, {
    iterations: options.passwordIterations,
  });
  const { result } = await transact(kv, async (tx) => {
    // Re-checked inside the commit: two instances may start together.
    for await (const _ of kv.list({ prefix: ["users"] }, { limit: 1 })) {
      return false;
    }
    await tx.get(["seeded"]);
    tx.set(["seeded"], new Date().toISOString());
    await productions.insert(tx, {
      title: "Northern Lights",
      company: "Aurora Pictures",
      format: "Feature film",
      currency: "EUR",
      startDate: "2027-02-01",
      wrapDate: "2027-04-30",
      timeZone: "Europe/Oslo",
    }, { id: PRODUCTION_ID });
    const people: Partial<Record<Role, { id: string; name: string }>> = {};
    for (const demo of DEMO_USERS) {
      const user = await users.insert(tx, {
        ...demo,
        active: true,
        passwordHash,
      });
      people[demo.role] = { id: user.id, name: user.name };
    }
    return people;
  });
  if (result === false) return false;
  if (options.moduleData === false) return true;
  // Module sample data, written straight to the store (no events: it is
  // the state the production starts from).
  const people = result;
  const idOf: Partial<Record<Role, string>> = {};
  for (const [role, user] of Object.entries(people)) {
    idOf[role as Role] = user.id;
  }
  await seedTasks(kv, idOf, people.producer!.id);
  await seedBudget(kv, { createdBy: people.production_manager! });
  await seedScript(kv, { director: people.director! });
  await seedVfx(kv, { vfx: people.vfx!, director: people.director! });
  await seedAssets(kv, people.production_manager!);
  return true;
}
