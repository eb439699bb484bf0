import assert from "node:assert/strict";
import type { UploadProgress } from "./shared.ts";
import { UploadObservers } from "./upload_progress.ts";

const progress = (bytes: number): UploadProgress => ({
  uploadId: "up-1",
  productionId: "current",
  uploader: { id: "u-crew", name: "Crew" },
  name: "a.txt",
  bytes,
  total: null,
  phase: "uploading",
});

Deno.test("upload observers - each instance has its own listeners; stop stops", () => {
  const mine = new UploadObservers();
  const theirs = new UploadObservers();
  const heard: number[] = [];
  const stop = mine.observe((p) => heard.push(p.bytes));
  theirs.observe(() => assert.fail("another instance's listener"));
  mine.report(progress(1));
  stop();
  mine.report(progress(2));
  assert.deepEqual(heard, [1]);
});

Deno.test("upload observers - a throwing listener is logged and the others still hear", () => {
  const observers = new UploadObservers();
  const heard: number[] = [];
  const logged: unknown[] = [];
  observers.observe(() => {
    throw new Error("observer bug");
  });
  observers.observe((p) => heard.push(p.bytes));
  const error = console.error;
  console.error = (e: unknown) => logged.push(e);
  try {
    observers.report(progress(5));
  } finally {
    console.error = error;
  }
  assert.deepEqual(heard, [5]);
  assert.equal((logged[0] as Error).message, "observer bug");
});
