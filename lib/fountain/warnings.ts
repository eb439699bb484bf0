/**
 * A bounded list of parse warnings. A hostile or badly broken file could
 * otherwise produce one warning per line, so only the first ones are kept
 * and the rest are summarised in a final entry.
 *
 * @module
 */

/** How many warnings are kept verbatim. */
export const MAX_WARNINGS = 100;

/** Collects warnings up to `MAX_WARNINGS`, counting the rest. */
export class Warnings {
  #list: string[] = [];
  #dropped = 0;

  /** Records one warning. */
  add(message: string): void {
    if (this.#list.length < MAX_WARNINGS) this.#list.push(message);
    else this.#dropped++;
  }

  /** The kept warnings, plus a summary line if any were dropped. */
  list(): string[] {
    return this.#dropped === 0
      ? [...this.#list]
      : [...this.#list, `${this.#dropped} more warnings not shown`];
  }
}
