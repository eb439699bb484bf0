import { loadConfig } from "./lib/config.ts";
import { createApp } from "./lib/create_app.ts";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./lib/seed.ts";
import { openServices } from "./lib/services.ts";

const config = loadConfig(Deno.env.toObject());
const services = await openServices(config);

if (!config.production) {
  await seedDemo(services.kv);
  console.log(
    `Demo logins (password "${DEMO_PASSWORD}"): ` +
      DEMO_USERS.map((u) => u.username).join(", "),
  );
}

// On SIGINT/SIGTERM sockets are closed with 1001 (clients resume from the
// log elsewhere) before the process exits.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  try {
    Deno.addSignalListener(signal, () => {
      services.close().finally(() => Deno.exit(0));
    });
  } catch {
    // Signals are not available on every platform (e.g. Deploy).
  }
}

/** The ProdSight app; `_fresh/server.js` (from `deno task build`) serves it. */
export const app = createApp(services);
