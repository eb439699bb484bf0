/**
 * The one error `parseFountain` throws for input it refuses to parse.
 *
 * @module
 */

/** Why the input was refused. */
export type FountainErrorCode = "too_large" | "binary" | "too_many_scenes";

/**
 * Input that is not a screenplay we will parse. Callers map `too_large`
 * and `too_many_scenes` to HTTP 413 and `binary` to 415 (an upload) or
 * 400 (a JSON body).
 *
 * @example
 * ```ts
 * try {
 *   await parseFountain(text);
 * } catch (err) {
 *   if (err instanceof FountainError && err.code === "too_large") {
 *     // respond 413
 *   }
 * }
 * ```
 */
export class FountainError extends Error {
  /** Machine-readable reason. */
  readonly code: FountainErrorCode;
  /** For `too_many_scenes`: how many scene headings the script has. */
  readonly sceneCount: number | null;

  constructor(
    code: FountainErrorCode,
    message: string,
    sceneCount: number | null = null,
  ) {
    super(message);
    this.name = "FountainError";
    this.code = code;
    this.sceneCount = sceneCount;
  }
}
