/**
 * Build tooling in Fresh's `fresh/dev` shape: the {@linkcode Builder}.
 *
 * @module
 */
export { Builder, type BuilderOptions, type BuildOptions } from "./builder.ts";
