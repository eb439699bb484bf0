import assert from "node:assert/strict";
import { seedDemo } from "@/lib/seed.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { withKv } from "@/lib/store/testing.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { findByUsername } from "@/lib/team/users.ts";
import { shots } from "@/lib/vfx/store.ts";
import { homeCards } from "./home_card.ts";
import { PRODUCTION_ID } from "./store.ts";

const NOW = new Date("2027-01-26T12:00:00Z");

/** The account's home cards at {@linkcode NOW}. */
const cardsOf = (kv: Deno.Kv, accountId: string) =>
  homeCards({ kv, actor: { id: accountId, name: "" }, now: () => NOW });

async function seeded(kv: Deno.Kv) {
  const film = productionKv(kv, PRODUCTION_ID);
  await seedDemo(film, { passwordIterations: 1000, moduleData: true });
  const idOf = async (username: string) =>
    (await findByUsername(kv, username))!.id;
  return { film, idOf };
}

Deno.test("homeCards - one card per membership, with the role held there", async () => {
  await withKv(async (kv) => {
    const { idOf } = await seeded(kv);
    const cards = async (who: string) =>
      (await cardsOf(kv, await idOf(who))).map((c) => [c.slug, c.role]);
    assert.deepEqual(await cards("crew"), [
      ["northern-lights", "crew"],
      ["saltwater-block-2", "production_manager"],
    ]);
    assert.deepEqual(await cards("vfx"), [
      ["northern-lights", "vfx"],
      ["saltwater-block-2", "crew"],
    ]);
    assert.deepEqual(await cards("director"), [[
      "northern-lights",
      "director",
    ]]);
    assert.deepEqual(await cards("distribution"), [
      ["northern-lights", "distribution_manager"],
    ]);
  });
});

Deno.test("homeCards - counts what waits for the member, and only what their role may see", async () => {
  await withKv(async (kv) => {
    const { film, idOf } = await seeded(kv);
    const crewId = await idOf("crew");
    const [filmCard, seriesCard] = await cardsOf(kv, crewId);
    const own = (await tasks.findBy(film, "assignee", crewId))
      .filter((t) => t.status !== "done");
    assert.equal(filmCard.myOpenTasks, own.length);
    assert.equal(
      filmCard.myOverdueTasks,
      own.filter((t) => t.dueDate !== null && t.dueDate < "2027-01-26").length,
    );
    assert.ok(filmCard.myOverdueTasks > 0, "the seed has overdue crew tasks");
    // Crew on the film: no budget, no reviews. Production manager on the
    // series: its budget (empty there).
    assert.equal(filmCard.budget, null);
    assert.equal(filmCard.shotsToReview, null);
    assert.equal(seriesCard.budget?.currency, "GBP");
    assert.equal(seriesCard.budget?.allocatedCents, 0);

    const [producerFilm] = await cardsOf(kv, await idOf("producer"));
    const pending = await shots.findBy(film, "status", "pending_review");
    assert.equal(producerFilm.shotsToReview, pending.length);
    assert.ok(
      producerFilm.budget !== null && producerFilm.budget.spentCents > 0,
    );

    const vfxId = await idOf("vfx");
    const [vfxFilm] = await cardsOf(kv, vfxId);
    const changed = (await shots.findBy(film, "status", "changes_requested"))
      .filter((s) => s.assigneeId === vfxId);
    assert.equal(vfxFilm.shotsWithChanges, changed.length);
    assert.equal(vfxFilm.shotsToReview, null);
    assert.equal(vfxFilm.budget, null);
  });
});
