import assert from "node:assert/strict";
import { withDeadline } from "@/lib/deadline.ts";
import { ApiError } from "@/lib/http/errors.ts";
import type { Role } from "@/lib/roles.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import {
  assets,
  CHUNK_BYTES,
  chunkKey,
  deleteAsset,
  getAsset,
  listAssets,
  observeUploadProgress,
  openAssetContent,
  sweepOrphanChunks,
  uploadAsset,
  type Uploader,
  uploadMarkKey,
  type UploadProgress,
} from "./asset_store.ts";
import {
  AssetUpdateDataSchema,
  contentDisposition,
  sanitizeFileName,
} from "./schemas.ts";
import { seedAssets, tinyPdf, tinyPng } from "./seed.ts";

const who = (id: string, role: Role = "crew"): Uploader => ({
  id,
  role,
  name: `User ${id}`,
});
const crew = who("u-crew");
const enc = new TextEncoder();

/** Random printable ASCII (valid text, so any size sniffs as text/plain). */
function randomText(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) {
    crypto.getRandomValues(out.subarray(i, Math.min(size, i + 65_536)));
  }
  for (let i = 0; i < size; i++) out[i] = 0x20 + (out[i] % 95);
  return out;
}

/** `data` as a stream of randomly sized pieces. */
function randomlySplit(data: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      const n = 1 + Math.floor(Math.random() * 150_000);
      controller.enqueue(data.slice(offset, offset + n));
      offset += n;
    },
  });
}

/** A stream that yields `head` and then fails. */
function failingAfter(head: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(new Error("connection reset"));
      sent = true;
      controller.enqueue(head);
    },
  });
}

async function hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(data));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function keyCount(kv: Deno.Kv, prefix: Deno.KvKey): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix })) n++;
  return n;
}

async function assertNothingStored(kv: Deno.Kv) {
  assert.equal(await keyCount(kv, ["asset_chunks"]), 0, "chunks");
  assert.equal(await keyCount(kv, ["asset_uploads"]), 0, "upload marks");
  assert.equal(await keyCount(kv, ["assets"]), 0, "asset records");
}

async function rejects(
  promise: Promise<unknown>,
  status: number,
  code?: string,
) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.status, status);
    if (code) assert.equal(error.code, code);
    return true;
  });
}

Deno.test("assets store - bytes, chunks and SHA-256 survive any split and size", () =>
  withKv(async (kv) => {
    const sizes = [
      1,
      CHUNK_BYTES - 1,
      CHUNK_BYTES,
      CHUNK_BYTES + 1,
      3 * CHUNK_BYTES + 7,
      ...Array.from({ length: 4 }, () => 1 + Math.floor(Math.random() * 1e6)),
    ];
    for (const size of sizes) {
      const data = randomText(size);
      const asset = await uploadAsset(kv, crew, {
        name: "notes.txt",
        body: randomlySplit(data),
      });
      assert.equal(asset.size, size);
      assert.equal(asset.mime, "text/plain");
      assert.equal(asset.sha256, await hex(data), `sha256 of ${size} bytes`);
      assert.equal(asset.chunks, Math.ceil(size / CHUNK_BYTES));
      let stored = 0;
      for await (
        const entry of kv.list<Uint8Array>({
          prefix: ["asset_chunks", asset.id],
        })
      ) {
        assert.ok(entry.value.byteLength <= CHUNK_BYTES);
        stored++;
      }
      assert.equal(stored, asset.chunks);
      const content = await openAssetContent(kv, asset.id);
      assert.deepEqual(await readAll(content!.body), data, `${size} bytes`);
      assert.equal(await keyCount(kv, ["asset_uploads"]), 0, "mark removed");
    }
  }));

