/**
 * The denokv test stand-in, driven by the Deno CLI's own KV Connect client
 * (`Deno.openKv(url)` with `DENO_KV_ACCESS_TOKEN`), in this process and in
 * a second one, and by hand-made protocol requests where the Deno client's
 * own checks would stop a request before it reaches the server.
 */
import assert from "node:assert/strict";
import { withDeadline } from "./deadline.ts";
import { startKvConnectServer } from "./denokv_stand_in.ts";
import {
  bytesField,
  message,
  varintField,
  varintFieldBytes,
} from "./denokv_stand_in_wire.ts";

const TOKEN = "stand-in-test-token-0123456789";
/** Bound of one KV call or one awaited delivery. */
const MS = 10_000;

const within = <T>(promise: Promise<T>, what: string) =>
  withDeadline(promise, MS, what);

/** Runs `code` (with `kv` open on `url`) in another Deno process. */
async function inOtherProcess(url: string, token: string, code: string) {
  const script = `const kv = await Deno.openKv(${JSON.stringify(url)});
try { ${code} } finally { kv.close(); }`;
  const { code: exit, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "--no-config",
      "--unstable-kv",
      "--allow-net=127.0.0.1",
      "--allow-env",
      script,
    ],
    env: { DENO_KV_ACCESS_TOKEN: token },
    stdout: "null",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  const text = new TextDecoder().decode(stderr);
  return { ok: exit === 0, stderr: text };
}

/** Reads `reader` until an entry's value is `value`, within the deadline. */
async function watchSees(
  reader: ReadableStreamDefaultReader<Deno.KvEntryMaybe<unknown>[]>,
  value: unknown,
) {
  const seen = (async () => {
    while (true) {
      const { done, value: entries } = await reader.read();
      assert.ok(!done, "the watch ended");
      if (entries[0].value === value) return entries[0];
    }
  })();
  return await within(seen, `the watch delivering ${JSON.stringify(value)}`);
}

/** A KV key as the KV Connect protocol encodes it: one string part. */
function key(text: string): Uint8Array {
  return new Uint8Array([2, ...new TextEncoder().encode(text), 0]);
}

/** An `AtomicWrite` with `checks` absent-key checks and `sets` byte sets. */
function atomicWrite(checks: number, sets: number, valueBytes = 1) {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < checks; i++) {
    parts.push(bytesField(1, bytesField(1, key(`check-${i}`))));
  }
  for (let i = 0; i < sets; i++) {
    const value = message(
      bytesField(1, new Uint8Array(valueBytes)),
      varintFieldBytes(2, 3n), // VE_BYTES
    );
    parts.push(bytesField(
      2,
      message(
        bytesField(1, key(`raw-${i}`)),
        bytesField(2, value),
        varintFieldBytes(3, 1n), // M_SET
      ),
    ));
  }
  return message(...parts);
}

