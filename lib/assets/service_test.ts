import assert from "node:assert/strict";
import { ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import type { Role } from "@/lib/roles.ts";
import { serviceContext } from "@/lib/service.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { AssetUpdateDataSchema } from "./schemas.ts";
import { tinyPdf, tinyPng } from "./seed.ts";
import {
  deleteFile,
  getFile,
  listFiles,
  openFile,
  uploadFile,
} from "./service.ts";
import { CHUNK_BYTES } from "./shared.ts";
import { chunkKey, listAssets } from "./store.ts";
import {
  assertNothingStored,
  crew,
  deleteAsset,
  enc,
  getAsset,
  keyCount,
  openAssetContent,
  randomText,
  readAll,
  rejects,
  uploadAsset,
  who,
} from "./testing.ts";
import type { Uploader } from "./upload.ts";

Deno.test("assets store - list filters, newest first; get; missing content", () =>
  withKv(async (kv) => {
    const vfx = who("u-vfx", "vfx");
    // Three uploads a minute apart, on a fixed clock.
    const minute = (n: number) => () => new Date(Date.UTC(2027, 1, 1, 14, n));
    const a = await uploadAsset(kv, crew, {
      name: "a.fountain",
      body: ReadableStream.from([enc.encode("INT. HOUSE - DAY\n")]),
    }, minute(1));
    const b = await uploadAsset(kv, vfx, {
      name: "b.png",
      category: "storyboard",
      body: ReadableStream.from([tinyPng()]),
    }, minute(2));
    const c = await uploadAsset(kv, crew, {
      name: "c.pdf",
      body: ReadableStream.from([tinyPdf()]),
    }, minute(3));
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

Deno.test("assets service - stamps the context's clock and actor; getters throw NotFoundError", () =>
  withKv(async (kv) => {
    const at = new Date("2027-02-01T14:05:00.000Z");
    const cx = serviceContext(kv, crew, () => at);
    const before = await latestEventId(kv);
    const asset = await uploadFile(cx, {
      name: "call sheet.pdf",
      body: ReadableStream.from([tinyPdf()]),
    });
    assert.equal(asset.createdAt, at.toISOString());
    assert.deepEqual(await getFile(cx, asset.id), asset);
    assert.deepEqual(await listFiles(cx, { uploader: crew.id }), [asset]);
    const { body } = await openFile(cx, asset.id);
    assert.deepEqual(await readAll(body), tinyPdf());
    const page = await readEventsAfter(kv, before);
    assert.ok(!page.resync);
    if (page.resync) return;
    assert.deepEqual(page.events.map((e) => (e.data as { by: unknown }).by), [
      { id: crew.id, name: crew.name },
    ]);
    await assert.rejects(getFile(cx, "nope"), NotFoundError);
    await assert.rejects(openFile(cx, "nope"), NotFoundError);
    await assert.rejects(deleteFile(cx, "nope"), NotFoundError);
    const other = serviceContext(kv, who("u-other", "vfx"), () => at);
    await assert.rejects(deleteFile(other, asset.id), ForbiddenError);
    assert.deepEqual(await getFile(cx, asset.id), asset, "still there");
  }));