Deno.test("assets store - one upload is one record and one event for everyone", () =>
  withKv(async (kv) => {
    const before = await latestEventId(kv);
    const png = tinyPng();
    const asset = await uploadAsset(kv, crew, {
      name: "../../boards/frame 01.png",
      body: ReadableStream.from([png]),
      declaredLength: png.length,
    });
    assert.equal(asset.name, "frame 01.png");
    assert.equal(asset.mime, "image/png");
    assert.equal(asset.category, "still", "category from the type");
    assert.equal(asset.uploaderId, crew.id);
    assert.equal(asset.uploaderName, crew.name);
    assert.equal(asset.status, "ready");
    assert.equal(asset.version, 1);
    const page = await readEventsAfter(kv, before);
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal(page.events.length, 1);
    const [event] = page.events;
    assert.equal(event.type, "asset_update");
    assert.equal(event.audience.roles.length, 6);
    const data = AssetUpdateDataSchema.parse(event.data);
    assert.equal(data.action, "uploaded");
    assert.deepEqual(data.asset, asset);
  }));

Deno.test("assets store - a refused type stores nothing at all", () =>
  withKv(async (kv) => {
    const elf = new Uint8Array(200_000);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(elf.slice(0, 4096));
      },
    });
    await rejects(
      uploadAsset(kv, crew, { name: "tool", body }),
      415,
      "unsupported_media_type",
    );
    assert.ok(pulls <= 20, `stopped reading after the first chunk (${pulls})`);
    await assertNothingStored(kv);
  }));

Deno.test("assets store - text with a binary tail is refused and cleaned up", () =>
  withKv(async (kv) => {
    const data = randomText(5 * CHUNK_BYTES);
    data[4 * CHUNK_BYTES + 10] = 0;
    await rejects(
      uploadAsset(kv, crew, { name: "a.txt", body: randomlySplit(data) }),
      415,
    );
    await assertNothingStored(kv);
  }));

Deno.test("assets store - the size limit holds whatever is declared", () =>
  withKv(async (kv) => {
    const data = randomText(10_000);
    // Declared too large: refused before a byte is read.
    let pulled = false;
    const untouched = new ReadableStream<Uint8Array>({
      pull() {
        pulled = true;
      },
    });
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: untouched,
        declaredLength: 5000,
        maxBytes: 4096,
      }),
      413,
      "payload_too_large",
    );
    assert.equal(pulled, false);
    // Declared small (a lie) or not at all: refused as the bytes arrive.
    for (const declaredLength of [100, undefined]) {
      await rejects(
        uploadAsset(kv, crew, {
          name: "a.txt",
          body: ReadableStream.from([data.slice(0, 3000), data.slice(3000)]),
          declaredLength,
          maxBytes: 4096,
        }),
        413,
      );
    }
    // Past the limit after several stored chunks: they are removed.
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: randomlySplit(randomText(4 * CHUNK_BYTES)),
        maxBytes: 3 * CHUNK_BYTES,
      }),
      413,
    );
    await assertNothingStored(kv);
    // Exactly at the limit is fine.
    const ok = await uploadAsset(kv, crew, {
      name: "a.txt",
      body: ReadableStream.from([data.slice(0, 4096)]),
      maxBytes: 4096,
    });
    assert.equal(ok.size, 4096);
  }));

Deno.test("assets store - an interrupted upload leaves no asset and no chunks", () =>
  withKv(async (kv) => {
    const before = await latestEventId(kv);
    await rejects(
      uploadAsset(kv, crew, {
        name: "rushes.txt",
        body: failingAfter(randomText(5 * CHUNK_BYTES + 123)),
      }),
      400,
      "upload_interrupted",
    );
    await assertNothingStored(kv);
    assert.equal(await latestEventId(kv), before, "no event");
    // Empty and short bodies are refused too.
    await rejects(
      uploadAsset(kv, crew, { name: "a.txt", body: ReadableStream.from([]) }),
      400,
    );
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: ReadableStream.from([enc.encode("short")]),
        declaredLength: 10,
      }),
      400,
      "length_mismatch",
    );
    await rejects(
      uploadAsset(kv, crew, {
        name: "../..",
        body: ReadableStream.from([enc.encode("x")]),
      }),
      400,
      "validation",
    );
    await assertNothingStored(kv);
  }));