/** POSTs a data-path request as a version 3 client does. */
function request(
  url: string,
  path: string,
  body: Uint8Array<ArrayBuffer>,
  token = TOKEN,
) {
  return within(
    fetch(`${url}/v2/${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/x-protobuf",
        "x-denokv-version": "3",
        "x-denokv-database-id": "00000000-0000-0000-0000-000000000000",
      },
      body,
    }),
    `POST /v2/${path}`,
  );
}

/** {@linkcode request}, answered in full. */
async function post(
  url: string,
  path: string,
  body: Uint8Array<ArrayBuffer>,
  token = TOKEN,
) {
  const res = await request(url, path, body, token);
  const bytes = new Uint8Array(await within(res.arrayBuffer(), "the answer"));
  return { status: res.status, body: bytes };
}

/** Starts a stand-in on a new temporary directory (removed if that fails). */
async function startInTempDir(accessToken?: string) {
  const dir = await Deno.makeTempDir({ prefix: "denokv_stand_in_test_" });
  try {
    const path = `${dir}/kv.sqlite3`;
    return { dir, server: await startKvConnectServer({ path, accessToken }) };
  } catch (error) {
    await Deno.remove(dir, { recursive: true });
    throw error;
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("denokv stand-in serves KV Connect to Deno's client within denokv's limits", async (t) => {
  const { dir, server } = await startInTempDir(TOKEN);
  const previousToken = Deno.env.get("DENO_KV_ACCESS_TOKEN");
  Deno.env.set("DENO_KV_ACCESS_TOKEN", TOKEN);
  let kv: Deno.Kv | null = null;
  try {
    kv = await within(Deno.openKv(server.url), "opening the KV");
    const db = kv;

    await t.step("get, set, list and delete", async () => {
      assert.equal((await within(db.get(["a"]), "get")).value, null);
      const set = await within(db.set(["a"], { n: 1 }), "set");
      assert.ok(set.ok);
      await within(db.set(["b", 1], "one"), "set");
      await within(db.set(["b", 2], "two"), "set");
      const a = await within(db.get(["a"]), "get");
      assert.deepEqual(a.value, { n: 1 });
      assert.equal(a.versionstamp, set.versionstamp);
      const listed = await within(
        Array.fromAsync(db.list({ prefix: ["b"] })),
        "list",
      );
      assert.deepEqual(listed.map((e) => e.value), ["one", "two"]);
      await within(db.delete(["b", 1]), "delete");
      assert.equal((await within(db.get(["b", 1]), "get")).value, null);
    });

    await t.step("atomic checks detect a versionstamp conflict", async () => {
      const first = await within(db.set(["counter"], 1), "set");
      const commit = await within(
        db.atomic().check({
          key: ["counter"],
          versionstamp: first.versionstamp,
        })
          .set(["counter"], 2).commit(),
        "commit",
      );
      assert.ok(commit.ok);
      const stale = await within(
        db.atomic().check({
          key: ["counter"],
          versionstamp: first.versionstamp,
        })
          .set(["counter"], 3).commit(),
        "stale commit",
      );
      assert.equal(stale.ok, false);
      assert.equal((await within(db.get(["counter"]), "get")).value, 2);
    });

    await t.step("sums, and a sum on the wrong type throws", async () => {
      await within(db.set(["sum"], new Deno.KvU64(5n)), "set");
      await within(db.atomic().sum(["sum"], 2n).commit(), "sum");
      const sum = await within(db.get<Deno.KvU64>(["sum"]), "get");
      assert.equal(sum.value?.value, 7n);
      await within(db.set(["text"], "not a number"), "set");
      await assert.rejects(
        within(db.atomic().sum(["text"], 1n).commit(), "sum on text"),
        /status=400.*Failed to perform 'sum' mutation on a non-U64 value/,
      );
    });

    await t.step(
      "a commit with 10 checks succeeds, with 11 it throws",
      async () => {
        const withChecks = (n: number) => {
          const op = db.atomic();
          for (let i = 0; i < n; i++) {
            op.check({ key: ["checked", i], versionstamp: null });
          }
          return op.set(["checked", "done"], n).commit();
        };
        assert.ok((await within(withChecks(10), "10 checks")).ok);
        await assert.rejects(
          within(withChecks(11), "11 checks"),
          /status=400.*Too many checks included in atomic write\./,
        );
        const done = await within(db.get(["checked", "done"]), "get");
        assert.equal(done.value, 10, "the refused commit changed nothing");
      },
    );

    await t.step(
      "1,001 mutations or 800 KiB in a commit are refused",
      async () => {
        // Deno's client refuses these before sending; so does the server.
        const op = db.atomic();
        for (let i = 0; i < 1001; i++) op.set(["many", i], i);
        await assert.rejects(within(op.commit(), "1,001 mutations"));

        const ok = await post(
          server.url,
          "atomic_write",
          atomicWrite(10, 1000),
        );
        assert.equal(ok.status, 200);
        assert.equal(varintField(ok.body, 1), 1n, "AW_SUCCESS");
        const tooMany = await post(
          server.url,
          "atomic_write",
          atomicWrite(0, 1001),
        );
        assert.equal(tooMany.status, 400);
        assert.equal(
          text(tooMany.body),
          "Too many mutations / enqueues included in atomic write.",
        );
        const checks = await post(
          server.url,
          "atomic_write",
          atomicWrite(11, 1),
        );
        assert.equal(checks.status, 400);
        assert.equal(
          text(checks.body),
          "Too many checks included in atomic write.",
        );
        const big = await post(
          server.url,
          "atomic_write",
          atomicWrite(0, 13, 64_000),
        );
        assert.equal(big.status, 400);
        assert.equal(
          text(big.body),
          "The total size of the atomic write is too large.",
        );
        const fits = await post(
          server.url,
          "atomic_write",
          atomicWrite(0, 12, 64_000),
        );
        assert.equal(fits.status, 200);
      },
    );

    await t.step("watch sees a change made by another process", async () => {
      const reader = db.watch([["watched"]]).getReader();
      try {
        assert.equal((await watchSees(reader, null)).versionstamp, null);
        const other = await inOtherProcess(
          server.url,
          TOKEN,
          `await kv.set(["watched"], "from another process");`,
        );
        assert.ok(other.ok, other.stderr);
        await watchSees(reader, "from another process");

        // Cut: the client watches again and still gets the next change.
        const rewatched = server.watchStreamOpened();
        assert.equal(await server.cutWatchStreams(), 1);
        assert.deepEqual(await rewatched, { held: false });
        await within(db.set(["watched"], "after a cut"), "set");
        await watchSees(reader, "after a cut");

        // Held: the watch comes back quiet; released, the change arrives.
        const held = server.watchStreamOpened();
        assert.equal(await server.cutWatchStreams({ hold: true }), 1);
        assert.deepEqual(await held, { held: true });
        await within(db.set(["watched"], "while held"), "set");
        const released = server.watchStreamOpened();
        assert.equal(await server.cutWatchStreams(), 1, "the held stream");
        assert.deepEqual(await released, { held: false });
        await watchSees(reader, "while held");
      } finally {
        await reader.cancel();
      }
    });

    await t.step("more than 10 watched keys are refused", async () => {
      const keys = Array.from(
        { length: 11 },
        (_, i) => bytesField(1, bytesField(1, key(`w-${i}`))),
      );
      const res = await post(server.url, "watch", message(...keys));
      assert.equal(res.status, 400);
      assert.equal(
        text(res.body),
        "Too many keys watched in a single watch request.",
      );
    });

    await t.step("a wrong access token is refused", async () => {
      Deno.env.set("DENO_KV_ACCESS_TOKEN", "not-the-token-0123456789");
      try {
        await assert.rejects(
          within(Deno.openKv(server.url), "opening with a wrong token"),
          /401.*Invalid access token\./,
        );
      } finally {
        Deno.env.set("DENO_KV_ACCESS_TOKEN", TOKEN);
      }
      const other = await inOtherProcess(
        server.url,
        "not-the-token-0123456789",
        `await kv.get(["a"]);`,
      );
      assert.equal(other.ok, false);
      assert.match(other.stderr, /Invalid access token\./);
      const read = await post(
        server.url,
        "snapshot_read",
        new Uint8Array(),
        "x".repeat(20),
      );
      assert.equal(read.status, 401);
      assert.equal(text(read.body), "Invalid access token.");
    });
  } finally {
    kv?.close();
    if (previousToken === undefined) Deno.env.delete("DENO_KV_ACCESS_TOKEN");
    else Deno.env.set("DENO_KV_ACCESS_TOKEN", previousToken);
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("denokv stand-in: metadata, watch frames, and a bounded close with a stream open", async () => {
  const { dir, server } = await startInTempDir();
  try {
    const res = await within(
      fetch(server.url, {
        method: "POST",
        headers: { authorization: `Bearer ${server.accessToken}` },
        body: JSON.stringify({ supportedVersions: [1, 2, 3] }),
      }),
      "metadata exchange",
    );
    const metadata = await res.json();
    assert.equal(metadata.version, 3);
    assert.deepEqual(metadata.endpoints, [
      { url: `${server.url}/v2`, consistency: "strong" },
    ]);
    const res2 = await request(
      server.url,
      "watch",
      bytesField(1, bytesField(1, key("x"))),
      server.accessToken,
    );
    assert.equal(res2.headers.get("content-type"), "application/octet-stream");
    const reader = res2.body!.getReader();
    // First frame: a 4-byte little-endian length, then a WatchOutput.
    const { value: frame } = await within(reader.read(), "the first frame");
    assert.ok(frame && frame.length >= 4);
    const length = new DataView(frame.buffer, frame.byteOffset).getUint32(
      0,
      true,
    );
    assert.equal(frame.length, 4 + length);
    assert.equal(varintField(frame.subarray(4), 1), 1n, "SR_SUCCESS");
    const started = performance.now();
    await server.close();
    assert.ok(performance.now() - started < 5_000, "close took too long");
    // The open stream ends with the server.
    await within(
      reader.read().catch(() => ({ done: true })),
      "the stream ending",
    );
    await reader.cancel().catch(() => {});
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
  await assert.rejects(fetch(server.url), "the server is gone");
});
