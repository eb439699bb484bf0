/**
 * One way for tests to serve an app on 127.0.0.1 and to stop it in bounded
 * time: the hub's sockets are closed first (1001, as production shutdown
 * does), requests in flight may finish, then the server is stopped, each
 * step under a deadline that logs which step overran.
 *
 * Why not `server.shutdown()`: in Deno 2.9 it never resolves when a client
 * went away while its upgrade was being handled (the socket stays
 * CONNECTING for good), and aborting the server after a pending shutdown
 * neither finishes it nor is safe (the abort listener throws BadResource).
 * So the helper waits for in-flight handlers itself and then aborts, which
 * always ends the server (a response still being written is cut: at
 * teardown no client waits for one).
 *
 * @module
 */
import { TEARDOWN_MS, teardownStep } from "./deadline.ts";
import type { TestApp } from "./test_app.ts";

/** A server a test started. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  /** Stops everything in bounded time; later calls return the same promise. */
  close(): Promise<void>;
}

/** Options of {@linkcode serve}. */
export interface ServeOptions {
  /** Port to bind; 0 (any free port) by default. */
  port?: number;
  /** Its sockets are closed before the server stops. */
  hub?: { shutdown(): Promise<void> };
  /** Runs after the server stopped (closing services and store). */
  onClosed?: () => Promise<void>;
  /** Bound of each teardown step, ms. */
  deadlineMs?: number;
}

type Handler = (
  req: Request,
  info: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

/** Serves `handler` on 127.0.0.1; throws `AddrInUse` if `port` is taken. */
export function serve(
  handler: Handler,
  options: ServeOptions = {},
): TestServer {
  const ms = options.deadlineMs ?? TEARDOWN_MS;
  const abort = new AbortController();
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const server = Deno.serve(
    {
      hostname: "127.0.0.1",
      port: options.port ?? 0,
      signal: abort.signal,
      onListen() {},
    },
    async (req, info) => {
      inFlight++;
      try {
        return await handler(req, info);
      } finally {
        if (--inFlight === 0) drained?.();
      }
    },
  );
  const { port } = server.addr;
  let closing: Promise<void> | null = null;
  const close = async () => {
    if (options.hub) {
      const hub = options.hub;
      await teardownStep("closing the hub's sockets", () => hub.shutdown(), ms);
    }
    await teardownStep(
      "requests in flight",
      () =>
        inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => {
          drained = resolve;
        }),
      ms,
    );
    abort.abort();
    await teardownStep(
      `stopping the server on port ${port}`,
      () => server.finished,
      ms,
    );
    if (options.onClosed) {
      await teardownStep("closing the app", options.onClosed, ms);
    }
  };
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () => closing ??= close(),
  };
}

/**
 * Serves a test app; `close()` also closes the app. `handler` replaces the
 * app's own (to observe requests), and usually calls `app.handler`.
 */
export function serveApp(
  app: TestApp,
  options: Omit<ServeOptions, "hub" | "onClosed"> & { handler?: Handler } = {},
): TestServer {
  return serve(options.handler ?? app.handler, {
    ...options,
    hub: app.services.hub,
    onClosed: () => app.close(),
  });
}
