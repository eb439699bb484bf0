/**
 * The VFX pages as the server renders them: who may open them, the shot
 * table with its filters and bids in the production's currency, the shot
 * page with its versions and the actions of each role, and the forms that
 * work without JavaScript (submit, review, status moves).
 */
import assert from "node:assert/strict";
import { applyDetail, applyShot } from "@/components/vfx/model.ts";
import { formatMoney } from "@/lib/budget/money.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { users } from "@/lib/team/users.ts";
import {
  DECISION_LABELS,
  STATUS_LABELS,
  STATUS_ORDER,
  STATUS_TONES,
} from "@/lib/vfx/shared.ts";
import { type Shot, SHOT_STATUSES } from "@/lib/vfx/schemas.ts";
import { shots, shotVersions } from "@/lib/vfx/store.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { formatDateTime } from "@/lib/format.ts";
import { getProduction, timeZoneOf } from "@/lib/production/store.ts";
import * as script from "@/lib/script/service.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { getPage, postForm, sidebar, withoutScripts } from "./helpers/pages.ts";
import { login, type TestApp, withModuleData } from "./helpers/test_app.ts";

const READERS = ["vfx", "director", "producer"];
const DIRECTOR: ServiceActor = { id: "u-dir", name: "Dana", role: "director" };
const listScripts = (kv: Deno.Kv, actor: ServiceActor) =>
  script.listScripts(serviceContext(kv, actor));
const getScript = (kv: Deno.Kv, actor: ServiceActor, id: string) =>
  script.getScript(serviceContext(kv, actor), id);
const importDraft = (
  kv: Deno.Kv,
  actor: ServiceActor,
  id: string,
  input: Parameters<typeof script.importDraft>[2],
) => script.importDraft(serviceContext(kv, actor), id, input);
const OTHERS = DEMO_USERS.map((u) => u.username).filter((u) =>
  !READERS.includes(u)
);

async function shotByCode(app: TestApp, code: string): Promise<Shot> {
  const [shot] = await shots.findBy(app.services.kv, "code", code);
  assert.ok(shot, code);
  return shot;
}

async function userId(app: TestApp, username: string): Promise<string> {
  const all = await users.list(app.services.kv);
  return all.find((u) => u.username === username)!.id;
}

/** The table rows: `[code, status]` in order. */
const rows = (html: string) =>
  [
    ...html.matchAll(
      /<tr id="shot-[^"]+" class="shot-row[^"]*" data-shot-id="[^"]+" data-status="([a-z_]+)">\s*<th scope="row" class="shot-code"><a href="[^"]+">([A-Z0-9_]+)<\/a>/g,
    ),
  ].map((m) => [m[2], m[1]]);

const rowOf = (html: string, code: string) =>
  html.match(
    new RegExp(
      `<tr id="shot-[^"]+"[^>]*>(?:(?!</tr>)[\\s\\S])*?>${code}</a>[\\s\\S]*?</tr>`,
    ),
  )?.[0];

Deno.test("vfx labels - every status has a label and a tone", () => {
  assert.deepEqual([...STATUS_ORDER], [...SHOT_STATUSES]);
  for (const status of SHOT_STATUSES) {
    assert.ok(STATUS_LABELS[status], status);
    assert.ok(STATUS_TONES[status], status);
  }
  assert.equal(STATUS_LABELS.pending_review, "Pending review");
  assert.equal(DECISION_LABELS.request_changes, "Changes requested");
});

