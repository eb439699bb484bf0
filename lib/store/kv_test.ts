import assert from "node:assert/strict";
import { CommitTooLargeError } from "./errors.ts";
import { COMMIT_LIMITS, openKv } from "./kv.ts";
import { transact } from "./transaction.ts";

async function withLimitedKv(fn: (kv: Deno.Kv) => Promise<void>) {
  const kv = await openKv(":memory:");
  try {
    await fn(kv);
  } finally {
    kv.close();
  }
}

Deno.test("limits - ten checks commit, eleven are refused before sending", () =>
  withLimitedKv(async (kv) => {
    const checks = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        key: ["k", i],
        versionstamp: null,
      }));
    const ok = await kv.atomic().check(...checks(10)).set(["a"], 1).commit();
    assert.equal(ok.ok, true);
    await assert.rejects(
      kv.atomic().check(...checks(11)).set(["b"], 1).commit(),
      (e: unknown) =>
        e instanceof CommitTooLargeError && /11 checks/.test(e.message),
    );
    assert.equal((await kv.get(["b"])).value, null, "nothing was written");
  }));

Deno.test("limits - a thousand mutations commit, one more is refused", () =>
  withLimitedKv(async (kv) => {
    const op = kv.atomic();
    for (let i = 0; i < COMMIT_LIMITS.mutations; i++) op.set(["m", i], i);
    assert.equal((await op.commit()).ok, true);
    const over = kv.atomic();
    for (let i = 0; i <= COMMIT_LIMITS.mutations; i++) over.sum(["s", i], 1n);
    await assert.rejects(
      over.commit(),
      (e: unknown) =>
        e instanceof CommitTooLargeError && /1001 mutations/.test(e.message),
    );
  }));

Deno.test("limits - a commit over 800 KiB is refused", () =>
  withLimitedKv(async (kv) => {
    const op = kv.atomic();
    for (let i = 0; i < 13; i++) op.set(["big", i], new Uint8Array(64_000));
    await assert.rejects(
      op.commit(),
      (e: unknown) =>
        e instanceof CommitTooLargeError && /bytes/.test(e.message),
    );
  }));

Deno.test("limits - the error names the code that built the commit", () =>
  withLimitedKv(async (kv) => {
    async function readsTooMuch() {
      await transact(kv, async (tx) => {
        await tx.getMany(Array.from({ length: 10 }, (_, i) => ["r", i]));
        await tx.get(["r", "one more"]);
        tx.set(["w"], 1);
      });
    }
    await assert.rejects(
      readsTooMuch(),
      (e: unknown) =>
        e instanceof CommitTooLargeError &&
        e.operation.startsWith("readsTooMuch") &&
        e.operation.includes("kv_test.ts"),
    );
  }));

Deno.test("limits - reads and other calls pass through to the store", () =>
  withLimitedKv(async (kv) => {
    await kv.set(["x"], "y");
    assert.equal((await kv.get(["x"])).value, "y");
    const listed = [];
    for await (const entry of kv.list({ prefix: [] })) listed.push(entry.key);
    assert.deepEqual(listed, [["x"]]);
    await kv.delete(["x"]);
    assert.equal((await kv.get(["x"])).value, null);
  }));

Deno.test("limits - a small commit is checked without encoding what it carries", () =>
  withLimitedKv(async (kv) => {
    const record = { id: "r1", title: "A record", tags: ["a", "b"] };
    const stringify = JSON.stringify;
    let encodings = 0;
    JSON.stringify = ((...args: Parameters<typeof stringify>) => {
      encodings++;
      return stringify(...args);
    }) as typeof stringify;
    try {
      const result = await kv.atomic()
        .check({ key: ["records", "r1"], versionstamp: null })
        .set(["records", "r1"], record)
        .set(["records_by_title", "A record", "r1"], "r1")
        .set(["events", "0000000000000001"], { type: "x", data: record })
        .set(["events_head"], 1)
        .commit();
      assert.equal(result.ok, true);
    } finally {
      JSON.stringify = stringify;
    }
    assert.equal(encodings, 0);
  }));

Deno.test("openKv - a file another process holds locked while creating it is opened once free", async () => {
  const dir = await Deno.makeTempDir();
  const real = Deno.openKv;
  const descriptor = Object.getOwnPropertyDescriptor(Deno, "openKv")!;
  let calls = 0;
  // As a worker that lost the race to create the file's tables sees it.
  Object.defineProperty(Deno, "openKv", {
    configurable: true,
    value: (path?: string) => {
      calls++;
      if (calls <= 2) {
        return Promise.reject(new Error("database is locked"));
      }
      return real(path);
    },
  });
  try {
    const kv = await openKv(`${dir}/kv.sqlite3`);
    await kv.set(["opened"], true);
    assert.equal((await kv.get(["opened"])).value, true);
    assert.equal(calls, 3);
    kv.close();
  } finally {
    Object.defineProperty(Deno, "openKv", descriptor);
    await Deno.remove(dir, { recursive: true });
  }
});
