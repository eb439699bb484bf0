/**
 * The app as a process, the way it runs in production: `deno serve` of a
 * build (or `deno run dev.ts`), started with a clean environment, its port
 * read from the "Listening on" line it prints, and stopped by its handle
 * with a bounded wait (SIGKILL if it will not go).
 *
 * ```ts
 * await using app = await startAppProcess({
 *   args: ["serve", "-A", "--host", "127.0.0.1", "--port", "0", entry],
 *   env: { PRODSIGHT_KV_PATH: path, JWT_SECRET: TEST_SECRET },
 * });
 * await fetch(`${app.origin}/api/health`);
 * ```
 *
 * @module
 */
import { settlesWithin, TEARDOWN_MS, withDeadline } from "./deadline.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Variables of the developer's or CI's environment that change how the app
 * starts: never passed on, so a process gets only what its test gives it.
 */
const APP_ENV =
  /^(PRODSIGHT_\w+|JWT_SECRET|DENO_DEPLOYMENT_ID|DENO_KV_ACCESS_TOKEN|PORT|DENO_JOBS)$/;

/** A cold module cache compiles the whole app first: generous. */
const START_MS = 90_000;

/** Options of {@linkcode startAppProcess}. */
export interface AppProcessOptions {
  /** Arguments of the `deno` executable, e.g. `["serve", "-A", entry]`. */
  args: string[];
  /** The app's environment (on top of PATH, HOME and the like). */
  env?: Record<string, string>;
  /** How long to wait for the "Listening on" line, ms. */
  startMs?: number;
}

/** A running app process. */
export interface AppProcess extends AsyncDisposable {
  /** The port it listens on. */
  port: number;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Process id, for log lines. */
  pid: number;
  /** Its exit status, once it exits. */
  status: Promise<Deno.CommandStatus>;
  /** Everything it printed so far, stdout and stderr apart. */
  output(): { stdout: string; stderr: string };
  /** Resolves when its output (either stream) matches; rejects after `ms`. */
  printed(pattern: RegExp, ms?: number): Promise<void>;
  /**
   * Sends `signal` (SIGINT unless told) and resolves with the exit status;
   * if it has not exited within `ms` it is killed and this rejects. Later
   * calls return the same promise.
   */
  stop(signal?: Deno.Signal, ms?: number): Promise<Deno.CommandStatus>;
}

/** The environment a test app process starts from: no app settings. */
export function cleanEnv(
  env: Record<string, string> = {},
): Record<string, string> {
  const base = Object.entries(Deno.env.toObject())
    .filter(([name]) => !APP_ENV.test(name));
  // NO_COLOR keeps the lines tests read free of escape codes.
  return { ...Object.fromEntries(base), NO_COLOR: "1", ...env };
}

/**
 * Starts `deno <args>` in the repository root and waits for it to listen.
 * If it exits or does not listen in time, it is stopped and this rejects
 * with what it printed.
 */
export async function startAppProcess(
  options: AppProcessOptions,
): Promise<AppProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: options.args,
    cwd: ROOT,
    clearEnv: true,
    env: cleanEnv(options.env),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const text = { stdout: "", stderr: "" };
  let waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const read = async (
    stream: ReadableStream<Uint8Array<ArrayBuffer>>,
    name: "stdout" | "stderr",
  ) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      text[name] += chunk;
      waiters = waiters.filter((w) => {
        if (!w.pattern.test(text.stdout) && !w.pattern.test(text.stderr)) {
          return true;
        }
        w.resolve();
        return false;
      });
    }
  };
  const reading = Promise.all([
    read(child.stdout, "stdout"),
    read(child.stderr, "stderr"),
  ]).catch(() => {});
  const status = child.status;
  const output = () => ({ ...text });
  const exited = status.then((s) => {
    throw new Error(
      `app process ${child.pid} exited (code ${s.code}):\n${text.stderr}`,
    );
  });
  exited.catch(() => {});

  const printed = (pattern: RegExp, ms = 10_000) => {
    const seen = pattern.test(text.stdout) || pattern.test(text.stderr)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ pattern, resolve }));
    return withDeadline(
      Promise.race([seen, exited]),
      ms,
      `app process output matching ${pattern}`,
    );
  };

  let stopping: Promise<Deno.CommandStatus> | null = null;
  const stop = (signal: Deno.Signal = "SIGINT", ms = TEARDOWN_MS) =>
    stopping ??= (async () => {
      try {
        child.kill(signal);
      } catch {
        // It has exited already.
      }
      if (!await settlesWithin(status, ms)) {
        console.error(`app process ${child.pid} did not stop; killing it`);
        child.kill("SIGKILL");
        await withDeadline(status, TEARDOWN_MS, "the killed app process");
        await settlesWithin(reading, TEARDOWN_MS);
        throw new Error(`app process did not exit within ${ms} ms`);
      }
      await settlesWithin(reading, TEARDOWN_MS);
      return await status;
    })();

  let port: number;
  try {
    await printed(
      /Listening on https?:\/\/\S+:\d+/,
      options.startMs ?? START_MS,
    );
    const all = text.stderr + text.stdout;
    port = Number(all.match(/Listening on https?:\/\/\S+:(\d+)/)![1]);
  } catch (error) {
    await stop("SIGKILL").catch(() => {});
    throw new Error(`${(error as Error).message}\n${text.stderr}`);
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    status,
    output,
    printed,
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop().catch((error) => console.error(error.message));
    },
  };
}