Deno.test("vfx islands - events move rows in and out of a filtered table", () =>
  withModuleData(async (app) => {
    const a = await shotByCode(app, "NL_010_0040"); // pending review
    const b = await shotByCode(app, "NL_030_0020"); // pending review
    const filters = { status: "pending_review" as const };
    let list = applyShot([b], a, filters);
    assert.deepEqual(list.map((s) => s.code), ["NL_010_0040", "NL_030_0020"]);
    // Approved: it leaves the "pending review" table.
    const approved = {
      ...a,
      status: "approved" as const,
      version: a.version + 1,
    };
    list = applyShot(list, approved, filters);
    assert.deepEqual(list.map((s) => s.code), ["NL_030_0020"]);
    // A late copy older than the one shown changes nothing.
    const shown = applyShot([approved], a, {});
    assert.equal(shown[0].status, "approved");
    // Vendor filters ignore case, as the API does.
    assert.equal(applyShot([], a, { vendor: "stormglass vfx " }).length, 1);
    assert.equal(applyShot([], a, { vendor: "Nordlys Digital" }).length, 0);
  }));

Deno.test("vfx islands - a shot page applies a new version once", () =>
  withModuleData(async (app) => {
    const shot = await shotByCode(app, "NL_020_0010"); // no versions
    const after = {
      ...shot,
      status: "pending_review" as const,
      versionCount: 1,
      version: shot.version + 1,
    };
    const version = {
      id: `${shot.id}_v1`,
      version: 1,
      createdAt: after.updatedAt,
      updatedAt: after.updatedAt,
      shotId: shot.id,
      number: 1,
      notes: "First pass",
      assetId: null,
      submittedBy: "u",
      submittedByName: "Ines Moreau",
      review: null,
    };
    const once = applyDetail({ shot, versions: [] }, after, version);
    const twice = applyDetail(once, after, version);
    assert.equal(twice.shot.status, "pending_review");
    assert.deepEqual(twice.versions.map((v) => v.number), [1]);
    // Another shot's event is ignored.
    const other = await shotByCode(app, "NL_010_0010");
    assert.equal(applyDetail(once, other), once);
    // A stale shot does not roll the page back.
    assert.equal(applyDetail(once, shot).shot.status, "pending_review");
  }));

Deno.test("vfx page - vfx, director and producer get the seeded shot table", () =>
  withModuleData(async (app) => {
    for (const username of READERS) {
      const { cookie } = await login(app, username);
      const { status, html } = await getPage(app, "/vfx", cookie);
      assert.equal(status, 200, username);
      assert.match(html, /<h1>VFX shots<\/h1>/);
      assert.match(
        sidebar(html),
        /href="\/p\/northern-lights\/vfx" aria-current="page"/,
      );
      const table = rows(html);
      assert.equal(table.length, 15, username);
      // In code order, as the API lists them.
      const codes = table.map(([code]) => code);
      assert.deepEqual(codes, [...codes].sort());
      assert.match(html, /15 shots · bids in EUR/);
      // Bids in the production's currency, frames, vendor, assignee, status.
      const row = rowOf(html, "NL_010_0010")!;
      assert.ok(row, username);
      assert.ok(row.includes(formatMoney(18_500_00, "EUR")), row);
      assert.ok(row.includes("€18,500.00"));
      assert.match(row, /1001–1144/);
      assert.match(row, /144 frames/);
      assert.match(row, /Nordlys Digital/);
      assert.match(row, /Ines Moreau/);
      assert.match(
        row,
        /<span class="status-pill" data-status="final" data-tone="final">Final<\/span>/,
      );
      // A shot awaiting its bid says so rather than "€0.00".
      assert.match(rowOf(html, "NL_040_0030")!, /No bid/);
      assert.match(rowOf(html, "NL_040_0030")!, /Unassigned/);
      assert.match(rowOf(html, "NL_010_0040")!, />Pending review</);
      // Each code links to its shot page.
      const shot = await shotByCode(app, "NL_010_0040");
      assert.ok(
        html.includes(
          `href="/p/northern-lights/vfx/${shot.id}">NL_010_0040</a>`,
        ),
      );
      // The filter form lists statuses, people and vendors.
      assert.match(html, /<form class="filters" method="get"/);
      assert.match(html, /<option value="pending_review">Pending review/);
      assert.match(html, /<option value="Stormglass VFX">Stormglass VFX/);
    }
  }));

