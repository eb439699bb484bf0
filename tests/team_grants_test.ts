/**
 * DESIGN §3: nobody may grant, change or remove a role with rights they do
 * not hold — over the API and through the team page. (The full grid is in
 * lib/team/service_test.ts.)
 */
import assert from "node:assert/strict";
import { ROLE_LABELS } from "@/lib/roles.ts";
import { getMember } from "@/lib/team/members.ts";
import { users } from "@/lib/team/users.ts";
import { api, sessions } from "./helpers/api_client.ts";
import { pageHtml, postForm } from "./helpers/pages.ts";
import { login, withApp } from "./helpers/test_app.ts";
import { apiIn, pageIn, SERIES, viewOf } from "./helpers/two_productions.ts";

const newMember = (role: string) => ({
  username: `new-${role.replaceAll("_", "-")}`,
  name: "New Member",
  role,
  password: "temporary-1",
});

Deno.test("team api - a production manager cannot create or change a producer", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const pm = api(app, s.prodmanager);
    const created = await pm.post("/api/users", newMember("producer"));
    assert.equal(created.status, 403);
    assert.equal(created.body.error.code, "forbidden");
    assert.match(created.body.error.message, /Producer/);
    assert.equal((await users.list(app.services.kv)).length, 6);
    // Director and VFX can see VFX shots, which a production manager cannot.
    for (const role of ["director", "vfx"]) {
      assert.equal((await pm.post("/api/users", newMember(role))).status, 403);
    }
    for (
      const patch of [{ role: "crew" }, { active: false }, { name: "Renamed" }]
    ) {
      const res = await pm.patch(`/api/users/${s.producer.id}`, patch);
      assert.equal(res.status, 403, JSON.stringify(patch));
    }
    const producer = (await getMember(app.services.kv, s.producer.id))!;
    assert.equal(producer.role, "producer");
    assert.equal(producer.active, true);
    assert.equal(producer.version, 1);
    // Promoting crew to producer is giving the producer role.
    const promote = await pm.patch(`/api/users/${s.crew.id}`, {
      role: "producer",
    });
    assert.equal(promote.status, 403);
    // Within their rights, they manage as before.
    assert.equal((await pm.post("/api/users", newMember("crew"))).status, 201);
    const demote = await pm.patch(`/api/users/${s.crew.id}`, {
      role: "distribution_manager",
    });
    assert.equal(demote.status, 200);
  }));

Deno.test("team api - a producer manages everyone, VFX artists included", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const producer = api(app, s.producer);
    // The production manager, who cannot see VFX, may not give it out.
    assert.equal(
      (await api(app, s.prodmanager).post("/api/users", newMember("vfx")))
        .status,
      403,
    );
    const pm = await producer.patch(`/api/users/${s.prodmanager.id}`, {
      role: "crew",
    });
    assert.equal(pm.status, 200);
    // Reviewing the artists' shots and versions is authority over them.
    assert.equal(
      (await producer.post("/api/users", newMember("vfx"))).status,
      201,
    );
    assert.equal(
      (await producer.patch(`/api/users/${s.crew.id}`, { role: "vfx" }))
        .status,
      200,
    );
    assert.equal(
      (await producer.patch(`/api/users/${s.vfx.id}`, { active: false }))
        .status,
      200,
    );
  }));

/** The option values of a `<select>` in `html` named by its id or name. */
function options(html: string, select: RegExp): string[] {
  const match = html.match(select);
  assert.ok(match, `no ${select}`);
  return [...match[0].matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
}

Deno.test("team page - offers only the roles the viewer may grant, and no controls for members beyond them", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const { cookie } = await login(app, "prodmanager");
    const html = await pageHtml(app, "/team", cookie);
    const grantable = ["production_manager", "crew", "distribution_manager"];
    // The add form.
    assert.deepEqual(
      options(html, /<select name="role"[\s\S]*?<\/select>/),
      grantable,
    );
    // A crew member's row: their role may change, within the same choices.
    assert.deepEqual(
      options(
        html,
        new RegExp(`<select id="role-${s.crew.id}"[\\s\\S]*?</select>`),
      ),
      grantable,
    );
    // Producer, director and VFX rows: the role as text, no forms.
    for (const who of ["producer", "director", "vfx"]) {
      assert.doesNotMatch(html, new RegExp(`id="role-${s[who].id}"`), who);
      assert.doesNotMatch(
        html,
        new RegExp(`name="id" value="${s[who].id}"`),
        who,
      );
    }
    assert.match(html, new RegExp(ROLE_LABELS.producer));
    // Said, not just left blank: three rows the viewer cannot change.
    assert.equal(html.match(/Your role cannot change this member/g)?.length, 3);
  }));

