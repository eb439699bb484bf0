/**
 * Who watches uploads in this process: the services own one
 * {@linkcode UploadObservers} and hand it to each upload, which reports its
 * progress there (the hub turns it into ephemeral "uploading" frames).
 *
 * @module
 */
import type { UploadProgress } from "./shared.ts";

/** Called with an upload's progress. */
export type ProgressListener = (progress: UploadProgress) => void;

/**
 * The listeners for upload progress: uploads call {@linkcode report} (at
 * most every ~10 % of the declared size and at least 1 MiB apart, once more
 * when each finishes); a listener's bug never fails an upload.
 *
 * @example
 * ```ts
 * const uploads = new UploadObservers();
 * const stop = uploads.observe((p) => hub.shareUpload(p));
 * ```
 */
export class UploadObservers {
  #listeners = new Set<ProgressListener>();

  /** Calls `listener` on every report; returns a function that stops it. */
  observe(listener: ProgressListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every listener, each on its own (one that throws is logged). */
  report(progress: UploadProgress): void {
    for (const listener of this.#listeners) {
      safely(() => listener(progress));
    }
  }
}

/** Runs `fn`; logs what it throws instead of failing the caller. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    // A progress observer's bug must not fail the upload.
    console.error(error);
  }
}
