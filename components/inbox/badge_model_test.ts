import assert from "node:assert/strict";
import { fakeWorld } from "@/components/fake_world.ts";
import type { InboxItem } from "@/lib/inbox/shared.ts";
import { badgeLabel, BadgeModel } from "./badge_model.ts";

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const item = (id: string): InboxItem => ({
  id,
  userId: "u1",
  kind: "mention",
  title: "Dana mentioned you",
  body: "",
  href: "/tasks/t1",
  ref: null,
  actorName: "Dana",
  createdAt: "2030-01-01T00:00:00.000Z",
  readAt: null,
});

Deno.test("badge model - events move the count at once; the server's figure wins", async () => {
  let server = 2;
  const world = fakeWorld(() => ({ count: server }));
  const model = new BadgeModel(world, { count: 1 });
  assert.equal(model.label.value, "Inbox, 1 unread");
  world.emit("inbox_update", { action: "added", item: item("a") });
  assert.equal(model.count.value, 2);
  await settled();
  assert.deepEqual(world.sent.map((c) => c.url), ["/api/inbox/unread"]);
  server = 1;
  world.emit("inbox_update", { action: "read", id: "a" });
  assert.equal(model.count.value, 1);
  server = 0;
  world.emit("inbox_update", { action: "read_all" });
  assert.equal(model.count.value, 0);
  await settled();
  assert.equal(model.count.value, 0);
  assert.equal(model.label.value, "Inbox, no unread items");
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
});

Deno.test("badge model - a stale answer never overwrites a newer one", async () => {
  const answers: ((v: { count: number }) => void)[] = [];
  const world = fakeWorld(() =>
    new Promise<{ count: number }>((resolve) => answers.push(resolve))
  );
  const model = new BadgeModel(world, { count: 0 });
  world.emit("inbox_update", { action: "added", item: item("a") });
  world.emit("inbox_update", { action: "added", item: item("b") });
  assert.equal(model.count.value, 2);
  answers[1]({ count: 2 });
  await settled();
  answers[0]({ count: 1 });
  await settled();
  assert.equal(model.count.value, 2);
  world.resync();
  answers[2]({ count: 5 });
  await settled();
  assert.equal(model.count.value, 5);
  assert.equal(badgeLabel(3), "Inbox, 3 unread");
});