Deno.test("vfx page - 403 and no nav entry for every other role", () =>
  withModuleData(async (app) => {
    const shot = await shotByCode(app, "NL_010_0040");
    for (const username of OTHERS) {
      const { cookie } = await login(app, username);
      const list = await getPage(app, "/vfx", cookie);
      assert.equal(list.status, 403, username);
      assert.doesNotMatch(list.html, /data-shot-id=/, username);
      const one = await getPage(app, `/vfx/${shot.id}`, cookie);
      assert.equal(one.status, 403, username);
      assert.doesNotMatch(one.html, /NL_010_0040/, username);
      const home = await getPage(app, "/p/northern-lights", cookie);
      assert.equal(home.status, 200);
      assert.doesNotMatch(sidebar(home.html), /\/vfx"/, username);
      const form = await postForm(app, `/vfx/${shot.id}`, {
        intent: "review",
        number: "2",
        decision: "approve",
      }, cookie);
      assert.equal(form.status, 403, username);
    }
    // Nothing changed.
    assert.equal(
      (await shotByCode(app, "NL_010_0040")).status,
      "pending_review",
    );
  }));

Deno.test("vfx page - filters from the URL: status, assignee, vendor", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "director");
    const vfxId = await userId(app, "vfx");

    const review = await getPage(app, "/vfx?status=pending_review", cookie);
    assert.deepEqual(rows(review.html), [
      ["NL_010_0040", "pending_review"],
      ["NL_030_0020", "pending_review"],
    ]);
    assert.match(review.html, /2 of 15 shots match the filters/);
    assert.match(
      review.html,
      /<option value="pending_review" selected>Pending review/,
    );

    // Vendor ignores case, as the API does; the form shows it selected.
    const storm = await getPage(app, "/vfx?vendor=stormglass%20vfx", cookie);
    assert.deepEqual(rows(storm.html).map(([code]) => code), [
      "NL_010_0040",
      "NL_020_0050",
      "NL_030_0010",
      "NL_030_0020",
      "NL_040_0010",
      "NL_040_0020",
    ]);
    assert.match(
      storm.html,
      /<option value="Stormglass VFX" selected>Stormglass VFX/,
    );

    const mine = await getPage(app, `/vfx?assignee=${vfxId}`, cookie);
    assert.equal(rows(mine.html).length, 10);
    assert.doesNotMatch(mine.html, /NL_040_0030/);

    // Combined.
    const both = await getPage(
      app,
      `/vfx?status=not_started&vendor=Stormglass+VFX&assignee=`,
      cookie,
    );
    assert.deepEqual(rows(both.html).map(([code]) => code), [
      "NL_020_0050",
      "NL_040_0020",
    ]);

    // Nothing matches: an empty state with a way back.
    const none = await getPage(app, "/vfx?vendor=Nobody%20FX", cookie);
    assert.equal(none.status, 200);
    assert.match(none.html, /No shots match these filters/);
    assert.match(none.html, /<option value="Nobody FX" selected>/);

    // A bad status from an old link is ignored, not a failed page.
    const stale = await getPage(app, "/vfx?status=wip&foo=1", cookie);
    assert.equal(stale.status, 200);
    assert.equal(rows(stale.html).length, 15);
  }));