Deno.test("team page - a forged form to re-role a producer is refused and changes nothing", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const { cookie } = await login(app, "prodmanager");
    const res = await postForm(app, "/team", {
      intent: "role",
      id: s.producer.id,
      version: "1",
      role: "crew",
    }, cookie);
    assert.equal(res.status, 403);
    assert.match(
      await res.text(),
      /You cannot change a member who is Producer/,
    );
    const producer = (await getMember(app.services.kv, s.producer.id))!;
    assert.equal(producer.role, "producer");
  }));

Deno.test("team api - an account is the studio's: no manager renames or deactivates someone beyond their rights in another production", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    // crew is the series' production manager; vfx is crew there and the
    // film's VFX artist, which crew's role could not change on the film.
    const seriesPm = api(app, s.crew);
    const vfx = apiIn(SERIES, `/users/${s.vfx.id}`);
    for (const patch of [{ active: false }, { name: "Paula Reyes" }]) {
      const res = await seriesPm.patch(vfx, patch);
      assert.equal(res.status, 403, JSON.stringify(patch));
      assert.equal(res.body.error.code, "forbidden");
      assert.match(res.body.error.message, /ask a studio admin/);
    }
    const account = (await users.get(app.services.kv, s.vfx.id))!;
    assert.equal(account.active, true);
    assert.equal(account.name, "Ines Moreau");
    assert.equal(account.version, 1);
    // Still signed in and working on the film.
    const shots = await api(app, s.vfx).get("/api/vfx/shots");
    assert.equal(shots.status, 200);
    // What is the series' own, crew still manages there.
    const role = await seriesPm.patch(vfx, { role: "distribution_manager" });
    assert.equal(role.status, 200);
    // The same the other way: the film's production manager is no member
    // of the series, where crew is its production manager.
    const filmPm = api(app, s.prodmanager);
    assert.equal(
      (await filmPm.patch(`/api/users/${s.crew.id}`, { active: false }))
        .status,
      403,
    );
    // Someone who works only on the film, within their rights: as before.
    assert.equal(
      (await filmPm.patch(`/api/users/${s.distribution.id}`, { active: false }))
        .status,
      200,
    );
    // Nor by first adding someone from another production (here the
    // film's director) to one's own team in a role one may give.
    const join = await seriesPm.post(apiIn(SERIES, "/users"), {
      username: "director",
      role: "crew",
    });
    assert.equal(join.status, 201);
    const director = apiIn(SERIES, `/users/${s.director.id}`);
    assert.equal(
      (await seriesPm.patch(director, { active: false })).status,
      403,
    );
    assert.equal(
      (await users.get(app.services.kv, s.director.id))!.active,
      true,
    );
    assert.equal((await seriesPm.del(director)).status, 204);
    // The producer may change vfx on both productions: the account too.
    const producer = api(app, s.producer);
    assert.equal(
      (await producer.patch(vfx, { name: "Ines Moreau-Laurent" })).status,
      200,
    );
    assert.equal(
      (await getMember(viewOf(app, SERIES), s.vfx.id))!.name,
      "Ines Moreau-Laurent",
    );
  }));

Deno.test("team page - no Deactivate for a member whose account reaches a production beyond the viewer's rights", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const { cookie } = await login(app, "crew");
    const html = await pageHtml(app, pageIn(SERIES, "/team"), cookie);
    const row = (id: string) =>
      html.match(
        new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*?${id}[\\s\\S]*?</tr>`),
      )
        ?.[0] ?? "";
    // vfx: the role and removal here, not the account.
    const vfx = row(s.vfx.id);
    assert.match(vfx, /id="role-/);
    assert.match(vfx, /name="intent" value="remove"/);
    assert.doesNotMatch(vfx, /name="intent" value="active"/);
    assert.match(vfx, /a studio admin\s+manages their account/);
    // A forged deactivation is refused and changes nothing.
    const res = await postForm(app, pageIn(SERIES, "/team"), {
      intent: "active",
      id: s.vfx.id,
      version: "1",
      active: "false",
    }, cookie);
    assert.equal(res.status, 403);
    assert.match(await res.text(), /ask a studio admin/);
    assert.equal((await users.get(app.services.kv, s.vfx.id))!.active, true);
  }));

Deno.test("team api - a studio admin's account is changed on /admin only, not from a production's team", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    // An admin of the studio who works on no production yet.
    const made = await api(app, s.producer).post("/api/accounts", {
      username: "studio-admin",
      name: "Ada Admin",
      password: "temporary-1",
      admin: true,
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const seriesPm = api(app, s.crew);
    const joined = await seriesPm.post(apiIn(SERIES, "/users"), {
      username: "studio-admin",
      role: "crew",
    });
    assert.equal(joined.status, 201);
    const member = apiIn(SERIES, `/users/${made.body.id}`);
    for (const patch of [{ active: false }, { name: "Not an admin" }]) {
      const res = await seriesPm.patch(member, patch);
      assert.equal(res.status, 403, JSON.stringify(patch));
    }
    const account = (await users.get(app.services.kv, made.body.id))!;
    assert.equal(account.active, true);
    assert.equal(account.name, "Ada Admin");
  }));
