import type { Role } from "@/lib/roles.ts";
import { transact } from "@/lib/store/transaction.ts";
import { rankBetween } from "./rank.ts";
import type { Task } from "./schemas.ts";
import { tasks } from "./task_store.ts";

/** One seeded task: its assignee is whoever holds the role. */
export type TaskSeed = [
  title: string,
  department: string,
  status: Task["status"],
  priority: Task["priority"],
  assignee: Role | null,
  due: string | null,
];

const SEEDS: TaskSeed[] = [
  [
    "Lock the shooting schedule",
    "Production",
    "in_progress",
    "urgent",
    "production_manager",
    "2027-01-20",
  ],
  [
    "Confirm lead cast availability",
    "Production",
    "review",
    "high",
    "producer",
    "2027-01-18",
  ],
  [
    "Scout the harbour location",
    "Locations",
    "done",
    "high",
    "crew",
    "2027-01-10",
  ],
  [
    "Permits for the harbour night shoot",
    "Locations",
    "in_progress",
    "urgent",
    "crew",
    "2027-01-25",
  ],
  [
    "Book the lighthouse interior",
    "Locations",
    "todo",
    "medium",
    "crew",
    "2027-02-01",
  ],
  [
    "Storyboard the storm sequence",
    "Direction",
    "in_progress",
    "high",
    "director",
    "2027-01-28",
  ],
  [
    "Shot list for week one",
    "Direction",
    "todo",
    "high",
    "director",
    "2027-01-30",
  ],
  ["Table read notes", "Direction", "done", "medium", "director", null],
  ["Camera package quotes", "Camera", "review", "medium", "crew", "2027-01-22"],
  ["Lens test day", "Camera", "todo", "medium", "crew", "2027-02-03"],
  [
    "Genny and lighting plan for night exteriors",
    "Grip & Electric",
    "todo",
    "high",
    "crew",
    "2027-02-05",
  ],
  [
    "Rain tower rental",
    "Grip & Electric",
    "blocked",
    "medium",
    "crew",
    "2027-02-02",
  ],
  [
    "Aurora sky plates: shoot plan",
    "VFX",
    "in_progress",
    "high",
    "vfx",
    "2027-02-10",
  ],
  [
    "Previs for the lighthouse collapse",
    "VFX",
    "review",
    "urgent",
    "vfx",
    "2027-01-31",
  ],
  [
    "Vendor bids for the storm shots",
    "VFX",
    "todo",
    "high",
    "vfx",
    "2027-02-08",
  ],
  ["Set up the VFX data wrangling kit", "VFX", "todo", "low", "vfx", null],
  [
    "Costume fittings: leads",
    "Costume",
    "in_progress",
    "medium",
    null,
    "2027-01-26",
  ],
  [
    "Period fishing gear from the museum",
    "Props",
    "todo",
    "medium",
    null,
    "2027-02-04",
  ],
  [
    "Boat hire contract",
    "Production",
    "blocked",
    "high",
    "production_manager",
    "2027-01-24",
  ],
  [
    "Catering for 80 on location",
    "Production",
    "todo",
    "medium",
    "production_manager",
    "2027-02-01",
  ],
  [
    "Insurance: marine cover",
    "Production",
    "review",
    "urgent",
    "producer",
    "2027-01-21",
  ],
  [
    "Crew deal memos",
    "Production",
    "in_progress",
    "high",
    "production_manager",
    "2027-01-23",
  ],
  [
    "Festival strategy draft",
    "Distribution",
    "todo",
    "low",
    "distribution_manager",
    "2027-03-15",
  ],
  [
    "Sales agent shortlist",
    "Distribution",
    "in_progress",
    "medium",
    "distribution_manager",
    "2027-02-20",
  ],
  [
    "Key art brief",
    "Distribution",
    "todo",
    "low",
    "distribution_manager",
    "2027-03-01",
  ],
  [
    "Music rights: harbour song",
    "Post",
    "todo",
    "medium",
    "producer",
    "2027-02-15",
  ],
  [
    "Editorial workflow and proxies",
    "Post",
    "todo",
    "medium",
    "vfx",
    "2027-02-06",
  ],
  [
    "Safety briefing for water work",
    "Production",
    "todo",
    "urgent",
    "production_manager",
    "2027-02-02",
  ],
  [
    "Extras casting call",
    "Production",
    "done",
    "medium",
    "production_manager",
    null,
  ],
  [
    "Weather contingency days",
    "Direction",
    "review",
    "high",
    "director",
    "2027-01-29",
  ],
];

/**
 * Seeds a believable board: about 30 tasks across departments, columns and
 * the demo users (or `seeds`). `people` maps each role to the demo user
 * who has it in this production.
 */
export async function seedTasks(
  kv: Deno.Kv,
  people: Partial<Record<Role, string>>,
  createdBy: string,
  seeds: readonly TaskSeed[] = SEEDS,
): Promise<void> {
  const last: Partial<Record<Task["status"], string>> = {};
  for (let i = 0; i < seeds.length; i += 10) {
    await transact(kv, async (tx) => {
      for (
        const [title, department, status, priority, role, due] of seeds.slice(
          i,
          i + 10,
        )
      ) {
        const rank = rankBetween(last[status] ?? null, null);
        last[status] = rank;
        await tasks.insert(tx, {
          title,
          description: "",
          status,
          priority,
          assigneeId: role === null ? null : people[role] ?? null,
          department,
          dueDate: due,
          createdBy,
          rank,
        });
      }
    });
  }
}
