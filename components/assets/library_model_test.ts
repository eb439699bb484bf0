import assert from "node:assert/strict";
import { signal } from "@preact/signals";
import type { Asset } from "@/lib/assets/shared.ts";
import type { FrameUser } from "@/realtime/protocol.ts";
import type { UploadNotice } from "@/realtime/client.ts";
import { ApiFailure } from "@/components/api.ts";
import { fakeWorld, type SentCall } from "@/components/fake_world.ts";
import { LibraryModel } from "./library_model.ts";
import type { AssetFilters } from "./model.ts";
import type { UploadOutcome } from "./upload.ts";

function asset(id: string, extra: Partial<Asset> = {}): Asset {
  return {
    id,
    version: 1,
    createdAt: `2027-01-01T00:00:0${id.length}.000Z`,
    updatedAt: "2027-01-01T00:00:00.000Z",
    name: `${id}.pdf`,
    size: 10,
    mime: "application/pdf",
    category: "document",
    sha256: "0".repeat(64),
    uploaderId: "u1",
    uploaderName: "Sam",
    chunks: 1,
    status: "ready",
    ...extra,
  };
}

/** An upload the test settles by hand. */
interface SentFile {
  name: string;
  progress: (sent: number, total: number) => void;
  settle: (outcome: UploadOutcome) => void;
  aborted: boolean;
}

function setup(options: {
  answer?: (call: SentCall) => unknown;
  filters?: AssetFilters;
  renews?: boolean;
} = {}) {
  const world = fakeWorld(options.answer);
  const uploads: SentFile[] = [];
  const notices = signal<Record<string, UploadNotice>>({});
  let renewals = 0;
  const model = new LibraryModel({
    ...world,
    realtime: {
      ...world.realtime,
      uploads: notices,
      user: signal<FrameUser | null>(null),
    },
    upload(_file, target, progress) {
      let settle!: (outcome: UploadOutcome) => void;
      const done = new Promise<UploadOutcome>((resolve) => settle = resolve);
      const sent: SentFile = {
        name: target.name,
        progress,
        settle,
        aborted: false,
      };
      uploads.push(sent);
      return {
        done,
        abort() {
          sent.aborted = true;
          settle({ kind: "cancelled" });
        },
      };
    },
    renewSession() {
      renewals++;
      return Promise.resolve(options.renews ?? false);
    },
  }, {
    initial: [asset("a1")],
    viewer: { id: "u1", office: false },
    filters: options.filters ?? {},
    maxBytes: 100,
  });
  const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { world, model, uploads, notices, turn, renewals: () => renewals };
}

const file = (name: string, size: number) =>
  new File([new Uint8Array(size)], name);

Deno.test("library model - files go one after another and arrive in the list", async () => {
  const { model, uploads, turn } = setup();
  model.enqueue([file("big.mov", 500), file("b.pdf", 20), file("c.pdf", 30)]);
  const items = () => model.uploads.items.value.map((i) => i.status);
  assert.deepEqual(items(), ["failed", "uploading", "queued"]);
  assert.equal(
    model.uploads.items.value[0].message,
    "big.mov is larger than the 100 B limit.",
  );
  assert.equal(uploads.length, 1, "one at a time");
  uploads[0].progress(20, 20);
  assert.deepEqual(items(), ["failed", "processing", "queued"]);
  uploads[0].settle({ kind: "stored", asset: asset("a22", { name: "b.pdf" }) });
  await turn();
  assert.deepEqual(items(), ["failed", "done", "uploading"]);
  assert.deepEqual(model.assets.value.map((a) => a.id), ["a22", "a1"]);
  assert.ok(model.fresh.value.has("a22"));
  assert.equal(model.announcement.value, "b.pdf uploaded.");
  assert.equal(uploads[1].name, "c.pdf");
  assert.equal(model.uploads.uploading.value, "u3");

  model.uploads.cancel("u3");
  await turn();
  assert.equal(uploads[1].aborted, true);
  assert.deepEqual(items(), ["failed", "done", "cancelled"]);
  assert.equal(model.announcement.value, "Upload of c.pdf cancelled.");
  assert.equal(model.uploads.uploading.value, null);
  model.uploads.clearFinished();
  assert.deepEqual(items(), []);
});

