/**
 * A compile-time check that two types are the same, for the modules whose
 * browser-safe `shared.ts` writes a wire type by hand and whose `schemas.ts`
 * builds the zod schema of it: the schema's inferred type and the hand-written
 * one must not drift apart. Types only, no code: safe anywhere.
 *
 * @example
 * ```ts
 * import type { Same } from "@/lib/same_type.ts";
 *
 * // Fails the type check the moment schema and interface differ.
 * const sameTask: Same<z.infer<typeof TaskSchema>, Task> = true;
 * void sameTask;
 * ```
 *
 * @module
 */

/**
 * `true` when `A` and `B` are identical types, `false` otherwise.
 *
 * This is the compiler's own identity relation (two generic functions are
 * only mutually assignable when their conditional types compare identical),
 * stricter than assignability both ways, which passes when one side has an
 * optional property the other lacks (`{ a: string; b?: string }` and
 * `{ a: string }`), at any depth, and when a property is `any`. Identity also
 * tells `readonly` from mutable and an intersection (`A & B`) from the same
 * members written as one object type: write the hand-made type as an
 * interface or one object type, as `z.infer` produces.
 */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;