Deno.test("assets store - progress is throttled to ~10 % / 1 MiB steps", () =>
  withKv(async (kv) => {
    const size = 5 * 1024 * 1024 + 77;
    const data = randomText(size);
    const seen: UploadProgress[] = [];
    const stop = observeUploadProgress(kv, (p) => seen.push(p));
    const calls: number[] = [];
    const asset = await uploadAsset(kv, crew, {
      name: "big.txt",
      body: randomlySplit(data),
      declaredLength: size,
      onProgress: (bytes) => calls.push(bytes),
    });
    assert.ok(calls.length >= 5 && calls.length <= 11, `${calls.length}`);
    assert.equal(calls.at(-1), size);
    for (let i = 1; i < calls.length; i++) {
      assert.ok(
        calls[i] - calls[i - 1] >= 1024 * 1024 || i === calls.length - 1,
      );
    }
    assert.deepEqual(seen.map((p) => p.bytes), [...calls, size]);
    assert.equal(seen.at(-1)!.phase, "done");
    assert.equal(seen[0].uploadId, asset.id);
    assert.equal(seen[0].total, size);
    assert.equal(seen[0].name, "big.txt");
    // Unknown size: about every MiB. A throwing observer changes nothing.
    const unknown: number[] = [];
    const stopThrowing = observeUploadProgress(kv, () => {
      throw new Error("observer bug");
    });
    const error = console.error;
    console.error = () => {};
    try {
      await uploadAsset(kv, crew, {
        name: "big.txt",
        body: randomlySplit(data),
        onProgress: (bytes) => unknown.push(bytes),
      });
    } finally {
      console.error = error;
      stopThrowing();
    }
    assert.ok(unknown.length >= 5 && unknown.length <= 6, `${unknown.length}`);
    // A failure is reported as such.
    seen.length = 0;
    await rejects(
      uploadAsset(kv, crew, {
        name: "a.txt",
        body: failingAfter(randomText(100)),
      }),
      400,
    );
    assert.equal(seen.at(-1)!.phase, "failed");
    stop();
  }));

Deno.test("assets store - the sweeper removes orphans, never live uploads or assets", () =>
  withKv(async (kv) => {
    const kept = await uploadAsset(kv, crew, {
      name: "kept.pdf",
      body: ReadableStream.from([tinyPdf()]),
    });
    const chunk = new Uint8Array(10);
    // An orphan: chunks with no record and no mark (crashed clean-up).
    for (let i = 0; i < 150; i++) await kv.set(chunkKey("orphan", i), chunk);
    // A live upload: a fresh mark.
    await kv.set(uploadMarkKey("live"), {
      startedAt: Date.now(),
      renewedAt: Date.now(),
      uploaderId: crew.id,
    });
    await kv.set(chunkKey("live", 0), chunk);
    // A dead upload: its mark was last renewed long ago.
    await kv.set(uploadMarkKey("dead"), {
      startedAt: 0,
      renewedAt: Date.now() - 2 * 60 * 60 * 1000,
      uploaderId: crew.id,
    });
    await kv.set(chunkKey("dead", 0), chunk);
    await kv.set(chunkKey("dead", 1), chunk);

    const result = await sweepOrphanChunks(kv, { olderThanMs: 60 * 60 * 1000 });
    assert.deepEqual(result, { sets: 2, chunks: 152 });
    assert.equal(await keyCount(kv, ["asset_chunks", "orphan"]), 0);
    assert.equal(await keyCount(kv, ["asset_chunks", "dead"]), 0);
    assert.equal((await kv.get(uploadMarkKey("dead"))).value, null);
    assert.equal(await keyCount(kv, ["asset_chunks", "live"]), 1);
    assert.equal(await keyCount(kv, ["asset_chunks", kept.id]), kept.chunks);
    const content = await openAssetContent(kv, kept.id);
    assert.deepEqual(await readAll(content!.body), tinyPdf());
    assert.deepEqual(await sweepOrphanChunks(kv), { sets: 0, chunks: 0 });
  }));

