import assert from "node:assert/strict";
import type { Production } from "@/lib/production/schemas.ts";
import { KnownProductions } from "./known_productions.ts";

const production = (id: string, slug: string) => ({ id, slug }) as Production;

Deno.test("KnownProductions - names a found production by id or slug, and forgets what no longer holds", () => {
  const known = new KnownProductions();
  assert.equal(known.remember(null), null);
  known.remember(production("p1", "northern-lights"));
  assert.equal(known.idOf("p1"), "p1");
  assert.equal(known.idOf("northern-lights"), "p1");
  assert.equal(known.idOfSlug("northern-lights"), "p1");
  assert.equal(known.idOfSlug("p1"), undefined, "an id is no slug");
  assert.equal(known.idOf("made-up"), undefined);
  known.forget("p1", "northern-lights");
  assert.equal(known.idOf("p1"), undefined);
  assert.equal(known.idOf("northern-lights"), undefined);
});

Deno.test("KnownProductions - holds at most 1,000 productions", () => {
  const known = new KnownProductions();
  for (let i = 0; i <= 1_000; i++) {
    known.remember(production(`p${i}`, `slug-${i}`));
  }
  // The 1,001st started the memory afresh.
  assert.equal(known.idOf("p0"), undefined);
  assert.equal(known.idOf("slug-999"), undefined);
  assert.equal(known.idOf("slug-1000"), "p1000");
});
