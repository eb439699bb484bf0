/**
 * Sentinel references shared by `stringify()` and `parse()`.
 *
 * Real node indexes are always `>= 0`, so negative numbers are free to stand
 * for values that JSON cannot express (or that are cheaper inline).
 *
 * @module
 */

/** Reference to `undefined`. */
export const UNDEFINED = -1;
/** Reference to `null`. */
export const NULL = -2;
/** Reference to `NaN`. */
export const NAN = -3;
/** Reference to `Infinity`. */
export const INFINITY_POS = -4;
/** Reference to `-Infinity`. */
export const INFINITY_NEG = -5;
/** Reference to `-0` (JSON would turn it into `0`). */
export const ZERO_NEG = -6;
/** Marks a hole in a sparse array; only valid inside an array node. */
export const HOLE = -7;
