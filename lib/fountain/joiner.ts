/**
 * Joining many strings a block at a time.
 *
 * @module
 */

/** How many parts are joined at once. */
const BLOCK = 4096;

/**
 * Collects parts and joins them with `separator`, a block of 4,096 at a
 * time as they come. The result is the same as `parts.join(separator)`,
 * but no single step handles a million parts: the work is spread over
 * the `add` calls, which the parser paces, and the final join only has
 * the blocks to put together.
 *
 * @example
 * ```ts
 * const lines = new Joiner("\n");
 * lines.add("Gulls.");
 * lines.add("Rain.");
 * lines.join(); // "Gulls.\nRain."
 * ```
 */
export class Joiner {
  #separator: string;
  #blocks: string[] = [];
  #open: string[] = [];

  /** A joiner that puts `separator` between parts. */
  constructor(separator: string) {
    this.#separator = separator;
  }

  /** True if nothing has been added since the last `join`. */
  get empty(): boolean {
    return this.#blocks.length === 0 && this.#open.length === 0;
  }

  /** Appends a part. */
  add(part: string): void {
    this.#open.push(part);
    if (this.#open.length === BLOCK) this.#close();
  }

  /** The parts joined, in order; the joiner is empty afterwards. */
  join(): string {
    if (this.#open.length > 0) this.#close();
    const text = this.#blocks.join(this.#separator);
    this.#blocks = [];
    return text;
  }

  #close(): void {
    this.#blocks.push(this.#open.join(this.#separator));
    this.#open = [];
  }
}