Deno.test("assets store - an upload the sweeper gave up on fails cleanly", () =>
  withKv(async (kv) => {
    const data = randomText(6 * CHUNK_BYTES);
    let release!: () => void;
    const paused = new Promise<void>((resolve) => release = resolve);
    let reachedPause!: () => void;
    const atPause = new Promise<void>((resolve) => reachedPause = resolve);
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (step === 3) {
          reachedPause();
          await paused;
        }
        if (step === 6) return controller.close();
        controller.enqueue(
          data.slice(step * CHUNK_BYTES, ++step * CHUNK_BYTES),
        );
      },
    }, { highWaterMark: 0 });
    const upload = uploadAsset(kv, crew, { name: "slow.txt", body });
    // An upload that failed before the pause must not leave us waiting.
    await withDeadline(
      Promise.race([atPause, upload.then(() => {})]),
      10_000,
      "the upload to reach its pause",
    );
    // Chunks are being written, but nothing is visible yet.
    assert.ok(await keyCount(kv, ["asset_chunks"]) >= 2);
    assert.deepEqual(await listAssets(kv), []);
    // With a live mark the sweeper keeps it; treating it as stale, it goes.
    assert.equal((await sweepOrphanChunks(kv)).sets, 0);
    assert.equal(
      (await sweepOrphanChunks(kv, { olderThanMs: -1000 })).sets,
      1,
    );
    release();
    await rejects(
      withDeadline(upload, 10_000, "the upload"),
      409,
      "upload_expired",
    );
    await assertNothingStored(kv);
  }));

Deno.test("assets store - list filters, newest first; get; missing content", () =>
  withKv(async (kv) => {
    const vfx = who("u-vfx", "vfx");
    const a = await uploadAsset(kv, crew, {
      name: "a.fountain",
      body: ReadableStream.from([enc.encode("INT. HOUSE - DAY\n")]),
    });
    await new Promise((r) => setTimeout(r, 5));
    const b = await uploadAsset(kv, vfx, {
      name: "b.png",
      category: "storyboard",
      body: ReadableStream.from([tinyPng()]),
    });
    await new Promise((r) => setTimeout(r, 5));
    const c = await uploadAsset(kv, crew, {
      name: "c.pdf",
      body: ReadableStream.from([tinyPdf()]),
    });
    assert.equal(a.category, "script");
    assert.equal(c.category, "document");
    const ids = (list: { id: string }[]) => list.map((x) => x.id);
    assert.deepEqual(ids(await listAssets(kv)), [c.id, b.id, a.id]);
    assert.deepEqual(ids(await listAssets(kv, { uploader: crew.id })), [
      c.id,
      a.id,
    ]);
    assert.deepEqual(ids(await listAssets(kv, { category: "storyboard" })), [
      b.id,
    ]);
    assert.deepEqual(
      ids(await listAssets(kv, { category: "storyboard", uploader: crew.id })),
      [],
    );
    assert.deepEqual(await getAsset(kv, b.id), b);
    assert.equal(await getAsset(kv, "nope"), null);
    assert.equal(await openAssetContent(kv, "nope"), null);
    // A chunk gone missing errors the stream instead of a short file.
    await kv.delete(chunkKey(c.id, 0));
    const broken = await openAssetContent(kv, c.id);
    await assert.rejects(readAll(broken!.body), /missing/);
  }));

Deno.test("assets store - delete: uploader or production office; record, event, chunks", () =>
  withKv(async (kv) => {
    const upload = (by: Uploader) =>
      uploadAsset(kv, by, {
        name: "x.txt",
        body: ReadableStream.from([randomText(3 * CHUNK_BYTES)]),
      });
    const mine = await upload(crew);
    for (const role of ["director", "vfx", "distribution_manager", "crew"]) {
      await rejects(
        deleteAsset(kv, who(`other-${role}`, role as Role), mine.id),
        403,
      );
    }
    await assert.rejects(
      deleteAsset(kv, crew, mine.id, 7),
      VersionConflictError,
    );
    const before = await latestEventId(kv);
    await deleteAsset(kv, crew, mine.id, 1);
    assert.equal(await getAsset(kv, mine.id), null);
    assert.equal(await keyCount(kv, ["asset_chunks"]), 0);
    assert.equal(await keyCount(kv, ["assets_by_uploader"]), 0, "index");
    const page = await readEventsAfter(kv, before);
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.equal(page.events.length, 1);
    const data = AssetUpdateDataSchema.parse(page.events[0].data);
    assert.equal(data.action, "deleted");
    assert.equal(data.asset.id, mine.id);
    await rejects(deleteAsset(kv, crew, mine.id), 404);
    for (const role of ["producer", "production_manager"] as const) {
      const other = await upload(who("u-other", "vfx"));
      await deleteAsset(kv, who(`office-${role}`, role), other.id);
      assert.equal(await getAsset(kv, other.id), null);
    }
    await assertNothingStored(kv);
  }));

