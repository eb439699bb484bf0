import { type Config, ConfigError, loadConfig } from "@/lib/config.ts";
import { createApp } from "@/server/create_app.ts";
import { settlesWithin } from "@/lib/deadline.ts";
import {
  claimStartupNotice,
  DEMO_PASSWORD,
  DEMO_USERS,
  seedDemo,
  seedSettled,
} from "@/lib/seed.ts";
import { openServices } from "@/server/services.ts";

let config: Config;
try {
  config = loadConfig(Deno.env.toObject());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // The operator's to fix: say what to set, not where in our code it failed.
  console.error(`ProdSight cannot start: ${error.message}`);
  Deno.exit(1);
}
const services = await openServices(config);

if (!config.production) {
  // Every worker of `deno serve --parallel` (and every process on a shared
  // store) runs this: one seeds and the others wait for it, so none serves
  // before the demo logins work; one (per start) prints the logins.
  await seedDemo(services.kv);
  await seedSettled(services.kv);
  if (await claimStartupNotice(services.kv)) {
    console.log(
      `Demo logins (password "${DEMO_PASSWORD}"): ` +
        DEMO_USERS.map((u) => u.username).join(", "),
    );
  }
}

/** The most a stopping instance waits for its hub and store, ms. */
const SHUTDOWN_DEADLINE_MS = 5_000;

// On SIGINT/SIGTERM the hub goes first: sockets are closed with 1001
// (clients resume from the log elsewhere) and get a moment to answer; then
// the process exits, which stops the HTTP server. Bounded, so a client or a
// store that does not answer cannot keep a stopping instance alive.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  try {
    Deno.addSignalListener(signal, () => {
      settlesWithin(services.close(), SHUTDOWN_DEADLINE_MS).then((done) => {
        if (!done) console.error("shutdown: services did not close in time");
        Deno.exit(0);
      });
    });
  } catch {
    // Signals are not available on every platform (e.g. Deploy).
  }
}

/** The ProdSight app; `_fresh/server.js` (from `deno task build`) serves it. */
export const app = createApp(services);
