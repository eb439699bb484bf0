import assert from "node:assert/strict";
import {
  DEFAULT_EVENT_RETENTION_HOURS,
  eventRetentionMs,
  readEventsAfter,
  setEventRetention,
} from "./event_log.ts";
import {
  diffFields,
  historyKey,
  MAX_CHANGE_VALUE_BYTES,
  PURGE_BATCH,
  purgeKey,
  readHistory,
  sweepHistoryPurges,
  sweepStoreHistoryPurges,
  truncateValue,
} from "./history.ts";
import { productionKv } from "./production_kv.ts";
import { type Note, notes } from "./test_records.ts";
import { withKv } from "./testing.ts";
import { type CommitStats, transact, Transaction } from "./transaction.ts";

const audience = { roles: [], users: [] };
const paula = { id: "u1", name: "Paula Reyes", role: "producer" };
const FIELDS = ["title", "owner", "count", "body"] as const;

async function createNote(kv: Deno.Kv, title = "First"): Promise<Note> {
  const { result } = await transact(kv, async (tx) => {
    const note = await notes.insert(tx, {
      title,
      owner: "o",
      slug: crypto.randomUUID(),
      count: 0,
      body: "",
    });
    tx.recordChange({
      collection: notes.name,
      record: note,
      actor: paula,
      action: "created",
      changes: diffFields(null, note, FIELDS),
    });
    tx.emit({ type: "task_update", audience, data: { id: note.id } });
    return note;
  });
  return result;
}

async function rename(kv: Deno.Kv, id: string, title: string): Promise<Note> {
  const { result } = await transact(kv, async (tx) => {
    const { before, after } = await notes.update(tx, id, () => ({ title }));
    tx.recordChange({
      collection: notes.name,
      record: after,
      actor: paula,
      action: "updated",
      changes: diffFields(before, after, FIELDS),
    });
    tx.emit({ type: "task_update", audience, data: { id } });
    return after;
  });
  return result;
}

Deno.test("diffFields - reports changed fields only, never bookkeeping", () => {
  const before = { id: "a", version: 1, updatedAt: "x", status: "todo", n: 1 };
  const after = { id: "a", version: 2, updatedAt: "y", status: "done", n: 1 };
  assert.deepEqual(
    diffFields(before, after, ["status", "n", "version", "updatedAt"]),
    [{ field: "status", from: "todo", to: "done" }],
  );
});

Deno.test("diffFields - a creation lists the fields that start with a value", () => {
  const record = { title: "T", assigneeId: null, tags: [], body: "", n: 0 };
  assert.deepEqual(
    diffFields(null, record, ["title", "assigneeId", "tags", "body", "n"]),
    [
      { field: "title", from: null, to: "T" },
      { field: "n", from: null, to: 0 },
    ],
  );
});

Deno.test("diffFields - dotted paths compare inside objects and arrays by value", () => {
  const before = { breakdown: { cast: ["Ana"], props: ["Lamp"] } };
  const after = { breakdown: { cast: ["Ana", "Ben"], props: ["Lamp"] } };
  assert.deepEqual(
    diffFields(before, after, ["breakdown.cast", "breakdown.props"]),
    [{ field: "breakdown.cast", from: ["Ana"], to: ["Ana", "Ben"] }],
  );
});

Deno.test("diffFields - huge values are cut to size and flagged", () => {
  const long = "é".repeat(20_000) + "🎬".repeat(100);
  const [change] = diffFields({ body: "" }, { body: long }, ["body"]);
  assert.equal(change.truncated, true);
  assert.equal(change.from, "");
  const to = change.to as string;
  assert.ok(to.endsWith("…"));
  assert.ok(long.startsWith(to.slice(0, -1)));
  assert.ok(
    new TextEncoder().encode(JSON.stringify(to)).byteLength <=
      MAX_CHANGE_VALUE_BYTES,
  );
  // A large non-string value becomes the start of its JSON.
  const cut = truncateValue(Array.from({ length: 2000 }, (_, i) => i));
  assert.equal(cut.truncated, true);
  assert.ok((cut.value as string).startsWith("[0,1,2,"));
  // Never half of a surrogate pair.
  const emoji = truncateValue("🎬".repeat(1000), 100);
  assert.ok(!/[\uD800-\uDBFF]…$/.test(emoji.value as string));
});

Deno.test("recordChange - the entry commits with the change, newest first", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    await rename(kv, note.id, "Second");
    const { entries, nextCursor } = await readHistory(kv, notes.name, note.id);
    assert.equal(nextCursor, null);
    assert.deepEqual(entries.map((e) => [e.version, e.action]), [
      [2, "updated"],
      [1, "created"],
    ]);
    assert.deepEqual(entries[0].changes, [
      { field: "title", from: "First", to: "Second" },
    ]);
    // Only id and name of the actor are kept.
    assert.deepEqual(entries[0].actor, { id: "u1", name: "Paula Reyes" });
    const stored = await notes.get(kv, note.id);
    assert.equal(entries[0].at, stored!.updatedAt);
  }));