Deno.test("shot page - details, versions and each role's actions", () =>
  withModuleData(async (app) => {
    const shot = await shotByCode(app, "NL_010_0040");
    const path = `/vfx/${shot.id}`;

    const director = await login(app, "director");
    const page = await getPage(app, path, director.cookie);
    assert.equal(page.status, 200);
    const html = withoutScripts(page.html);
    assert.match(html, /<h1>NL_010_0040<\/h1>/);
    assert.match(html, /Stormglass VFX/);
    assert.match(html, /€42,000.00/);
    assert.match(html, /1001–1210/);
    assert.match(html, /Wave crashes against the cliff base/);
    // Versions newest first, with notes, submitter and review.
    const versions = [...html.matchAll(/<li id="v(\d+)"/g)].map((m) => m[1]);
    assert.deepEqual(versions, ["2", "1"]);
    const v1 = html.match(/<li id="v1"[\s\S]*?<\/li>/)![0];
    assert.match(v1, /data-review="request_changes"/);
    assert.match(v1, /Sim v1: main crash and spray, no mist yet./);
    assert.match(v1, /Submitted by <strong>Ines Moreau<\/strong>/);
    assert.match(v1, />Changes requested<\/span> by <strong>Dana Kowalski/);
    assert.match(v1, /Bigger, slower crash/);
    const v2 = html.match(/<li id="v2"[\s\S]*?<\/li>/)![0];
    assert.match(v2, /data-review="pending"/);
    assert.match(v2, />Pending review</);
    // The director reviews v2 (a form posting to this page)…
    assert.match(html, /<h2 id="review-title">Review v2<\/h2>/);
    assert.match(html, /<form method="post" class="shot-form"/);
    assert.match(html, /name="decision" value="approve"/);
    assert.match(html, /name="decision" value="request_changes"/);
    assert.doesNotMatch(html, /Submit a version/);
    // …and may omit it (the only manual move from review).
    assert.deepEqual(
      [...html.matchAll(/data-move="([a-z_]+)"/g)].map((m) => m[1]),
      ["omitted"],
    );

    // The VFX artist cannot review; submitting waits for the review.
    const vfx = await login(app, "vfx");
    const artist = withoutScripts((await getPage(app, path, vfx.cookie)).html);
    assert.doesNotMatch(artist, /Review v2/);
    assert.doesNotMatch(artist, /name="decision"/);
    assert.doesNotMatch(artist, /id="submit-notes"/);
    assert.match(artist, /v2 is waiting for review/);
    assert.doesNotMatch(artist, /data-move=/);

    // On a shot in progress the artist submits and may move it back.
    const wip = await shotByCode(app, "NL_020_0010");
    const wipHtml = withoutScripts(
      (await getPage(app, `/vfx/${wip.id}`, vfx.cookie)).html,
    );
    assert.match(wipHtml, /Submit a version/);
    assert.match(wipHtml, /This will be <strong>v1<\/strong>/);
    assert.match(wipHtml, /No versions yet/);
    assert.deepEqual(
      [...wipHtml.matchAll(/data-move="([a-z_]+)"/g)].map((m) => m[1]),
      ["not_started", "omitted"],
    );

    // The producer on a final shot: reopen or omit, nothing to review.
    const final = await shotByCode(app, "NL_010_0010");
    const producer = await login(app, "producer");
    const finalHtml = withoutScripts(
      (await getPage(app, `/vfx/${final.id}`, producer.cookie)).html,
    );
    assert.match(finalHtml, /data-status="final"/);
    assert.match(finalHtml, /Beautiful. This is the opening of the film./);
    assert.doesNotMatch(finalHtml, /id="review-title"/);
    assert.deepEqual(
      [...finalHtml.matchAll(/data-move="([a-z_]+)"/g)].map((m) => m[1]),
      ["approved", "omitted"],
    );
    assert.match(finalHtml, />Reopen as approved</);

    // An unknown shot is a 404 page.
    assert.equal((await getPage(app, "/vfx/nope", vfx.cookie)).status, 404);
  }));