Deno.test("assets store - seed files are valid, typed and silent", () =>
  withKv(async (kv) => {
    const before = await latestEventId(kv);
    const seeded = await seedAssets(kv, { id: "u-pm", name: "Marcus Obi" });
    assert.equal(await latestEventId(kv), before, "no events");
    assert.deepEqual(
      seeded.map((a) => [a.name, a.mime, a.category]),
      [
        ["storm-sequence-frame-01.png", "image/png", "storyboard"],
        ["northern-lights-sc12.fountain", "text/plain", "script"],
        ["call-sheet-day-01.pdf", "application/pdf", "document"],
        ["shot-list-sc12.csv", "text/plain", "document"],
        ["room-tone-lighthouse.wav", "audio/wav", "audio"],
      ],
    );
    assert.deepEqual(
      (await listAssets(kv)).map((a) => a.name),
      seeded.map((a) => a.name).reverse(),
    );
    for (const asset of seeded) {
      const content = await openAssetContent(kv, asset.id);
      assert.equal(await hex(await readAll(content!.body)), asset.sha256);
      assert.equal(asset.uploaderName, "Marcus Obi");
    }
    assert.equal(await keyCount(kv, ["asset_uploads"]), 0);
    assert.ok(await assets.get(kv, seeded[0].id));
  }));

Deno.test("assets names - paths, controls, reserved characters, length", () => {
  const cases: [string, string][] = [
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\mara\\Desktop\\call sheet.pdf", "call sheet.pdf"],
    ["evil\r\nSet-Cookie: x=1.txt", "evil Set-Cookie_ x=1.txt"],
    ['say "cut".txt', "say _cut_.txt"],
    ["a<b>c|d?e*f.png", "a_b_c_d_e_f.png"],
    ["  ..hidden. ", "hidden"],
    ["invoice\u202Egnp.exe", "invoicegnp.exe"],
    ["zero\u200Bwidth.pdf", "zerowidth.pdf"],
    ["tab\tand   spaces.txt", "tab and spaces.txt"],
    ["Cafe\u0301.txt", "Caf\u00e9.txt"],
    ["lone \uD800 surrogate.txt", "lone \uFFFD surrogate.txt"],
    ["..", ""],
    ["/", ""],
    ["\u0000\u0007", ""],
  ];
  for (const [raw, expected] of cases) {
    assert.equal(sanitizeFileName(raw), expected, JSON.stringify(raw));
  }
  const long = sanitizeFileName(`${"x".repeat(300)}.fountain`);
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith("x.fountain"));
  const emoji = sanitizeFileName(`${"🌌".repeat(250)}.png`);
  assert.equal([...emoji].length, 200);
  assert.ok(emoji.endsWith("🌌.png"));
  assert.equal(sanitizeFileName(long), long, "idempotent");
});

Deno.test("assets names - Content-Disposition is RFC 6266/5987 and injection-proof", () => {
  assert.equal(
    contentDisposition("call sheet.pdf"),
    `attachment; filename="call sheet.pdf"; filename*=UTF-8''call%20sheet.pdf`,
  );
  assert.equal(
    contentDisposition("Szene 1 – Nacht (final).pdf"),
    `attachment; filename="Szene 1 _ Nacht (final).pdf"; ` +
      `filename*=UTF-8''Szene%201%20%E2%80%93%20Nacht%20%28final%29.pdf`,
  );
  for (const evil of ['a"; filename="x.html', "a\r\nX-Evil: 1", "a\\b%41'c"]) {
    const header = contentDisposition(evil);
    assert.doesNotMatch(header, /[\r\n]/);
    const quoted = header.match(/filename="([^"]*)"/)![1];
    assert.doesNotMatch(quoted, /["\\%]/);
    assert.equal(header.split('"').length, 3, header);
    const star = header.match(/filename\*=UTF-8''(.*)$/)![1];
    assert.match(star, /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    assert.equal(decodeURIComponent(star), sanitizeFileName(evil));
    new Headers({ "content-disposition": header }); // a valid header value
  }
});
