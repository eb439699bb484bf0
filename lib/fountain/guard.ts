/**
 * Cheap checks that run before any parsing, so oversized or binary input
 * is refused without splitting, scanning or hashing it.
 *
 * @module
 */
import { FountainError } from "./errors.ts";

/** Default input limit: 2 MiB of UTF-8, far above any feature script. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** How much of the start of the text the control-character test samples. */
const SAMPLE_CHARS = 8 * 1024;

/**
 * Share of suspicious characters in the sample above which the input is
 * called binary. Real scripts have next to none; decoded binaries (PDF,
 * Final Draft zips, images) have far more than this.
 */
const MAX_SUSPICIOUS_RATIO = 0.1;

/**
 * Throws `FountainError("too_large")` if `source` is more than `maxBytes`
 * bytes as UTF-8. Never encodes the string: a UTF-16 code unit is at least
 * one UTF-8 byte and at most three, so most inputs are decided by length
 * alone and the rest by one counting pass that stops at the limit.
 */
export function assertSize(source: string, maxBytes: number): void {
  if (source.length <= maxBytes / 3) return;
  if (source.length > maxBytes || utf8Length(source, maxBytes) > maxBytes) {
    throw new FountainError(
      "too_large",
      `Script is larger than the limit of ${maxBytes} bytes`,
    );
  }
}

/**
 * UTF-8 length of `text`, counting no further than just past `stopAfter`.
 *
 * @example
 * ```ts
 * utf8Length("é€😀"); // 2 + 3 + 4 = 9
 * ```
 */
export function utf8Length(text: string, stopAfter = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAfter; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one 4-byte character: 2 bytes per half.
    if (c < 0x80) bytes += 1;
    else if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/**
 * Throws `FountainError("binary")` if `source` contains a NUL character,
 * or if more than 10% of its first 8 KiB are control characters (other
 * than tab, line feed, carriage return and form feed) or U+FFFD, which a
 * UTF-8 decoder substitutes for bytes that are not text.
 */
export function assertText(source: string): void {
  if (source.includes("\0")) {
    throw new FountainError("binary", "Script contains NUL bytes");
  }
  const sample = Math.min(source.length, SAMPLE_CHARS);
  let suspicious = 0;
  for (let i = 0; i < sample; i++) {
    const c = source.charCodeAt(i);
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c &&
      c !== 0x0d) || c === 0x7f;
    if (control || c === 0xfffd) suspicious++;
  }
  if (sample > 0 && suspicious / sample > MAX_SUSPICIOUS_RATIO) {
    throw new FountainError("binary", "Script looks like binary data");
  }
}