Deno.test("shot page - without JavaScript the artist submits and the director reviews", () =>
  withModuleData(async (app) => {
    const shot = await shotByCode(app, "NL_030_0010"); // in progress, v1 sent back
    const path = `/vfx/${shot.id}`;
    const vfx = await login(app, "vfx");
    const director = await login(app, "director");

    // The artist submits v2 with notes: a redirect back, then pending review.
    const submitted = await postForm(app, path, {
      intent: "submit",
      notes: "Longer swell, foam streaks with the wind.",
    }, vfx.cookie);
    assert.equal(submitted.status, 303);
    assert.equal(
      submitted.headers.get("location"),
      `/p/northern-lights${path}?submitted`,
    );
    const after = withoutScripts(
      (await getPage(app, `${path}?submitted`, vfx.cookie)).html,
    );
    assert.match(after, /Version submitted: the shot is pending review./);
    assert.match(
      after,
      /<h1>NL_030_0010<\/h1>\s*<span class="status-pill" data-status="pending_review"/,
    );
    const v2 = after.match(/<li id="v2"[\s\S]*?<\/li>/)![0];
    assert.match(v2, /Longer swell, foam streaks with the wind./);
    assert.match(v2, /Submitted by <strong>Ines Moreau/);
    assert.match(v2, />Pending review</);

    // A second submit is refused with the reason; the notes are kept.
    const again = await postForm(app, path, {
      intent: "submit",
      notes: "One more",
    }, vfx.cookie);
    assert.equal(again.status, 409);
    // The form is gone (the shot is in review): the reason shows on top.
    const againHtml = withoutScripts(await again.text());
    assert.match(
      againHtml,
      /<p class="form-error" role="alert">A shot pending review cannot take a new version/,
    );
    assert.doesNotMatch(againHtml, /id="submit-notes"/);

    // The director cannot submit.
    const wrong = await postForm(app, path, {
      intent: "submit",
      notes: "x",
    }, director.cookie);
    assert.equal(wrong.status, 403);
    assert.match(
      withoutScripts(await wrong.text()),
      /role="alert">Only the VFX team submits versions/,
    );

    // Requesting changes needs a note: the message is at the field, and
    // the page still offers the review.
    const noNote = await postForm(app, path, {
      intent: "review",
      number: "2",
      reviewVersion: "1",
      decision: "request_changes",
      note: "  ",
    }, director.cookie);
    assert.equal(noNote.status, 400);
    const noNoteHtml = withoutScripts(await noNote.text());
    assert.match(
      noNoteHtml,
      /<span class="field-error" id="review-note-error">Say what needs to change<\/span>/,
    );
    assert.match(noNoteHtml, /aria-invalid="true"/);
    assert.match(noNoteHtml, /Review v2/);
    assert.equal(
      (await shotByCode(app, "NL_030_0010")).status,
      "pending_review",
    );

    // The artist cannot review.
    const artistReview = await postForm(app, path, {
      intent: "review",
      number: "2",
      decision: "approve",
    }, vfx.cookie);
    assert.equal(artistReview.status, 403);

    // The director approves with a note.
    const approved = await postForm(app, path, {
      intent: "review",
      number: "2",
      reviewVersion: "1",
      decision: "approve",
      note: "That reads as open sea now.",
    }, director.cookie);
    assert.equal(approved.status, 303);
    assert.equal(
      approved.headers.get("location"),
      `/p/northern-lights${path}?approved`,
    );
    const done = withoutScripts(
      (await getPage(app, `${path}?approved`, vfx.cookie)).html,
    );
    assert.match(done, /data-status="approved"/);
    const reviewed = done.match(/<li id="v2"[\s\S]*?<\/li>/)![0];
    assert.match(reviewed, /data-review="approve"/);
    assert.match(reviewed, />Approved<\/span> by <strong>Dana Kowalski/);
    assert.match(reviewed, /That reads as open sea now./);
    assert.match(done, /The shot is approved: it takes no new versions./);

    // Reviewing it again is refused with the store's message.
    const twice = await postForm(app, path, {
      intent: "review",
      number: "2",
      decision: "request_changes",
      note: "Wait",
    }, director.cookie);
    assert.equal(twice.status, 409);
    assert.match(
      withoutScripts(await twice.text()),
      /role="alert">An approved shot cannot be reviewed/,
    );
  }));

