import assert from "node:assert/strict";
import { latestEventId } from "@/lib/store/event_log.ts";
import { withKv } from "@/lib/store/testing.ts";
import { seedAssets } from "./seed.ts";
import { assets, listAssets } from "./store.ts";
import { hex, keyCount, openAssetContent, readAll } from "./testing.ts";

Deno.test("assets store - seed files are valid, typed and silent", () =>
  withKv(async (kv) => {
    const before = await latestEventId(kv);
    const seeded = await seedAssets(kv, { id: "u-pm", name: "Marcus Obi" });
    assert.equal(await latestEventId(kv), before, "no events");
    assert.deepEqual(
      seeded.map((a) => [a.name, a.mime, a.category]),
      [
        ["storm-sequence-frame-01.png", "image/png", "storyboard"],
        ["northern-lights-sc12.fountain", "text/plain", "script"],
        ["call-sheet-day-01.pdf", "application/pdf", "document"],
        ["shot-list-sc12.csv", "text/plain", "document"],
        ["room-tone-lighthouse.wav", "audio/wav", "audio"],
      ],
    );
    assert.deepEqual(
      (await listAssets(kv)).map((a) => a.name),
      seeded.map((a) => a.name).reverse(),
    );
    for (const asset of seeded) {
      const content = await openAssetContent(kv, asset.id);
      assert.equal(await hex(await readAll(content!.body)), asset.sha256);
      assert.equal(asset.uploaderName, "Marcus Obi");
    }
    assert.equal(await keyCount(kv, ["asset_uploads"]), 0);
    assert.ok(await assets.get(kv, seeded[0].id));
  }));