Deno.test("recordChange - a failed commit writes no history", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    const tx = new Transaction(kv);
    const { before, after } = await notes.update(tx, note.id, () => ({
      title: "Lost",
    }));
    tx.recordChange({
      collection: notes.name,
      record: after,
      actor: paula,
      action: "updated",
      changes: diffFields(before, after, FIELDS),
    });
    // Another writer changes the record between the read and the commit.
    await kv.set(notes.key(note.id), { ...note, count: 5 });
    assert.equal(await tx.commit(), null);
    const { entries } = await readHistory(kv, notes.name, note.id);
    assert.deepEqual(entries.map((e) => e.version), [1]);
  }));

Deno.test("recordChange - a retried conflict records the committed attempt only", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    let attempts = 0;
    await transact(kv, async (tx) => {
      attempts++;
      const { before, after } = await notes.update(tx, note.id, (n) => ({
        count: n.count + 1,
      }));
      tx.recordChange({
        collection: notes.name,
        record: after,
        actor: paula,
        action: "updated",
        changes: diffFields(before, after, FIELDS),
      });
      if (attempts === 1) {
        // A concurrent writer: this attempt's commit must fail.
        await kv.set(notes.key(note.id), { ...before, body: "meanwhile" });
      }
    });
    assert.equal(attempts, 2);
    const { entries } = await readHistory(kv, notes.name, note.id);
    assert.deepEqual(entries.map((e) => e.version), [2, 1]);
    assert.deepEqual(entries[0].changes, [{ field: "count", from: 0, to: 1 }]);
  }));

Deno.test("recordChange - a throwing change records nothing; an empty update is skipped", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    await assert.rejects(
      transact(kv, async (tx) => {
        const { after } = await notes.update(tx, note.id, () => ({ count: 9 }));
        tx.recordChange({
          collection: notes.name,
          record: after,
          actor: paula,
          action: "updated",
          changes: [{ field: "count", from: 0, to: 9 }],
        });
        throw new Error("validation failed");
      }),
      /validation failed/,
    );
    const queued = await transact(kv, async (tx) => {
      const { before, after } = await notes.update(tx, note.id, () => ({}));
      return tx.recordChange({
        collection: notes.name,
        record: after,
        actor: paula,
        action: "updated",
        changes: diffFields(before, after, FIELDS),
      });
    });
    assert.equal(queued.result, false);
    const { entries } = await readHistory(kv, notes.name, note.id);
    assert.deepEqual(entries.map((e) => e.version), [1]);
  }));

Deno.test("recordChange - two entries for one record version are refused", () =>
  withKv(async (kv) => {
    const tx = new Transaction(kv);
    const input = {
      collection: "notes",
      record: { id: "n", version: 1, updatedAt: new Date().toISOString() },
      actor: paula,
      action: "created",
      changes: [],
    };
    tx.recordChange(input);
    assert.throws(() => tx.recordChange(input), /one history entry/);
    await Promise.resolve();
  }));

Deno.test("history - outlives the event log's retention", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    await rename(kv, note.id, "Second");
    // Expiry of the whole log, as after the retention window.
    for await (const entry of kv.list({ prefix: ["events"] })) {
      await kv.delete(entry.key);
    }
    assert.deepEqual(await readEventsAfter(kv, "0000000000000000"), {
      resync: true,
    });
    const { entries } = await readHistory(kv, notes.name, note.id);
    assert.deepEqual(entries.map((e) => e.version), [2, 1]);
  }));

Deno.test("readHistory - pages newest first with a cursor", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    for (let i = 2; i <= 12; i++) await rename(kv, note.id, `Title ${i}`);
    const first = await readHistory(kv, notes.name, note.id, { limit: 5 });
    assert.deepEqual(first.entries.map((e) => e.version), [12, 11, 10, 9, 8]);
    assert.equal(first.nextCursor, "8");
    const second = await readHistory(kv, notes.name, note.id, {
      limit: 5,
      cursor: first.nextCursor,
    });
    assert.deepEqual(second.entries.map((e) => e.version), [7, 6, 5, 4, 3]);
    const last = await readHistory(kv, notes.name, note.id, {
      limit: 5,
      cursor: second.nextCursor,
    });
    assert.deepEqual(last.entries.map((e) => e.version), [2, 1]);
    assert.equal(last.nextCursor, null);
  }));

