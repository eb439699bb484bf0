/**
 * Helpers for the assets module's tests: people, byte sources, store
 * probes, and the store-level calls the tests were written against
 * (`uploadAsset(kv, actor, …)`, `getAsset(kv, id)` → null, …) as thin
 * wrappers over the services, with one {@linkcode UploadObservers} per KV
 * handle as the services own one per instance.
 *
 * @module
 */
import assert from "node:assert/strict";
import { toApiError } from "@/lib/http/errors.ts";
import type { Role } from "@/lib/roles.ts";
import { serviceContext } from "@/lib/service.ts";
import { deleteFile, uploadFile } from "./service.ts";
import type { Asset } from "./shared.ts";
import { assetBytes, assets } from "./store.ts";
import type { Uploader, UploadInput } from "./upload.ts";
import { type ProgressListener, UploadObservers } from "./upload_progress.ts";

/** A signed-in person of `role`, named after `id`. */
export const who = (id: string, role: Role = "crew"): Uploader => ({
  id,
  role,
  name: `User ${id}`,
});
/** The crew member most tests upload as. */
export const crew = who("u-crew");
/** UTF-8 encoder. */
export const enc = new TextEncoder();

/** Random printable ASCII (valid text, so any size sniffs as text/plain). */
export function randomText(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) {
    crypto.getRandomValues(out.subarray(i, Math.min(size, i + 65_536)));
  }
  for (let i = 0; i < size; i++) out[i] = 0x20 + (out[i] % 95);
  return out;
}

/** `data` as a stream of randomly sized pieces. */
export function randomlySplit(data: Uint8Array): ReadableStream<Uint8Array> {
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
export function failingAfter(head: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(new Error("connection reset"));
      sent = true;
      controller.enqueue(head);
    },
  });
}

/** SHA-256 of `data`, lowercase hex. */
export async function hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(data));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** Every byte of `stream`. */
export async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** How many keys are under `prefix`. */
export async function keyCount(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix })) n++;
  return n;
}

/** Asserts no chunk, upload mark or asset record is stored. */
export async function assertNothingStored(kv: Deno.Kv) {
  assert.equal(await keyCount(kv, ["asset_chunks"]), 0, "chunks");
  assert.equal(await keyCount(kv, ["asset_uploads"]), 0, "upload marks");
  assert.equal(await keyCount(kv, ["assets"]), 0, "asset records");
}

/** Asserts `promise` rejects with the HTTP `status` (and `code`) its error maps to. */
export async function rejects(
  promise: Promise<unknown>,
  status: number,
  code?: string,
) {
  await assert.rejects(promise, (error) => {
    const mapped = toApiError(error);
    assert.equal(mapped.status, status, String(error));
    if (code) assert.equal(mapped.code, code);
    return true;
  });
}

const observers = new WeakMap<Deno.Kv, UploadObservers>();

function observersOf(kv: Deno.Kv): UploadObservers {
  let found = observers.get(kv);
  if (found === undefined) observers.set(kv, found = new UploadObservers());
  return found;
}

/** Hears the progress of uploads made with {@linkcode uploadAsset} on `kv`. */
export function observeUploadProgress(
  kv: Deno.Kv,
  listener: ProgressListener,
): () => void {
  return observersOf(kv).observe(listener);
}

/**
 * Uploads as `actor` through the service, observed per `kv`, at `now`
 * (the real clock unless given).
 */
export function uploadAsset(
  kv: Deno.Kv,
  actor: Uploader,
  input: UploadInput,
  now?: () => Date,
): Promise<Asset> {
  return uploadFile(serviceContext(kv, actor, now), input, observersOf(kv));
}

/** Deletes as `actor` through the service. */
export function deleteAsset(
  kv: Deno.Kv,
  actor: Uploader,
  id: string,
  ifVersion?: number,
): Promise<Asset> {
  return deleteFile(serviceContext(kv, actor), id, ifVersion);
}

/** The stored record, or null. */
export function getAsset(kv: Deno.Kv, id: string): Promise<Asset | null> {
  return assets.get(kv, id);
}

/** The stored record and its bytes, or null. */
export async function openAssetContent(
  kv: Deno.Kv,
  id: string,
): Promise<{ asset: Asset; body: ReadableStream<Uint8Array> } | null> {
  const asset = await assets.get(kv, id);
  return asset && { asset, body: assetBytes(kv, asset) };
}
