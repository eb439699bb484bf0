/**
 * The elements API (issue #13): who may list, read, rename and merge;
 * elements made on first use by a scene patch; the tags following a rename
 * or merge; bad input as 4xx JSON errors; another production's elements.
 */
import assert from "node:assert/strict";
import { latestEventId } from "@/lib/store/event_log.ts";
import { api, assertApiError, row, sessions } from "./helpers/api_client.ts";
import { loggedEvents } from "./helpers/events.ts";
import { withModuleData } from "./helpers/test_app.ts";

const ELEMENTS = "/api/p/northern-lights/elements";
const SCRIPTS = "/api/p/northern-lights/scripts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** The element of a name in the list, which must be there. */
function named(list: Json[], name: string): Json {
  const element = list.find((e) => e.name === name);
  assert.ok(element, `element ${name}`);
  return element;
}

// Elements are the script module's: read by every role but distribution,
// renamed and merged by the director, producer and production manager.
const MATRIX: Record<string, Record<string, number>> = {
  //              producer prodmanager director crew vfx distribution
  list: row(200, 200, 200, 200, 200, 403),
  get: row(200, 200, 200, 200, 200, 403),
  rename: row(200, 200, 200, 403, 403, 403),
  merge: row(404, 404, 404, 403, 403, 403),
};

Deno.test("elements api - permission matrix: six roles × every endpoint", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const list = (await api(app, s.director).get(ELEMENTS)).body;
    const mug = named(list, "Mug of coffee");
    const head = await latestEventId(app.services.kv);
    for (const [username, session] of Object.entries(s)) {
      const who = api(app, session);
      const expect = (endpoint: string, status: number, body: Json) => {
        const want = MATRIX[endpoint][username];
        const label = `${endpoint} ${username}`;
        if (want >= 400) assertApiError({ status, body } as Json, want, label);
        else assert.equal(status, want, `${label} ${JSON.stringify(body)}`);
      };
      const listed = await who.get(ELEMENTS);
      expect("list", listed.status, listed.body);
      const got = await who.get(`${ELEMENTS}/${mug.id}`);
      expect("get", got.status, got.body);
      // The same name again: allowed, and it changes nothing.
      const renamed = await who.patch(`${ELEMENTS}/${mug.id}`, {
        name: "Mug of coffee",
      });
      expect("rename", renamed.status, renamed.body);
      const merged = await who.post(`${ELEMENTS}/${mug.id}/merge`, {
        into: "missing",
      });
      expect("merge", merged.status, merged.body);
    }
    assert.equal(await latestEventId(app.services.kv), head, "nothing logged");
    // Signed out: 401.
    assertApiError(await api(app, null).get(ELEMENTS), 401);
    // Distribution gets 403 even for an element that does not exist.
    assertApiError(await api(app, s.distribution).get(`${ELEMENTS}/nope`), 403);
  }));

Deno.test("elements api - the list and an element: sorted by category, cast numbers, scenes with eighths and status", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const crew = api(app, s.crew);
    const list = (await crew.get(ELEMENTS)).body as Json[];
    const categories = [...new Set(list.map((e) => e.category))];
    assert.deepEqual(categories.slice(0, 2), ["cast", "extras"]);
    assert.equal(categories.at(-1), "locations");
    assert.ok(!categories.includes("notes"));
    const cast = list.filter((e) => e.category === "cast");
    assert.deepEqual(cast.map((e) => e.castNumber), cast.map((_, i) => i + 1));
    assert.equal(cast[0].name, "MARGIT");
    assert.equal(cast[0].scenes, 8);
    assert.ok(cast[0].eighths > 0);
    const props = (await crew.get(`${ELEMENTS}?category=props`)).body as Json[];
    assert.ok(props.length > 3);
    assert.ok(props.every((e) => e.category === "props"));
    assert.deepEqual(
      props.map((e) => e.name),
      [...props.map((e) => e.name)].sort((a, b) =>
        a.localeCompare(b, "en", { sensitivity: "base" })
      ),
    );

    const radio = named(props, "Radio handset");
    const detail = (await crew.get(`${ELEMENTS}/${radio.id}`)).body;
    assert.equal(detail.element.id, radio.id);
    assert.deepEqual(detail.aliases, []);
    assert.equal(detail.scenes.length, 1);
    const [scene] = detail.scenes;
    assert.equal(scene.scriptTitle, "Salt Light");
    assert.equal(scene.number, "2");
    assert.equal(scene.status, "approved");
    assert.equal(typeof scene.eighths, "number");
    assert.equal(typeof scene.key, "string");
    const sheet = (await crew.get(
      `${SCRIPTS}/${scene.scriptId}/scenes/${scene.sceneId}`,
    )).body;
    assert.ok(sheet.breakdown.props.includes("Radio handset"));
    assert.equal(sheet.key, scene.key);

    // Bad input: 4xx JSON errors.
    assertApiError(await crew.get(`${ELEMENTS}?category=notes`), 400);
    assertApiError(await crew.get(`${ELEMENTS}?sort=name`), 400);
    assertApiError(await crew.get(`${ELEMENTS}/missing`), 404);
    assertApiError(await crew.get(`${ELEMENTS}/${"x".repeat(200)}`), 404);
  }));

