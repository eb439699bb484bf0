/**
 * Forms posted without JavaScript show every field's error at once: a
 * summary linking to each field, the message beside each field wired with
 * aria-invalid and aria-describedby, and autofocus on the first invalid
 * field (login, the team's add form, the dashboard's announcement form).
 */
import assert from "node:assert/strict";
import { postForm } from "./helpers/pages.ts";
import { login, withApp } from "./helpers/test_app.ts";

/** Asserts each field's message, its wiring and its summary link. */
function assertAllErrors(
  html: string,
  fields: [id: string, label: string, message: string][],
) {
  for (const [id, label, message] of fields) {
    assert.match(
      html,
      new RegExp(`<span class="field-error" id="${id}-error">${message}`),
      id,
    );
    assert.match(
      html,
      new RegExp(
        `id="${id}" aria-invalid="true" aria-describedby="[^"]*${id}-error`,
      ),
      id,
    );
    assert.match(html, new RegExp(`<a href="#${id}">${label}: ${message}`), id);
  }
  // Focus opens on the first invalid field, and only there.
  const first = fields[0][0];
  assert.match(html, new RegExp(`id="${first}"[^>]*autofocus`));
  assert.equal([...html.matchAll(/autofocus/g)].length, 1);
}

Deno.test("login - an empty form flags username and password at once", () =>
  withApp(async (app) => {
    const res = await postForm(app, "/login", {
      username: "",
      password: "",
      next: "/",
    });
    assert.equal(res.status, 400);
    assertAllErrors(await res.text(), [
      ["login-username", "Username", "Enter your username"],
      ["login-password", "Password", "Enter your password"],
    ]);
  }));

Deno.test("team - the add form flags every field at once", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const res = await postForm(app, "/team", {
      intent: "create",
      name: "",
      username: "",
      role: "crew",
      password: "1",
    }, cookie);
    assert.equal(res.status, 400);
    const html = await res.text();
    const messages = [...html.matchAll(
      /<span class="field-error" id="(\w+)-error">/g,
    )].map((m) => m[1]);
    assert.deepEqual(messages, ["name", "username", "password"]);
    assert.match(html, /<a href="#name">Full name: /);
    assert.match(html, /<a href="#password">Temporary password: /);
    assert.match(
      html,
      /<input name="name" required value id="name" aria-invalid="true" aria-describedby="name-error" autofocus/,
    );
  }));

Deno.test("dashboard - the announcement form says what is wrong at its field", () =>
  withApp(async (app) => {
    const { cookie } = await login(app, "producer");
    const res = await postForm(
      app,
      "/p/northern-lights",
      { message: "  ", level: "loud" },
      cookie,
    );
    assert.equal(res.status, 400);
    const html = await res.text();
    assertAllErrors(html, [
      ["announce-message", "Message", "Write a message"],
      ["announce-level", "Level", "[^<]+"],
    ]);
    assert.match(html, /<details class="announce" open/);
  }));
