/**
 * The assets page as the server renders it: every role opens it and sees
 * the seeded files, delete buttons only where the policy allows, the
 * filters, thumbnails and download links, the upload limit from the
 * configuration, and the delete form without JavaScript.
 */
import assert from "node:assert/strict";
import { listAssets } from "@/lib/assets/store.ts";
import type { Asset } from "@/lib/assets/shared.ts";
import { formatDateTime } from "@/lib/format.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { users } from "@/lib/team/users.ts";
import {
  formRequest,
  getPage,
  postForm,
  withoutScripts,
} from "./helpers/pages.ts";
import {
  createTestApp,
  login,
  type TestApp,
  withModuleData,
} from "./helpers/test_app.ts";

/** The sample files of `lib/assets/seed.ts`, newest first. */
const SEEDED = [
  "room-tone-lighthouse.wav",
  "shot-list-sc12.csv",
  "call-sheet-day-01.pdf",
  "northern-lights-sc12.fountain",
  "storm-sequence-frame-01.png",
];

/** File names as the tiles show them, in order. */
const tileNames = (html: string) =>
  [...withoutScripts(html).matchAll(/<h3 class="asset-name"[^>]*>([^<]+)/g)]
    .map((m) => m[1]);

/** Names of the files whose tile has a delete button. */
function deletableNames(html: string): string[] {
  return [
    ...withoutScripts(html).matchAll(
      /<button[^>]*class="[^"]*button-delete[^"]*"[^>]*aria-label="Delete ([^"]+)"/g,
    ),
  ].map((m) => m[1]);
}

async function userId(app: TestApp, username: string): Promise<string> {
  const [user] = await users.findBy(app.services.kv, "username", username);
  return user.id;
}

async function uploadAs(
  app: TestApp,
  username: string,
  name: string,
  body: string,
  category?: string,
): Promise<Asset> {
  const { token } = await login(app, username);
  const query = new URLSearchParams({ name });
  if (category) query.set("category", category);
  const res = await app.fetch(`/api/assets?${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  assert.equal(res.status, 201, await res.clone().text());
  return await res.json();
}

Deno.test("assets page - every role opens it and sees the seeded files", () =>
  withModuleData(async (app) => {
    for (const { username } of DEMO_USERS) {
      const { cookie } = await login(app, username);
      const { status, html } = await getPage(app, "/assets", cookie);
      assert.equal(status, 200, username);
      assert.match(html, /<h1>Assets<\/h1>/);
      assert.doesNotMatch(html, /arrive in an upcoming release/);
      assert.match(
        html,
        /href="\/p\/northern-lights\/assets" aria-current="page"/,
        username,
      );
      assert.deepEqual(tileNames(html), SEEDED, username);
      assert.match(html, /5 files · /);
      // Everyone may upload: the control is there (enabled by the island).
      assert.match(html, /<input id="asset-files"[^>]*type="file"/);
      assert.match(html, /Up to 50 MiB each/);
    }
  }));

Deno.test("assets page - what each file shows: kind, size, uploader, thumbnail, download", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "vfx");
    const html = withoutScripts((await getPage(app, "/assets", cookie)).html);
    const assets = await listAssets(app.services.kv);
    const png = assets.find((a) => a.mime === "image/png")!;
    const pdf = assets.find((a) => a.mime === "application/pdf")!;
    // The image is its own thumbnail, lazily loaded, named by its file.
    assert.match(
      html,
      new RegExp(
        `<img src="/api/p/northern-lights/assets/${png.id}/content" alt="storm-sequence-frame-01.png" loading="lazy"`,
      ),
    );
    // Other files get a type badge, not an image.
    assert.equal(html.match(/<img /g)?.length, 1);
    assert.match(html, /<span class="asset-badge" aria-hidden="true">PDF</);
    assert.match(html, />PDF document</);
    assert.match(html, />Fountain screenplay</);
    assert.match(html, />WAV audio</);
    assert.match(html, />CSV table</);
    // Sizes in binary units, the uploader, the category, the time (in the
    // production's zone, 24-hour).
    assert.match(html, /<span class="asset-size">\d+(\.\d)? (B|KiB)<\/span>/);
    assert.equal(html.match(/class="asset-uploader">Marcus Obi</g)?.length, 5);
    assert.match(html, /class="asset-category">Storyboard</);
    assert.match(
      html,
      /<time datetime="[^"]+"[^>]*>\d{1,2} \w{3} \d{4}, \d\d:\d\d</,
    );
    // The demo production is in Oslo: the time is Oslo's, not UTC.
    assert.ok(html.includes(formatDateTime(png.createdAt, "Europe/Oslo")));
    assert.ok(
      !html.includes(formatDateTime(png.createdAt, "UTC")),
      "the upload time is not shown in UTC",
    );
    // Every file has a download link.
    for (const a of assets) {
      assert.match(
        html,
        new RegExp(
          `<a class="button button-small asset-download" href="/api/p/northern-lights/assets/${a.id}/content" download="${
            a.name.replace(/\./g, "\\.")
          }"`,
        ),
      );
    }
    assert.ok(pdf);
  }));

