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

/** The ProdSight app; `_fresh/server.js` (from `deno task build`) serves it. */
export const app = createApp(services);