Deno.test("elements api - a scene patch makes the element; a rename follows into the scene, with one event and If-Match", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const [script] = (await pm.get(SCRIPTS)).body;
    const { scenes } = (await pm.get(`${SCRIPTS}/${script.id}`)).body;
    const path = `${SCRIPTS}/${script.id}/scenes/${scenes[5].id}`;
    assert.equal(
      (await pm.patch(path, { add: { props: ["Brass key"] } })).status,
      200,
    );
    const key = named(
      (await pm.get(`${ELEMENTS}?category=props`)).body,
      "Brass key",
    );
    assert.equal(key.scenes, 1);

    const head = await latestEventId(app.services.kv);
    const stale = await pm.patch(`${ELEMENTS}/${key.id}`, { name: "Old key" }, {
      "if-match": String(key.version + 1),
    });
    assertApiError(stale, 409);
    assert.equal(stale.body.error.code, "version_conflict");
    const renamed = await pm.patch(`${ELEMENTS}/${key.id}`, {
      name: "  Old   brass key ",
    }, { "if-match": String(key.version) });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, "Old brass key");
    assert.equal(renamed.body.version, key.version + 1);
    const scene = (await pm.get(path)).body;
    assert.ok(scene.breakdown.props.includes("Old brass key"));
    assert.ok(!scene.breakdown.props.includes("Brass key"));
    const events = await loggedEvents(app, head, 100);
    assert.deepEqual(
      events.map((e) => [e.type, (e.data as Json).action]),
      [["script_update", "element_renamed"], [
        "script_update",
        "scene_updated",
      ]],
    );
    assert.deepEqual(events[0].audience, {
      roles: ["producer", "production_manager", "director", "crew", "vfx"],
      users: [],
    });
    assert.equal((events[0].data as Json).previousName, "Brass key");

    // Another element's name: 409 that says to merge.
    const taken = await pm.patch(`${ELEMENTS}/${key.id}`, { name: "JAM JAR" });
    assertApiError(taken, 409);
    assert.equal(taken.body.error.code, "element_exists");
    assert.match(taken.body.error.message, /merge/);
    // Bad bodies.
    for (
      const body of [{}, { name: "" }, { name: 5 }, { name: "x", extra: 1 }]
    ) {
      assertApiError(await pm.patch(`${ELEMENTS}/${key.id}`, body), 400);
    }
    assertApiError(
      await pm.patch(`${ELEMENTS}/${key.id}`, { name: "x".repeat(101) }),
      400,
    );
    assertApiError(
      await pm.patch(`${ELEMENTS}/${key.id}`, "name=x", {
        "content-type": "application/x-www-form-urlencoded",
      }),
      415,
    );
    assertApiError(await pm.patch(`${ELEMENTS}/missing`, { name: "x" }), 404);
  }));

Deno.test("elements api - merge: tags follow, the old id is a 404 naming the element it became; same category only", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const director = api(app, s.director);
    const props = (await director.get(`${ELEMENTS}?category=props`)).body;
    const jam = named(props, "Jam jar");
    const toast = named(props, "Burnt toast");
    const merged = await director.post(`${ELEMENTS}/${jam.id}/merge`, {
      into: toast.id,
    });
    assert.equal(merged.status, 200);
    assert.equal(merged.body.from.id, jam.id);
    assert.equal(merged.body.into.id, toast.id);
    const gone = await director.get(`${ELEMENTS}/${jam.id}`);
    assertApiError(gone, 404);
    assert.deepEqual(gone.body.error.details, { mergedInto: toast.id });
    const detail = (await director.get(`${ELEMENTS}/${toast.id}`)).body;
    assert.deepEqual(detail.aliases, ["jam jar"]);
    const [scene] = detail.scenes;
    const sheet = (await director.get(
      `${SCRIPTS}/${scene.scriptId}/scenes/${scene.sceneId}`,
    )).body;
    assert.equal(
      sheet.breakdown.props.filter((t: string) => t === "Burnt toast").length,
      1,
    );
    assert.ok(!sheet.breakdown.props.includes("Jam jar"));

    const margit = named((await director.get(ELEMENTS)).body, "MARGIT");
    const other = await director.post(`${ELEMENTS}/${toast.id}/merge`, {
      into: margit.id,
    });
    assertApiError(other, 400);
    assert.equal(other.body.error.code, "validation");
    assertApiError(
      await director.post(`${ELEMENTS}/${toast.id}/merge`, { into: toast.id }),
      400,
    );
    assertApiError(
      await director.post(`${ELEMENTS}/${toast.id}/merge`, {}),
      400,
    );
    assertApiError(
      await director.post(`${ELEMENTS}/${toast.id}/merge`, { into: jam.id }),
      404,
    );
  }));

Deno.test("elements api - another production's elements are 404 through this one's paths", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    const [mug] = (await producer.get(`${ELEMENTS}?category=props`)).body;
    const other = "/api/p/saltwater-block-2/elements";
    assert.deepEqual((await producer.get(other)).body, []);
    assertApiError(await producer.get(`${other}/${mug.id}`), 404);
    assertApiError(
      await producer.patch(`${other}/${mug.id}`, { name: "Stolen" }),
      404,
    );
    // Not a member of Saltwater: the production does not exist for them.
    assertApiError(await api(app, s.director).get(other), 404);
  }));
