import { Builder } from "fresh/dev";

// `deno task build` writes `_fresh/`; `deno task dev` serves from memory
// and is restarted by `--watch` whenever a source file changes.
const builder = new Builder();
if (Deno.args.includes("build")) {
  await builder.build();
  console.log("Built _fresh/");
} else {
  await builder.listen(() => import("./main.ts"));
}
