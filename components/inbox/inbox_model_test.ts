import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import { fakeWorld } from "@/components/fake_world.ts";
import type { InboxItem } from "@/lib/inbox/shared.ts";
import { InboxModel } from "./inbox_model.ts";

const item = (id: string, extra: Partial<InboxItem> = {}): InboxItem => ({
  id,
  userId: "u1",
  kind: "assigned",
  title: `Item ${id}`,
  body: "",
  href: `/tasks/${id}`,
  ref: { type: "task", id },
  actorName: "Pat",
  createdAt: "2030-01-01T00:00:00.000Z",
  readAt: null,
  ...extra,
});

function list(unreadOnly = false) {
  const world = fakeWorld();
  const model = new InboxModel(world, {
    page: { items: [item("b"), item("a")], nextCursor: "a" },
    unreadOnly,
  });
  return { world, model };
}

Deno.test("inbox model - live additions on top, read marks from any tab", () => {
  const { world, model } = list();
  world.emit("inbox_update", { action: "added", item: item("c") });
  world.emit("inbox_update", { action: "added", item: item("c") });
  assert.deepEqual(model.items.value.map((i) => i.id), ["c", "b", "a"]);
  assert.deepEqual([...model.fresh.value], ["c"]);
  assert.equal(model.unread.value, 3);
  world.emit("inbox_update", { action: "read", id: "b" });
  assert.equal(model.items.value[1].readAt !== null, true);
  assert.equal(model.unread.value, 2);
  world.emit("inbox_update", { action: "read_all" });
  assert.equal(model.unread.value, 0);
});

Deno.test("inbox model - opening marks read once; mark all; more by cursor", async () => {
  const { world, model } = list(true);
  await model.open(model.items.value[0]);
  await model.open(model.items.value[0]);
  assert.deepEqual(world.sent.map((c) => [c.method, c.url]), [
    ["POST", "/api/inbox/b/read"],
  ]);
  world.answers.push({ items: [item("a"), item("z")], nextCursor: null });
  await model.more();
  assert.equal(world.sent.at(-1)!.url, "/api/inbox?unread=1&cursor=a");
  assert.deepEqual(model.items.value.map((i) => i.id), ["b", "a", "z"]);
  assert.equal(model.cursor.value, null);
  world.answers.push({ marked: 2 });
  await model.markAllRead();
  assert.equal(model.unread.value, 0);
  world.answers.push(new ApiFailure(0));
  await model.markAllRead();
  assert.match(model.error.value!, /could not be reached/);
});
