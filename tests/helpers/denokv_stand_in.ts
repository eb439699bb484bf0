/**
 * A test stand-in for denokv, the KV Connect server (NOT a product server).
 * denokv itself cannot be installed here; the `@deno/kv` npm package ships
 * its SQLite backend, and `denokv_stand_in_server.ts` serves that over the
 * KV Connect protocol the way denokv does: metadata exchange with an access
 * token, snapshot reads, atomic writes within denokv's limits (10 checks,
 * 1,000 mutations, 800 KiB per commit; 400 with denokv's message beyond,
 * which the Deno client throws), and watch streams.
 *
 * The server runs in its own process, so the tests' processes (and any app
 * processes they start) are all its clients, as with a real denokv:
 *
 * ```ts
 * await using kv = await startKvConnectServer({ path, accessToken });
 * // Deno.openKv(kv.url) with DENO_KV_ACCESS_TOKEN=kv.accessToken
 * ```
 *
 * @module
 */
import { settlesWithin, TEARDOWN_MS, withDeadline } from "./deadline.ts";

const SERVER = new URL("./denokv_stand_in_server.ts", import.meta.url);
const ROOT = new URL("../../", import.meta.url);
/** First start may compile the script and load the addon: generous. */
const START_MS = 30_000;

/** Options of {@linkcode startKvConnectServer}. */
export interface KvConnectServerOptions {
  /** SQLite file the server keeps its data in (created if missing). */
  path: string;
  /** Token clients must present (12+ characters); random when omitted. */
  accessToken?: string;
}

/** A running stand-in server. */
export interface KvConnectServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`: what `Deno.openKv()` takes. */
  url: string;
  /** The value for clients' `DENO_KV_ACCESS_TOKEN`. */
  accessToken: string;
  /** Process id of the server, for tests that must know it. */
  pid: number;
  /**
   * Cuts every open watch stream (clients see the stream end and watch
   * again); resolves with how many were cut. With `hold`, watch streams
   * opened afterwards stay open but carry no data (only pings) until the
   * next call without it, so clients' watches go quiet instead of coming
   * back at once.
   */
  cutWatchStreams(options?: { hold?: boolean }): Promise<number>;
  /**
   * Resolves when the next watch stream opens (`held`: whether it is held),
   * or rejects after `ms`. Call it before what makes a client watch.
   */
  watchStreamOpened(ms?: number): Promise<{ held: boolean }>;
  /** Stops the server in bounded time; later calls return the same promise. */
  close(): Promise<void>;
}

/** What the server process prints, one JSON object a line. */
type ServerLine =
  | { port: number }
  | { cut: number }
  | { watching: { held: boolean } };

/** Starts the stand-in on a free loopback port. */
export async function startKvConnectServer(
  options: KvConnectServerOptions,
): Promise<KvConnectServer> {
  const accessToken = options.accessToken ?? `stand-in-${crypto.randomUUID()}`;
  if (accessToken.length < 12) {
    throw new Error("denokv needs an access token of 12 characters or more");
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-ffi",
      "--allow-sys",
      "--allow-net=127.0.0.1",
      SERVER.pathname,
      options.path,
    ],
    cwd: ROOT.pathname,
    env: {
      DENOKV_STAND_IN_ACCESS_TOKEN: accessToken,
      // The addon's errors would capture a Rust backtrace each: ~0.8 s.
      RUST_LIB_BACKTRACE: "0",
    },
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const input = child.stdin.getWriter();
  const send = (command: string) =>
    input.write(new TextEncoder().encode(`${command}\n`));

  // Every line the server prints goes to whoever waits for its kind.
  const listening = Promise.withResolvers<number>();
  const cuts: ((n: number) => void)[] = [];
  let watchers: ((w: { held: boolean }) => void)[] = [];
  const output = (async () => {
    for await (const line of readLines(child.stdout)) {
      const event = JSON.parse(line) as ServerLine;
      if ("port" in event) listening.resolve(event.port);
      if ("cut" in event) cuts.shift()?.(event.cut);
      if ("watching" in event) {
        for (const resolve of watchers) resolve(event.watching);
        watchers = [];
      }
    }
  })();
  const status = child.status;
  const exited = status.then((s) => {
    throw new Error(`denokv stand-in exited (code ${s.code})`);
  });
  exited.catch(() => {});

  let closing: Promise<void> | null = null;
  const close = () =>
    closing ??= (async () => {
      await send("close").catch(() => {});
      await input.close().catch(() => {});
      if (!await settlesWithin(status, TEARDOWN_MS)) {
        console.error(`denokv stand-in ${child.pid} did not stop; killing it`);
        child.kill("SIGKILL");
        await withDeadline(status, TEARDOWN_MS, "stand-in kill");
      }
      await settlesWithin(output, TEARDOWN_MS);
    })();

  let port: number;
  try {
    port = await withDeadline(
      Promise.race([listening.promise, exited]),
      START_MS,
      "denokv stand-in listening",
    );
  } catch (error) {
    await close();
    throw error;
  }
  let queue = Promise.resolve(0);
  return {
    url: `http://127.0.0.1:${port}`,
    accessToken,
    pid: child.pid,
    cutWatchStreams: ({ hold = false } = {}) =>
      queue = queue.catch(() => 0).then(() => {
        const answer = new Promise<number>((resolve) => cuts.push(resolve));
        return withDeadline(
          send(hold ? "hold" : "cut").then(() =>
            Promise.race([answer, exited])
          ),
          TEARDOWN_MS,
          "cutting watch streams",
        );
      }),
    watchStreamOpened: (ms = 10_000) =>
      withDeadline(
        Promise.race([
          new Promise<{ held: boolean }>((resolve) => watchers.push(resolve)),
          exited,
        ]),
        ms,
        "a watch stream opening",
      ),
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function* readLines(stream: ReadableStream<Uint8Array<ArrayBuffer>>) {
  let pending = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf("\n")) >= 0) {
      yield pending.slice(0, newline);
      pending = pending.slice(newline + 1);
    }
  }
}
