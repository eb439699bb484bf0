import assert from "node:assert/strict";
import { DEFAULT_MAX_BYTES } from "@/lib/fountain/mod.ts";
import { MAX_IMPORT_BODY_BYTES, MAX_SOURCE_BYTES } from "./shared.ts";

Deno.test("script shared - the source limit is the parser's", () => {
  assert.equal(MAX_SOURCE_BYTES, DEFAULT_MAX_BYTES);
  assert.equal(MAX_IMPORT_BODY_BYTES, MAX_SOURCE_BYTES * 1.25);
});
