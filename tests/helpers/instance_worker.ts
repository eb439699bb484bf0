/// <reference lib="deno.worker" />
/**
 * One hub instance in a Web Worker, for the multi-instance test: its own
 * services on a shared KV file, a BroadcastChannel bus (whose outgoing
 * messages can be dropped on purpose) and an HTTP server on 127.0.0.1.
 */
import type { Middleware } from "fresh";
import { createApp } from "@/server/create_app.ts";
import { openServices } from "@/server/services.ts";
import type { State } from "@/server/state.ts";
import { BroadcastChannelBus } from "@/realtime/bus.ts";
import enterProduction from "@/routes/api/p/[slug]/_middleware.ts";
import { handler as announcements } from "@/routes/api/p/[slug]/announcements.ts";
import { handler as ws } from "@/routes/api/ws.ts";
import { serve } from "./serve.ts";
import { TEST_SECRET } from "./test_secret.ts";

interface Start {
  kvPath: string;
  channel: string;
  dropOutgoing: boolean;
  pollMs: number;
}

let stop: (() => Promise<void>) | null = null;

self.onmessage = async (e: MessageEvent<Start | "stop">) => {
  if (e.data === "stop") {
    await stop?.();
    self.postMessage({ stopped: true });
    return;
  }
  const { kvPath, channel, dropOutgoing, pollMs } = e.data;
  const services = await openServices({
    port: 0,
    kvPath,
    jwtSecret: TEST_SECRET,
    production: false,
    allowedOrigins: [],
    bus: "broadcast",
    wsHandshakesPerMinute: 120,
    maxUploadBytes: 50 * 1024 * 1024,
  }, {
    bus: new BroadcastChannelBus(channel, { drop: () => dropOutgoing }),
    hub: { pollMs },
  });
  // The route modules mounted by hand, as Fresh's docs show for tests; a
  // production's module API behind the middleware that enters it.
  const app = createApp(services)
    .get("/api/ws", ws.GET as Middleware<State>)
    .post(
      "/api/p/:slug/announcements",
      enterProduction,
      announcements.POST as Middleware<State>,
    );
  // Hub first (sockets get 1001), then the server, then the store: bounded.
  const server = serve(app.handler(), {
    hub: services.hub,
    onClosed: () => services.close(),
  });
  stop = () => server.close();
  self.postMessage({ port: server.port });
};
