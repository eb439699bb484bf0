import assert from "node:assert/strict";
import { findByUsername } from "@/lib/team/users.ts";
import { verifyPassword } from "@/lib/auth/password.ts";
import { STORE_MIGRATIONS } from "@/lib/store/migrations.ts";

const SCRIPT = new URL("../create_admin.ts", import.meta.url).pathname;

async function run(dir: string, args: string[], password?: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SCRIPT, ...args],
    cwd: new URL("..", import.meta.url).pathname,
    env: {
      PRODSIGHT_KV_PATH: `${dir}/store.sqlite3`,
      ...(password === undefined ? {} : { PRODSIGHT_ADMIN_PASSWORD: password }),
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return {
    code: out.code,
    stdout: text.decode(out.stdout),
    stderr: text.decode(out.stderr),
  };
}

Deno.test("create-admin - makes the first studio admin of a store; the password never on the command line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "prodsight_admin_" });
  try {
    const made = await run(dir, ["ada", "Ada Admin"], "a-long-secret-1");
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Created studio admin ada/);
    assert.ok(!made.stdout.includes("a-long-secret-1"));
    const kv = await Deno.openKv(`${dir}/store.sqlite3`);
    try {
      const account = await findByUsername(kv, "ada");
      assert.equal(account?.admin, true);
      assert.equal(account?.active, true);
      assert.ok(await verifyPassword("a-long-secret-1", account!.passwordHash));
      assert.equal(
        (await kv.get(["store_version"])).value,
        STORE_MIGRATIONS.at(-1)!.version,
        "migrated first",
      );
    } finally {
      kv.close();
    }
    const again = await run(dir, ["ada", "Ada Again"], "a-long-secret-2");
    assert.equal(again.code, 1);
    assert.match(again.stderr, /taken/);
    const noPassword = await run(dir, ["bob", "Bob"]);
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.stderr, /PRODSIGHT_ADMIN_PASSWORD/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
