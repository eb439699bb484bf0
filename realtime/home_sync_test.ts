import assert from "node:assert/strict";
import { HomeSync } from "./home_sync.ts";

/** A room that records what it is told, following `followed`. */
function fakeRoom(followed: string[], members: Record<string, string[]>) {
  const told: string[] = [];
  return {
    told,
    room: {
      followed: () => new Set(followed),
      accounts: () => new Set(Object.keys(members)),
      activity: (id: string) => told.push(`activity ${id}`),
      setMemberships: (account: string, ids: Iterable<string>) =>
        told.push(`${account}: ${[...ids].join(",")}`),
    },
  };
}

Deno.test("home sync - a wake-up naming one log hints every followed log that moved", async () => {
  const heads: Record<string, number> = { a: 3, b: 7, c: 1 };
  const { room, told } = fakeRoom(["a", "b", "c"], {});
  const sync = new HomeSync({
    room,
    head: (id) => Promise.resolve(heads[id]),
    memberships: () => Promise.resolve([]),
    hasHub: (id) => id === "c",
  });
  sync.follow(["a", "b", "c"]);
  await sync.logsMoved();
  assert.deepEqual(told, [], "nothing moved since the heads were noted");
  heads.a = 4;
  heads.b = 9;
  heads.c = 2;
  await sync.logsMoved("b");
  // "a" moved too although the wake-up named "b"; "c" has a hub here.
  assert.deepEqual(told.sort(), ["activity a", "activity b"]);
  told.length = 0;
  await sync.logsMoved("b");
  assert.deepEqual(told, [], "each move is hinted once");
});

Deno.test("home sync - a log first read on a wake-up that names it is hinted", async () => {
  const { room, told } = fakeRoom(["a", "b"], {});
  const sync = new HomeSync({
    room,
    head: () => Promise.resolve(5),
    memberships: () => Promise.resolve([]),
    hasHub: () => false,
  });
  await sync.logsMoved("a");
  assert.deepEqual(told, ["activity a"]);
});

Deno.test("home sync - a membership wake-up reads every account's memberships again", async () => {
  const { room, told } = fakeRoom([], { ana: ["a"], bo: ["a", "b"] });
  const sync = new HomeSync({
    room,
    head: () => Promise.resolve(0),
    memberships: (account) =>
      Promise.resolve(account === "ana" ? ["a", "b"] : ["b"]),
    hasHub: () => false,
  });
  await sync.membershipsMoved();
  assert.deepEqual(told.sort(), ["ana: a,b", "bo: b"]);
});

Deno.test("home sync - calls during a run make one more run, not one each", async () => {
  let reads = 0;
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  const { room } = fakeRoom([], { ana: [] });
  const sync = new HomeSync({
    room,
    head: () => Promise.resolve(0),
    memberships: async () => {
      reads++;
      await held;
      return [];
    },
    hasHub: () => false,
  });
  const runs = [1, 2, 3, 4].map(() => sync.membershipsMoved());
  release();
  await Promise.all(runs);
  assert.equal(reads, 2);
});