Deno.test("shot page - without JavaScript: requesting changes, then status moves", () =>
  withModuleData(async (app) => {
    const shot = await shotByCode(app, "NL_030_0020"); // pending review, v1
    const path = `/vfx/${shot.id}`;
    const director = await login(app, "director");
    const vfx = await login(app, "vfx");

    const changes = await postForm(app, path, {
      intent: "review",
      number: "1",
      reviewVersion: "1",
      decision: "request_changes",
      note: "The beam needs more rain in it.",
    }, director.cookie);
    assert.equal(changes.status, 303);
    assert.equal(
      changes.headers.get("location"),
      `/p/northern-lights${path}?changes`,
    );
    let current = await shotByCode(app, "NL_030_0020");
    assert.equal(current.status, "changes_requested");
    const html = withoutScripts((await getPage(app, path, vfx.cookie)).html);
    assert.match(html, />Changes requested<\/span> by <strong>Dana Kowalski/);
    assert.match(html, /The beam needs more rain in it./);
    assert.match(html, />Resume work</);

    // The artist resumes work (a manual move with the shot's version).
    const resumed = await postForm(app, path, {
      intent: "status",
      status: "in_progress",
      version: String(current.version),
    }, vfx.cookie);
    assert.equal(resumed.status, 303);
    assert.equal(
      resumed.headers.get("location"),
      `/p/northern-lights${path}?moved`,
    );
    current = await shotByCode(app, "NL_030_0020");
    assert.equal(current.status, "in_progress");

    // A stale page (old version) is refused with a plain message.
    const stale = await postForm(app, path, {
      intent: "status",
      status: "not_started",
      version: String(current.version - 1),
    }, vfx.cookie);
    assert.equal(stale.status, 409);
    assert.match(
      withoutScripts(await stale.text()),
      /Someone changed this shot meanwhile; this is the latest version./,
    );

    // A move the director may not make: 403 with the store's reason.
    const forbidden = await postForm(app, path, {
      intent: "status",
      status: "not_started",
      version: String(current.version),
    }, director.cookie);
    assert.equal(forbidden.status, 403);
    assert.match(
      withoutScripts(await forbidden.text()),
      /role="alert">Only the VFX team can move/,
    );

    // Approval cannot be set by hand: 409 with how it happens instead.
    const byHand = await postForm(app, path, {
      intent: "status",
      status: "approved",
      version: String(current.version),
    }, director.cookie);
    assert.equal(byHand.status, 409);
    assert.match(
      withoutScripts(await byHand.text()),
      /role="alert">A shot cannot be set to approved by hand/,
    );

    // Unknown forms are refused.
    const unknown = await postForm(app, path, { intent: "delete" }, vfx.cookie);
    assert.equal(unknown.status, 400);
    assert.equal((await shotByCode(app, "NL_030_0020")).status, "in_progress");
  }));

/** The Scene cell of a row: the link's href and its text, tags removed. */
function sceneCell(row: string): { href: string | null; text: string } {
  const cell = row.match(/<td class="shot-scene">([\s\S]*?)<\/td>/)![1];
  return {
    href: cell.match(/href="([^"]+)"/)?.[1] ?? null,
    text: cell.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim(),
  };
}

