/**
 * Creates a studio admin on the configured store: the first account of a
 * production-mode deployment, which never seeds demo users and whose
 * `/admin` page needs an admin to sign in first.
 *
 *     PRODSIGHT_ADMIN_PASSWORD=… deno task create-admin <username> "<Name>"
 *
 * The store is the app's (the same configuration as `deno task start`:
 * `PRODSIGHT_KV_PATH`, or the deployment's KV); its
 * layout is brought up to date first, as the app does at start. The
 * password comes from the environment, never the command line (shell
 * history, process lists). The new admin then creates productions and
 * accounts at `/admin`.
 *
 * @module
 */
import { type Config, ConfigError, loadConfig } from "@/lib/config.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { createAccount } from "@/lib/studio/account_service.ts";
import { studioContext } from "@/lib/studio/context.ts";
import { NewAccountSchema } from "@/lib/studio/schemas.ts";
import { openKv } from "@/lib/store/kv.ts";
import { migrate, STORE_MIGRATIONS } from "@/lib/store/migrations.ts";

const [username, name] = Deno.args;
const parsed = NewAccountSchema.safeParse({
  username,
  name,
  password: Deno.env.get("PRODSIGHT_ADMIN_PASSWORD") ?? "",
  admin: true,
});
if (!parsed.success) {
  console.error(
    'Usage: PRODSIGHT_ADMIN_PASSWORD=… deno task create-admin <username> "<Name>"',
  );
  for (const issue of parsed.error.issues) {
    console.error(`  ${issue.path.join(".") || "input"}: ${issue.message}`);
  }
  Deno.exit(2);
}

let config: Config;
try {
  config = loadConfig(Deno.env.toObject());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Not created: ${error.message}`);
  Deno.exit(2);
}
const store = await openKv(config.kvPath);
try {
  await migrate(store, STORE_MIGRATIONS);
  // The operator at the console stands in for an admin.
  const operator = { id: "operator", name: "Operator", admin: true };
  const account = await createAccount(
    studioContext(store, operator),
    parsed.data,
  );
  console.log(`Created studio admin ${account.username} (${account.id}).`);
} catch (error) {
  const e = toApiError(error);
  console.error(`Not created: ${e.message}`);
  Deno.exitCode = 1;
} finally {
  store.close();
}
