/**
 * One percent format across the product: no space before "%" ("89.7% ·
 * 80%", never "80 %"), as lib/budget/money.ts `formatPercent` prints it.
 * The pages where percentages show are rendered for the producer and their
 * text is searched.
 */
import assert from "node:assert/strict";
import { levelBadge } from "@/components/budget/model.ts";
import { formatPercent } from "@/lib/budget/money.ts";
import { pageHtml, visibleText } from "./helpers/pages.ts";
import { createTestApp, login } from "./helpers/test_app.ts";

Deno.test("percent format - the badge and the formatter agree: no space before %", () => {
  assert.equal(levelBadge(80), formatPercent(80));
  assert.equal(levelBadge(85), "80%");
  assert.equal(levelBadge(100), "Over");
  assert.equal(levelBadge(10), null);
});

Deno.test("percent format - budget, dashboard and reports never print '80 %'", async () => {
  const app = await createTestApp({}, { moduleData: true });
  try {
    const { cookie } = await login(app, "producer");
    let seen = 0;
    for (const path of ["/budget", "/", "/reports"]) {
      const body = visibleText(await pageHtml(app, path, cookie));
      const spaced = body.match(/\d\s+%/g) ?? [];
      assert.deepEqual(spaced, [], `${path}: a space before %`);
      seen += (body.match(/\d%/g) ?? []).length;
    }
    // The seeded budget runs hot: its percentages and 80% badges show.
    assert.ok(seen > 0, "percentages were rendered");
  } finally {
    await app.close();
  }
});