Deno.test("vfx page - a shot's scene reads its number and heading, also after a new draft", () =>
  withModuleData(async (app) => {
    const { kv } = app.services;
    const producer = await login(app, "producer");
    const [script] = await listScripts(kv, DIRECTOR);
    const lampOf = (list: { number: string | null; id: string }[]) =>
      list.find((s) => s.number === "4")!;
    const draft1 = await getScript(kv, DIRECTOR, script.id);
    const before = sceneCell(
      rowOf((await getPage(app, "/vfx", producer.cookie)).html, "NL_020_0010")!,
    );
    assert.equal(before.text, "Scene 4 INT. LIGHTHOUSE - LAMP ROOM - NIGHT");
    assert.equal(
      before.href,
      `/p/northern-lights/script/${script.id}/scenes/${
        lampOf(draft1.scenes).id
      }`,
    );
    // An unlinked shot says so.
    assert.equal(
      sceneCell(
        rowOf(
          (await getPage(app, "/vfx", producer.cookie)).html,
          "NL_040_0010",
        )!,
      ).text,
      "No scene",
    );

    // A new draft: a scene added at the top; every scene gets a new record.
    await importDraft(kv, DIRECTOR, script.id, {
      source: SAMPLE_SCREENPLAY.replace(
        "EXT. NORTH POINT LIGHTHOUSE - DAWN #1#",
        "EXT. CLIFF ROAD - NIGHT #0#\n\nHeadlights in the rain.\n\n" +
          "EXT. NORTH POINT LIGHTHOUSE - DAWN #1#",
      ),
    });
    const draft2 = await getScript(kv, DIRECTOR, script.id);
    assert.notEqual(lampOf(draft2.scenes).id, lampOf(draft1.scenes).id);
    const html = (await getPage(app, "/vfx", producer.cookie)).html;
    const after = sceneCell(rowOf(html, "NL_020_0010")!);
    assert.equal(after.text, "Scene 4 INT. LIGHTHOUSE - LAMP ROOM - NIGHT");
    assert.equal(
      after.href,
      `/p/northern-lights/script/${script.id}/scenes/${
        lampOf(draft2.scenes).id
      }`,
    );
    // No linked shot lost its scene.
    for (const [code] of rows(html)) {
      const shot = await shotByCode(app, code);
      const cell = sceneCell(rowOf(html, code)!);
      if (shot.sceneKey === null) assert.equal(cell.text, "No scene", code);
      else assert.match(cell.text, /^Scene \d+ (INT|EXT)/, code);
    }

    // The shot page names the scene too.
    const lamp = await shotByCode(app, "NL_020_0010");
    const page = withoutScripts(
      (await getPage(app, `/vfx/${lamp.id}`, producer.cookie)).html,
    );
    const fact = page.match(/<dd data-fact="scene">([\s\S]*?)<\/dd>/)![1];
    assert.match(fact, /INT. LIGHTHOUSE - LAMP ROOM - NIGHT/);
    assert.match(
      fact,
      new RegExp(
        `href="/p/northern-lights/script/${script.id}/scenes/${
          lampOf(draft2.scenes).id
        }"`,
      ),
    );
  }));

Deno.test("shot page - Updated is the newest version's time, in the production's zone", () =>
  withModuleData(async (app) => {
    const { kv } = app.services;
    const director = await login(app, "director");
    const shot = await shotByCode(app, "NL_010_0040");
    // A shot record older than its versions (as stored before the seed
    // dated shots by their versions): the page still shows the newest.
    const entry = await kv.get<Shot>([shots.name, shot.id]);
    const created = entry.value!.createdAt;
    await kv.set([shots.name, shot.id], {
      ...entry.value!,
      updatedAt: created,
    });
    const versions = await shotVersions.findBy(kv, "shot", shot.id);
    const newest = versions.map((v) => v.updatedAt).sort().at(-1)!;
    assert.ok(newest > created);
    const zone = timeZoneOf(await getProduction(kv));
    assert.equal(zone, "Europe/Oslo");
    const html = withoutScripts(
      (await getPage(app, `/vfx/${shot.id}`, director.cookie)).html,
    );
    const updated = html.match(/<dd data-fact="updated">([\s\S]*?)<\/dd>/)![1];
    assert.match(
      updated,
      new RegExp(
        `<time dateTime="${newest}">${formatDateTime(newest, zone)}</time>`,
        "i",
      ),
    );
    // Version dates in the same format and zone.
    const v1 = versions.find((v) => v.number === 1)!;
    assert.match(html, new RegExp(formatDateTime(v1.createdAt, zone)));
    assert.doesNotMatch(html, / UTC</);
  }));
