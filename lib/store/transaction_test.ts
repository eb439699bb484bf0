import assert from "node:assert/strict";
import { StoreBusyError } from "./errors.ts";
import { eventId, latestEventId, readEventsAfter } from "./event_log.ts";
import { notes } from "./test_records.ts";
import { transact } from "./transaction.ts";
import { openKv } from "./kv.ts";

const audience = { roles: [], users: [] };

Deno.test("transact - the event commits with the change", async () => {
  const kv = await openKv(":memory:");
  try {
    const { result, events } = await transact(kv, async (tx) => {
      const created = await notes.insert(tx, {
        title: "t",
        owner: "u",
        slug: "s",
        count: 0,
        body: "",
      });
      tx.emit({ type: "task_update", audience, data: { id: created.id } });
      return created;
    });
    assert.equal(events.length, 1);
    assert.equal(events[0].id, "0000000000000001");
    assert.deepEqual(events[0].data, { id: result.id });
    assert.equal(await latestEventId(kv), "0000000000000001");
  } finally {
    kv.close();
  }
});

Deno.test("transact - a throwing change writes neither record nor event", async () => {
  const kv = await openKv(":memory:");
  try {
    await assert.rejects(
      transact(kv, async (tx) => {
        tx.set(["x"], 1);
        tx.emit({ type: "task_update", audience, data: {} });
        await Promise.resolve();
        throw new Error("validation failed");
      }),
      /validation failed/,
    );
    assert.equal((await kv.get(["x"])).value, null);
    assert.equal(await latestEventId(kv), "0000000000000000");
  } finally {
    kv.close();
  }
});

Deno.test("transact - concurrent writers get consecutive, ordered event ids", async () => {
  const kv = await openKv(":memory:");
  try {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        transact(kv, async (tx) => {
          const entry = await tx.get<number>(["n"]);
          tx.set(["n"], (entry.value ?? 0) + 1);
          tx.emit({ type: "budget_update", audience, data: { i } });
        })),
    );
    assert.equal((await kv.get(["n"])).value, 50);
    const page = await readEventsAfter(kv, "0000000000000000");
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.deepEqual(
      page.events.map((e) => e.id),
      Array.from({ length: 50 }, (_, i) => String(i + 1).padStart(16, "0")),
    );
    // Exactly one event per committed change: none lost, none doubled.
    assert.deepEqual(
      page.events.map((e) => (e.data as { i: number }).i).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i),
    );
  } finally {
    kv.close();
  }
});

Deno.test("transact - concurrent event writers in one process do not redo each other's change", async () => {
  const kv = await openKv(":memory:");
  try {
    let runs = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        transact(kv, async (tx) => {
          runs++;
          // Each writer's own record: only the log's head is shared.
          await tx.get([`own-${i}`]);
          tx.set([`own-${i}`], i);
          tx.emit({ type: "announcement", audience, data: { i } });
        })),
    );
    assert.equal(runs, 30);
    assert.equal(await latestEventId(kv), "0000000000000030");
  } finally {
    kv.close();
  }
});

Deno.test("transact - gives up with StoreBusyError after bounded attempts", async () => {
  const kv = await openKv(":memory:");
  try {
    let runs = 0;
    await assert.rejects(
      transact(kv, async (tx) => {
        runs++;
        await tx.get(["hot"]);
        // Another writer changes the key between our read and commit.
        await kv.set(["hot"], runs);
        tx.set(["hot"], -1);
      }, { maxAttempts: 3 }),
      StoreBusyError,
    );
    assert.equal(runs, 3);
  } finally {
    kv.close();
  }
});

Deno.test("transact - a change without writes commits nothing", async () => {
  const kv = await openKv(":memory:");
  try {
    const { result, events } = await transact(kv, () => Promise.resolve(7));
    assert.equal(result, 7);
    assert.deepEqual(events, []);
  } finally {
    kv.close();
  }
});

