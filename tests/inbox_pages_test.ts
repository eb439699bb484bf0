import assert from "node:assert/strict";
import { api, sessions } from "./helpers/api_client.ts";
import { pageAs, pageHtml, postForm, withoutScripts } from "./helpers/pages.ts";
import { withApp } from "./helpers/test_app.ts";

const INBOX = "/p/northern-lights/inbox";

Deno.test("inbox page - the badge counts, the page lists newest first, unread filter, mark all read without JavaScript", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    for (const title of ["Rig the crane", "Strike the set"]) {
      await api(app, s.producer).post("/api/tasks", {
        title,
        assigneeId: s.crew.id,
      });
    }
    const { html, cookie } = await pageAs(app, "crew", INBOX);
    const shown = withoutScripts(html);
    assert.match(shown, /aria-label="Inbox, 2 unread"/);
    assert.match(shown, /<h1>Inbox<\/h1>/);
    const strike = shown.indexOf("Strike the set");
    const rig = shown.indexOf("Rig the crane");
    assert.ok(strike > 0 && rig > strike, "newest first");
    assert.equal(shown.match(/inbox-item-unread/g)?.length, 2);
    // The sidebar lists the inbox for every role.
    assert.match(
      shown,
      /<a href="\/p\/northern-lights\/inbox"[^>]*>Inbox<\/a>/,
    );

    const [first] =
      (await api(app, s.crew).get("/api/p/northern-lights/inbox")).body.items;
    await api(app, s.crew).post(
      `/api/p/northern-lights/inbox/${first.id}/read`,
      undefined,
    );
    const unread = withoutScripts(
      await pageHtml(app, `${INBOX}?unread=1`, cookie),
    );
    assert.ok(!unread.includes("Strike the set"));
    assert.ok(unread.includes("Rig the crane"));
    // Nonsense in the query is dropped, not an error.
    await pageHtml(app, `${INBOX}?unread=yes&cursor=%00`, cookie);

    const res = await postForm(app, INBOX, { intent: "read_all" }, cookie);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), INBOX);
    const after = withoutScripts(await pageHtml(app, INBOX, cookie));
    assert.match(after, /aria-label="Inbox, no unread items"/);
    assert.equal(after.match(/inbox-item-unread/g), null);
  }));

Deno.test("inbox page - an empty inbox says so; one production's items stay there", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    await api(app, s.producer).post("/api/p/saltwater-block-2/tasks", {
      title: "Harbour permit",
      assigneeId: s.vfx.id,
    });
    const { html } = await pageAs(app, "vfx", INBOX);
    assert.match(withoutScripts(html), /Your inbox is empty/);
    assert.ok(!html.includes("Harbour permit"));
  }));