Deno.test("assets page - delete buttons only for the uploader and the production office", () =>
  withModuleData(async (app) => {
    // The seed files are the production manager's; crew adds one of theirs.
    const mine = await uploadAs(app, "crew", "crew-notes.txt", "Gaffer tape\n");
    const expected: Record<string, string[]> = {
      producer: [mine.name, ...SEEDED],
      prodmanager: [mine.name, ...SEEDED],
      director: [],
      crew: [mine.name],
      vfx: [],
      distribution: [],
    };
    for (const [username, names] of Object.entries(expected)) {
      const { cookie } = await login(app, username);
      const { html } = await getPage(app, "/assets", cookie);
      assert.deepEqual(tileNames(html), [mine.name, ...SEEDED], username);
      assert.deepEqual(deletableNames(html), names, username);
      // Each delete form posts to this production's page.
      const actions = [
        ...withoutScripts(html).matchAll(
          /<form method="post" action="([^"]+)" class="asset-delete-form"/g,
        ),
      ].map((m) => m[1]);
      assert.equal(actions.length, names.length, username);
      for (const action of actions) {
        assert.equal(action, "/p/northern-lights/assets", username);
      }
    }
  }));

Deno.test("assets page - filters by category and uploader, kept in the form", () =>
  withModuleData(async (app) => {
    const crewId = await userId(app, "crew");
    const mine = await uploadAs(
      app,
      "crew",
      "gaffer-notes.txt",
      "Two more flags for the lamp room\n",
      "document",
    );
    const { cookie } = await login(app, "crew");

    const documents = await getPage(app, "/assets?category=document", cookie);
    assert.equal(documents.status, 200);
    assert.deepEqual(tileNames(documents.html), [
      mine.name,
      "shot-list-sc12.csv",
      "call-sheet-day-01.pdf",
    ]);
    assert.match(documents.html, /<option value="document" selected>/);
    assert.match(documents.html, /Matching files/);
    assert.match(
      documents.html,
      /<a class="button button-quiet" href="\/p\/northern-lights\/assets">Clear</,
    );

    const crews = await getPage(app, `/assets?uploader=${crewId}`, cookie);
    assert.deepEqual(tileNames(crews.html), [mine.name]);
    assert.match(
      crews.html,
      new RegExp(`<option value="${crewId}" selected>Sam Lindqvist \\(you\\)<`),
    );

    const both = await getPage(
      app,
      `/assets?category=audio&uploader=${crewId}`,
      cookie,
    );
    assert.deepEqual(tileNames(both.html), []);
    assert.match(both.html, /No files match these filters/);

    const audio = await getPage(
      app,
      "/assets?category=audio&uploader=",
      cookie,
    );
    assert.deepEqual(tileNames(audio.html), ["room-tone-lighthouse.wav"]);

    // An unknown category (an old bookmark) is ignored, not an error.
    const unknown = await getPage(app, "/assets?category=bogus", cookie);
    assert.equal(unknown.status, 200);
    assert.equal(tileNames(unknown.html).length, SEEDED.length + 1);
    assert.match(unknown.html, /All files/);
    assert.doesNotMatch(unknown.html, />Clear</);
  }));

Deno.test("assets page - an empty library and the configured upload limit", async () => {
  const app = await createTestApp({ maxUploadBytes: 8 * 1024 * 1024 });
  try {
    const { cookie } = await login(app, "crew");
    const { status, html } = await getPage(app, "/assets", cookie);
    assert.equal(status, 200);
    assert.deepEqual(tileNames(html), []);
    assert.match(html, /No files yet/);
    assert.match(html, /Up to 8 MiB each/);
    // The island gets the limit for its own checks and messages.
    assert.match(html, /8388608/);
  } finally {
    await app.close();
  }
});

Deno.test("assets page - the delete form works without JavaScript, within the policy", () =>
  withModuleData(async (app) => {
    const [csv] = (await listAssets(app.services.kv)).filter((a) =>
      a.name === "shot-list-sc12.csv"
    );
    const post = (cookie: string, id: string) =>
      postForm(app, "/assets", { intent: "delete", id }, cookie);

    // Crew may not delete the production manager's file.
    const crew = await login(app, "crew");
    const refused = await post(crew.cookie, csv.id);
    assert.equal(refused.status, 403);
    const refusedHtml = await refused.text();
    assert.match(
      refusedHtml,
      /role="alert">Only the uploader or the production office/,
    );
    assert.equal(tileNames(refusedHtml).length, SEEDED.length);

    // The producer may; the page comes back with a notice.
    const producer = await login(app, "producer");
    const done = await post(producer.cookie, csv.id);
    assert.equal(done.status, 303);
    assert.equal(
      done.headers.get("location"),
      "/p/northern-lights/assets?deleted",
    );
    const after = await getPage(app, "/assets?deleted", producer.cookie);
    assert.match(after.html, /role="status">File deleted\.</);
    assert.deepEqual(
      tileNames(after.html),
      SEEDED.filter((n) => n !== csv.name),
    );

    // Gone already: 404 with the message, nothing else changes.
    const again = await post(producer.cookie, csv.id);
    assert.equal(again.status, 404);
    assert.match(await again.text(), /No such file/);

    // A cross-site post is refused by the CSRF guard.
    const forged = await app.fetch(
      "/assets",
      formRequest({ intent: "delete", id: "x" }, {
        cookie: producer.cookie,
        origin: "https://evil.example",
      }),
    );
    assert.equal(forged.status, 403);
  }));

Deno.test("assets page - signed out goes to the login", () =>
  withModuleData(async (app) => {
    const res = await app.fetch("/assets", { redirect: "manual" });
    assert.ok([302, 303].includes(res.status), String(res.status));
    assert.match(res.headers.get("location") ?? "", /^\/login/);
    await res.body?.cancel();
  }));