Deno.test("observeCommits - sees the events of each commit, once, after it", async () => {
  const kv = await openKv(":memory:");
  const { observeCommits } = await import("./transaction.ts");
  try {
    const seen: string[][] = [];
    const stop = observeCommits(
      kv,
      (events) => seen.push(events.map((e) => e.id)),
    );
    await transact(kv, (tx) => {
      tx.emit({ type: "announcement", audience, data: {} });
      tx.emit({ type: "announcement", audience, data: {} });
      return Promise.resolve();
    });
    await transact(kv, (tx) => {
      tx.set(["no-event"], 1);
      return Promise.resolve();
    });
    await assert.rejects(transact(kv, () => Promise.reject(new Error("x"))));
    stop();
    await transact(kv, (tx) => {
      tx.emit({ type: "announcement", audience, data: {} });
      return Promise.resolve();
    });
    assert.deepEqual(seen, [["0000000000000001", "0000000000000002"]]);
  } finally {
    kv.close();
  }
});

Deno.test("transact - a key read twice in one attempt reads as it did first, and the commit still checks it", async () => {
  const kv = await openKv(":memory:");
  try {
    await kv.set(["k"], "before");
    const seen: string[][] = [];
    await transact(kv, async (tx) => {
      const first = (await tx.get<string>(["k"])).value!;
      // Another writer changes the key between this attempt's two reads.
      if (seen.length === 0) await kv.set(["k"], "after");
      const second = (await tx.get<string>(["k"])).value!;
      seen.push([first, second]);
      tx.set(["copy"], second);
    });
    // The first attempt's commit failed its check and the change ran again.
    assert.deepEqual(seen, [["before", "before"], ["after", "after"]]);
    assert.equal((await kv.get(["copy"])).value, "after");
  } finally {
    kv.close();
  }
});

Deno.test("transact - appends through two handles of one store keep event ids consecutive", async () => {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-kv-" });
  const [a, b] = [
    await openKv(`${dir}/kv.sqlite3`),
    await openKv(`${dir}/kv.sqlite3`),
  ];
  const append = (kv: Deno.Kv, i: number) =>
    transact(kv, async (tx) => {
      const entry = await tx.get<number>(["n"]);
      tx.set(["n"], (entry.value ?? 0) + 1);
      tx.emit({ type: "budget_update", audience, data: { i } });
    });
  try {
    // Each handle remembers the head its last append left; the other
    // handle's appends make that memory stale, and no id may repeat or go
    // missing for it.
    const ids: string[] = [];
    for (const [i, kv] of [a, a, b, a, b, b, a].entries()) {
      ids.push(...(await append(kv, i)).events.map((e) => e.id));
    }
    assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7].map((n) => eventId(n)));
    assert.equal((await a.get(["n"])).value, 7);
    const page = await readEventsAfter(a, eventId(0), 100);
    assert.ok(!page.resync);
    assert.deepEqual(
      page.events.map((e) => e.data),
      [0, 1, 2, 3, 4, 5, 6]
        .map((i) => ({ i })),
    );
  } finally {
    a.close();
    b.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("transact - when only the log head moved under an append, the change is appended after the new head, not redone", async () => {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-kv-" });
  const [a, b] = [
    await openKv(`${dir}/kv.sqlite3`),
    await openKv(`${dir}/kv.sqlite3`),
  ];
  const append = (kv: Deno.Kv, key: string, change = () => {}) =>
    transact(kv, async (tx) => {
      change();
      const entry = await tx.get<number>([key]);
      tx.set([key], (entry.value ?? 0) + 1);
      tx.emit({ type: "budget_update", audience, data: { key } });
    });
  // `a` as the app holds it, but b appends just before a's first commit:
  // after a read the head and before its commit lands.
  let interleave = true;
  const racing = new Proxy(a, {
    get(target, name) {
      if (name !== "atomic") return Reflect.get(target, name, target);
      return () => {
        const op = target.atomic();
        const commit = op.commit.bind(op);
        op.commit = async () => {
          if (interleave) {
            interleave = false;
            await append(b, "b");
          }
          return await commit();
        };
        return op;
      };
    },
  });
  try {
    let runs = 0;
    const { events } = await append(racing, "a", () => runs++);
    assert.equal(runs, 1, "the change ran once");
    assert.equal(interleave, false, "b did append in between");
    assert.equal(events[0].id, eventId(2));
    assert.equal((await a.get(["a"])).value, 1);
    assert.equal((await a.get(["b"])).value, 1);
  } finally {
    a.close();
    b.close();
    await Deno.remove(dir, { recursive: true });
  }
});
