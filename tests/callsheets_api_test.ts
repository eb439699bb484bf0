/**
 * The call sheets' HTTP API: status codes and error bodies as DESIGN §4
 * has them (bad input 400 with nothing changed, 404 for a sheet the
 * caller may not know of, 403 for a rule broken on a visible sheet, 409
 * for a stale version or a day that has its sheet), and the events each
 * socket receives.
 */
import assert from "node:assert/strict";
import { api, sessions } from "./helpers/api_client.ts";
import { DEMO_SLUG, withApp } from "./helpers/test_app.ts";

const at = (path: string) => `/api/p/${DEMO_SLUG}${path}`;

Deno.test("callsheets API - generate, edit, publish, confirm: codes and bodies", async () => {
  await withApp(
    async (app) => {
      const s = await sessions(app);
      const pm = api(app, s.prodmanager);
      const crew = api(app, s.crew);
      const keys: string[] =
        (await pm.get(at("/schedule"))).body.board.boneyard;
      await pm.post(at("/schedule/ops"), { op: { op: "add_day" } });
      await pm.post(at("/schedule/ops"), {
        op: { op: "move_strip", sceneKey: keys[0], to: { day: 0, index: 0 } },
      });

      // Generating: bad bodies are 400/415, a day the schedule lacks 400.
      assert.equal((await pm.post(at("/callsheets"), { day: 0 })).status, 400);
      assert.equal(
        (await pm.post(at("/callsheets"), { day: "1" })).status,
        400,
      );
      assert.equal(
        (await pm.post(at("/callsheets"), { day: 1, extra: 1 })).status,
        400,
      );
      assert.equal(
        (await pm.post(at("/callsheets"), "day=1", {
          "content-type": "application/x-www-form-urlencoded",
        })).status,
        415,
      );
      const none = await pm.post(at("/callsheets"), { day: 2 });
      assert.equal(none.status, 400);
      assert.match(none.body.error.message, /no shooting day 2/);
      assert.equal(
        (await crew.post(at("/callsheets"), { day: 1 })).status,
        403,
      );
      const made = await pm.post(at("/callsheets"), { day: 1 });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const id = made.body.sheet.id;
      const again = await pm.post(at("/callsheets"), { day: 1 });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, "exists");
      assert.equal(again.body.error.details.id, id);

      // A draft is not there for crew; bad edits change nothing.
      assert.equal((await crew.get(at(`/callsheets/${id}`))).status, 404);
      assert.deepEqual((await crew.get(at("/callsheets"))).body.sheets, []);
      for (
        const bad of [
          { generalCall: "7" },
          { notes: "x".repeat(2001) },
          { crew: [{ userId: "nobody", call: null }] },
          { status: "published" },
          { cast: [{ castNumber: 1 }] },
        ]
      ) {
        const res = await pm.patch(at(`/callsheets/${id}`), bad);
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.ok(res.body.error.code, "a JSON error body");
      }
      const stale = await pm.patch(at(`/callsheets/${id}`), { notes: "A" }, {
        "if-match": "9",
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.code, "version_conflict");
      const sheet = (await pm.get(at(`/callsheets/${id}`))).body.sheet;
      assert.equal(sheet.version, 1, "nothing changed");

      const edited = await pm.patch(at(`/callsheets/${id}`), {
        version: 1,
        generalCall: "06:45",
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.sheet.generalCall, "06:45");
      assert.equal(
        (await pm.post(at(`/callsheets/${id}/confirm`), {})).status,
        403,
        "nobody confirms a draft",
      );

      // Published: crew sees it, confirms it; the director may not publish.
      assert.equal(
        (await api(app, s.director).post(at(`/callsheets/${id}/publish`), {}))
          .status,
        403,
      );
      const published = await pm.post(at(`/callsheets/${id}/publish`), {
        version: 2,
      });
      assert.equal(published.status, 200);
      assert.equal(published.body.state, "published");
      assert.equal((await crew.get(at(`/callsheets/${id}`))).status, 200);
      const receipt = await crew.post(at(`/callsheets/${id}/confirm`), {});
      assert.equal(receipt.status, 200);
      assert.equal(receipt.body.userId, s.crew.id);
      assert.equal((await crew.del(at(`/callsheets/${id}`))).status, 403);
      assert.equal((await pm.del(at(`/callsheets/${id}`))).status, 409);
      assert.equal((await pm.get(at("/callsheets/nope"))).status, 404);
      const refreshed = await pm.post(at(`/callsheets/${id}/refresh`), {});
      assert.equal(refreshed.status, 200);
    },
    {},
    { moduleData: true, schedule: false },
  );
});