Deno.test("library model - a lapsed session is renewed once and the file goes again", async () => {
  const { model, uploads, turn, renewals } = setup({ renews: true });
  model.enqueue([file("a.pdf", 5)]);
  uploads[0].settle({ kind: "failed", failure: new ApiFailure(401) });
  await turn();
  assert.equal(renewals(), 1);
  assert.equal(uploads.length, 2, "sent again");
  uploads[1].settle({ kind: "failed", failure: new ApiFailure(401) });
  await turn();
  assert.equal(renewals(), 1, "only once");
  assert.equal(
    model.uploads.items.value[0].message,
    "Your session has ended. Sign in again, then upload the file again.",
  );
});

Deno.test("library model - a stored file the filters hide stays out of the list", async () => {
  const { model, uploads, turn } = setup({ filters: { category: "script" } });
  model.enqueue([file("notes.pdf", 5)]);
  uploads[0].settle({ kind: "stored", asset: asset("a9") });
  await turn();
  assert.deepEqual(model.assets.value.map((a) => a.id), ["a1"]);
  assert.equal(
    model.uploads.items.value[0].message,
    "Uploaded; the filters hide it from this list",
  );
});

Deno.test("library model - events add and remove files; others' uploads show while they run", () => {
  const { world, model, notices } = setup();
  world.emit("asset_update", {
    action: "uploaded",
    asset: asset("a2", { uploaderId: "u2", uploaderName: "Kim" }),
  });
  assert.deepEqual(model.assets.value.map((a) => a.id), ["a2", "a1"]);
  assert.equal(model.announcement.value, "Kim uploaded a2.pdf.");
  world.emit("asset_update", { action: "deleted", asset: asset("a1") });
  assert.deepEqual(model.assets.value.map((a) => a.id), ["a2"]);
  assert.equal(model.announcement.value, "a1.pdf was deleted.");
  assert.equal(model.totalBytes.value, 10);

  const upload = (id: string, uploader: string): UploadNotice => ({
    uploadId: id,
    uploader: { id: uploader, name: uploader },
    name: `${id}.mov`,
    bytes: 1,
    total: 10,
    phase: "uploading",
  });
  notices.value = { x: upload("x", "u2"), y: upload("y", "u1") };
  assert.deepEqual(model.incoming.value.map((u) => u.uploadId), ["x"]);
  world.clock.tick(6_000);
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
});

Deno.test("library model - deleting asks, renews a lapsed session once, and says what happened", async () => {
  let first = true;
  const { world, model, renewals } = setup({
    renews: true,
    answer: () => {
      if (first) {
        first = false;
        throw new ApiFailure(401);
      }
      return null;
    },
  });
  world.confirms = false;
  await model.remove(asset("a1"));
  assert.equal(world.sent.length, 0);
  world.confirms = true;
  await model.remove(asset("a1"));
  assert.deepEqual(world.asked, [
    "Delete a1.pdf? It is removed for everyone.",
    "Delete a1.pdf? It is removed for everyone.",
  ]);
  assert.equal(renewals(), 1);
  assert.deepEqual(world.sent.map((c) => [c.method, c.url, c.options]), [
    ["DELETE", "/api/assets/a1", 1],
    ["DELETE", "/api/assets/a1", 1],
  ]);
  assert.deepEqual(model.assets.value, []);
  assert.deepEqual(model.notice.value, { kind: "ok", text: "Deleted a1.pdf." });
  // A late event for it neither brings it back nor announces it.
  world.emit("asset_update", { action: "uploaded", asset: asset("a1") });
  assert.deepEqual(model.assets.value, []);
  assert.equal(model.deleting.value.size, 0);
});

Deno.test("library model - leaving the page aborts the upload under way", () => {
  const { model, uploads } = setup();
  model.enqueue([file("a.pdf", 5)]);
  model[Symbol.dispose]();
  assert.equal(uploads[0].aborted, true);
});
