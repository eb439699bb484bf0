import assert from "node:assert/strict";
import { setBuildId } from "./build_id.ts";
import { asset, IS_BROWSER } from "./shared.ts";

Deno.test("IS_BROWSER - false on the server", () => {
  assert.equal(IS_BROWSER, false);
});

Deno.test("asset - adds the build id to root-relative paths only", () => {
  setBuildId("abc");
  try {
    assert.equal(asset("/styles.css"), "/styles.css?__frsh_c=abc");
    assert.equal(asset("/a.png?x=1#h"), "/a.png?x=1&__frsh_c=abc#h");
    assert.equal(asset("/b.css?__frsh_c=old"), "/b.css?__frsh_c=old");
    assert.equal(
      asset("https://cdn.example/x.css"),
      "https://cdn.example/x.css",
    );
    assert.equal(asset("//cdn.example/x.css"), "//cdn.example/x.css");
    assert.equal(asset("relative.css"), "relative.css");
  } finally {
    setBuildId("");
  }
});

Deno.test("asset - without a build the path is unchanged", () => {
  assert.equal(asset("/styles.css"), "/styles.css");
});