/** Writes `n` entries straight to KV: a record with a long life. */
async function longHistory(kv: Deno.Kv, note: Note, n: number) {
  for (let v = 2; v <= n; v += 100) {
    const op = kv.atomic();
    for (let i = v; i < Math.min(v + 100, n + 1); i++) {
      op.set(historyKey(notes.name, note.id, i), { filler: i });
    }
    await op.commit();
  }
}

async function count(kv: Deno.Kv, prefix: Deno.KvKey): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix })) n++;
  return n;
}

Deno.test("remove - deletes the record's history in bounded commits after its own", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    const other = await createNote(kv, "Other");
    await longHistory(kv, note, 1_250);
    assert.equal(await count(kv, historyKey(notes.name, note.id)), 1_250);
    const sizes: CommitStats[] = [];
    const { observeCommits } = await import("./transaction.ts");
    const stop = observeCommits(kv, (_events, stats) => sizes.push(stats));
    await transact(kv, async (tx) => {
      await notes.remove(tx, note.id);
      tx.emit({ type: "task_update", audience, data: { id: note.id } });
    });
    stop();
    // The delete itself: record, 2 index entries, marker, event, head.
    assert.equal(sizes.length, 1);
    assert.ok(sizes[0].mutations <= 10, JSON.stringify(sizes[0]));
    assert.ok(PURGE_BATCH < 1_000);
    assert.equal(await count(kv, historyKey(notes.name, note.id)), 0);
    assert.equal((await kv.get(purgeKey(notes.name, note.id))).value, null);
    // Other records keep theirs.
    assert.equal(await count(kv, historyKey(notes.name, other.id)), 1);
  }));

Deno.test("sweepHistoryPurges - finishes a purge a crash cut short", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    await rename(kv, note.id, "Second");
    // The delete commits, then the process dies before purging.
    const tx = new Transaction(kv);
    await notes.remove(tx, note.id);
    assert.notEqual(await tx.commit(), null);
    assert.equal(await count(kv, historyKey(notes.name, note.id)), 2);
    assert.equal(await sweepHistoryPurges(kv), 1);
    assert.equal(await count(kv, historyKey(notes.name, note.id)), 0);
    assert.equal(await count(kv, ["history_purge"]), 0);
    assert.equal(await sweepHistoryPurges(kv), 0);
  }));

Deno.test("sweepHistoryPurges - leaves the history of a record that exists again", () =>
  withKv(async (kv) => {
    const note = await createNote(kv);
    await kv.set(purgeKey(notes.name, note.id), Date.now());
    await sweepHistoryPurges(kv);
    assert.equal(await count(kv, historyKey(notes.name, note.id)), 1);
    assert.equal(await count(kv, ["history_purge"]), 0);
  }));

Deno.test("sweepStoreHistoryPurges - finishes the purges of every production, and only them", () =>
  withKv(async (kv) => {
    const a = productionKv(kv, "pa");
    const b = productionKv(kv, "pb");
    const gone = await createNote(a);
    await rename(a, gone.id, "Second");
    const tx = new Transaction(a);
    await notes.remove(tx, gone.id);
    assert.notEqual(await tx.commit(), null);
    // Another production's record with the same id lives on.
    const kept = await createNote(b);
    await b.set(historyKey(notes.name, gone.id, 1), { theirs: true });
    await b.set(purgeKey(notes.name, kept.id), Date.now());
    assert.equal(await count(a, historyKey(notes.name, gone.id)), 2);
    assert.equal(await sweepStoreHistoryPurges(kv), 2);
    assert.equal(await count(a, historyKey(notes.name, gone.id)), 0);
    assert.equal(await count(b, historyKey(notes.name, gone.id)), 1);
    assert.equal(await count(b, historyKey(notes.name, kept.id)), 1);
    assert.equal(await count(kv, ["history_purge"]), 0);
    assert.equal(await sweepStoreHistoryPurges(kv), 0);
  }));

Deno.test("setEventRetention - at least 24 hours; 48 unless set", () =>
  withKv(async (kv) => {
    assert.equal(DEFAULT_EVENT_RETENTION_HOURS, 48);
    assert.equal(eventRetentionMs(kv), 48 * 3_600_000);
    assert.throws(() => setEventRetention(kv, 23), RangeError);
    setEventRetention(kv, 72);
    assert.equal(eventRetentionMs(kv), 72 * 3_600_000);
    await Promise.resolve();
  }));

Deno.test("observeCommits - reports each commit's checks and mutations", () =>
  withKv(async (kv) => {
    const { observeCommits } = await import("./transaction.ts");
    const note = await createNote(kv);
    const sizes: CommitStats[] = [];
    const stop = observeCommits(kv, (_events, stats) => sizes.push(stats));
    await rename(kv, note.id, "Second");
    stop();
    // Checks: the note and the log head. Mutations: note, history entry,
    // event, head (the title has no index).
    assert.deepEqual(sizes, [{ checks: 2, mutations: 4 }]);
  }));
