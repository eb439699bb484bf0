import assert from "node:assert/strict";
import {
  type Asset,
  ASSET_CATEGORIES,
  ASSET_MIMES,
} from "@/lib/assets/shared.ts";
import {
  badgeOf,
  CATEGORY_LABELS,
  CATEGORY_ORDER,
  familyOf,
  formatBytes,
  isCategory,
  kindOf,
} from "@/lib/assets/shared.ts";
import {
  applyAssetUpdate,
  canDelete,
  deleteErrorText,
  filterQuery,
  percentOf,
  uploadErrorText,
} from "./model.ts";
import { progressOf, type QueueItem } from "./UploadPanel.tsx";

const MIB = 1024 * 1024;

function asset(id: string, createdAt: string, extra: Partial<Asset> = {}) {
  return {
    id,
    version: 1,
    createdAt,
    updatedAt: createdAt,
    name: `${id}.txt`,
    size: 10,
    mime: "text/plain",
    category: "document",
    sha256: "0".repeat(64),
    uploaderId: "u1",
    uploaderName: "Sam Lindqvist",
    chunks: 1,
    status: "ready",
    ...extra,
  } satisfies Asset;
}

Deno.test("labels - every category and MIME type has words", () => {
  assert.deepEqual(CATEGORY_ORDER, [...ASSET_CATEGORIES]);
  for (const c of ASSET_CATEGORIES) assert.ok(CATEGORY_LABELS[c]);
  for (const mime of ASSET_MIMES) {
    assert.notEqual(kindOf(mime, "x"), "File", mime);
  }
  assert.ok(isCategory("still"));
  assert.ok(!isCategory("toString"));
  assert.ok(!isCategory(undefined));
});

Deno.test("labels - sizes in binary units", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1024), "1 KiB");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(9.96 * 1024), "10 KiB");
  assert.equal(formatBytes(1023.7 * 1024), "1 MiB");
  assert.equal(formatBytes(20_000_000), "19 MiB");
  assert.equal(formatBytes(50 * MIB), "50 MiB");
  assert.equal(formatBytes(-1), "–");
});

Deno.test("labels - kinds, families and badges", () => {
  assert.equal(kindOf("text/plain", "sc12.FOUNTAIN"), "Fountain screenplay");
  assert.equal(kindOf("text/plain", "notes"), "Text");
  assert.equal(kindOf("text/plain", "x.toString"), "Text");
  assert.equal(kindOf("video/quicktime"), "QuickTime video");
  assert.equal(kindOf("application/zip"), "File");
  assert.equal(familyOf("image/webp"), "image");
  assert.equal(familyOf("application/pdf"), "pdf");
  assert.equal(badgeOf("application/pdf", "call sheet"), "PDF");
  assert.equal(badgeOf("audio/wav", "tone.wav"), "WAV");
  assert.equal(badgeOf("text/plain", "README"), "TEXT");
});

Deno.test("model - live events respect filters and deletions", () => {
  const a = asset("a", "2027-01-01T10:00:00.000Z");
  const b = asset("b", "2027-01-01T11:00:00.000Z", { category: "script" });
  let list = applyAssetUpdate([a], { action: "uploaded", asset: b }, {});
  assert.deepEqual(list.map((x) => x.id), ["b", "a"]);
  // Twice is once.
  list = applyAssetUpdate(list, { action: "uploaded", asset: b }, {});
  assert.equal(list.length, 2);
  // Filtered out: not added.
  assert.deepEqual(
    applyAssetUpdate([a], { action: "uploaded", asset: b }, {
      category: "document",
    }).map((x) => x.id),
    ["a"],
  );
  assert.deepEqual(
    applyAssetUpdate([a], { action: "uploaded", asset: b }, {
      uploader: "someone-else",
    }).map((x) => x.id),
    ["a"],
  );
  // Deleted ids never come back.
  assert.deepEqual(
    applyAssetUpdate([a], { action: "uploaded", asset: b }, {}, new Set(["b"]))
      .map((x) => x.id),
    ["a"],
  );
  assert.deepEqual(
    applyAssetUpdate(list, { action: "deleted", asset: b }, {}).map((x) =>
      x.id
    ),
    ["a"],
  );
});

Deno.test("model - who may delete, queries, percentages", () => {
  const a = asset("a", "2027-01-01T10:00:00.000Z");
  assert.ok(canDelete({ id: "u1", office: false }, a));
  assert.ok(!canDelete({ id: "u2", office: false }, a));
  assert.ok(canDelete({ id: "u2", office: true }, a));
  assert.equal(filterQuery({}), "");
  assert.equal(
    filterQuery({ category: "still", uploader: "a b" }),
    "?category=still&uploader=a+b",
  );
  assert.equal(percentOf(0, 0), 0);
  assert.equal(percentOf(199, 200), 99);
  assert.equal(percentOf(300, 200), 100);
});

Deno.test("model - the bar reads 100 only once the file is stored", () => {
  const item: QueueItem = {
    key: "u1",
    name: "a.txt",
    size: 100,
    status: "uploading",
    sent: 100,
    total: 100,
    message: null,
  };
  assert.equal(progressOf(item), 99);
  assert.equal(progressOf({ ...item, status: "processing" }), 99);
  assert.equal(progressOf({ ...item, status: "done" }), 100);
  assert.equal(progressOf({ ...item, sent: 40 }), 40);
});

Deno.test("model - upload and delete errors in plain words", () => {
  assert.equal(
    uploadErrorText({ status: 413 }, "take-3.mov", 50 * MIB),
    "take-3.mov is larger than the 50 MiB limit.",
  );
  assert.match(
    uploadErrorText({ status: 415 }, "a.zip", 50 * MIB),
    /^a\.zip: this kind of file is not allowed\. Upload PDF, /,
  );
  assert.equal(
    uploadErrorText(
      { status: 409, error: { message: "The upload stalled; try again" } },
      "a.txt",
      MIB,
    ),
    "a.txt was not uploaded: the upload stalled; try again.",
  );
  assert.match(
    uploadErrorText({ status: 0 }, "a", MIB),
    /could not be reached/,
  );
  assert.match(uploadErrorText({ status: 500 }, "a", MIB), /error 500/);
  assert.equal(
    deleteErrorText({ status: 403 }, "a.txt"),
    "You may not delete a.txt: only its uploader or the production office may.",
  );
});
