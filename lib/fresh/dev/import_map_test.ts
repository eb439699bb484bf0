import assert from "node:assert/strict";
import { mapSpecifier, npmToBare } from "./import_map.ts";

Deno.test("npmToBare - strips the npm: scheme and version", () => {
  assert.equal(npmToBare("npm:preact@10.29.8"), "preact");
  assert.equal(npmToBare("npm:/preact@10.29.8/hooks"), "preact/hooks");
  assert.equal(npmToBare("npm:@preact/signals@2.11.4"), "@preact/signals");
  assert.equal(
    npmToBare("npm:/@preact/signals@2/sub/x"),
    "@preact/signals/sub/x",
  );
  assert.equal(npmToBare("npm:zod"), "zod");
});

Deno.test("mapSpecifier - exact keys win, then the longest prefix", () => {
  const imports = {
    "fresh": "./lib/fresh/mod.ts",
    "fresh/runtime": "./lib/fresh/runtime/shared.ts",
    "preact": "npm:preact@10.29.8",
    "preact/": "npm:/preact@10.29.8/",
    "@/": "./",
  };
  assert.equal(
    mapSpecifier(imports, "fresh/runtime"),
    "./lib/fresh/runtime/shared.ts",
  );
  assert.equal(
    mapSpecifier(imports, "preact/hooks"),
    "npm:/preact@10.29.8/hooks",
  );
  assert.equal(mapSpecifier(imports, "@/islands/X.tsx"), "./islands/X.tsx");
  assert.equal(mapSpecifier(imports, "unknown"), null);
});
