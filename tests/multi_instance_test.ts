/**
 * Three hub instances in Web Workers share one KV file: a write handled by
 * instance A reaches sockets on B and C exactly once — also when A's bus
 * message is dropped on purpose, because the event log is the source of
 * truth and each hub follows it.
 */
import assert from "node:assert/strict";
import { TokenSigner } from "../lib/auth/jwt.ts";
import { seedDemo } from "../lib/seed.ts";
import { users } from "../lib/team/users.ts";
import { TEST_SECRET } from "./helpers/test_secret.ts";
import { TestSocket } from "./helpers/ws_client.ts";

interface Instance {
  worker: Worker;
  port: number;
}

async function startInstance(options: {
  kvPath: string;
  channel: string;
  dropOutgoing: boolean;
  pollMs: number;
}): Promise<Instance> {
  const worker = new Worker(
    new URL("./helpers/instance_worker.ts", import.meta.url),
    { type: "module" },
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data.port);
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`instance failed to start: ${e.message}`));
    };
    worker.postMessage(options);
  });
  return { worker, port };
}

async function stopInstance({ worker }: Instance) {
  await new Promise((resolve) => {
    worker.onmessage = resolve;
    worker.postMessage("stop");
  });
  worker.terminate();
}

async function scenario(dropOutgoing: boolean) {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-multi-" });
  const kvPath = `${dir}/shared.sqlite3`;
  const kv = await Deno.openKv(kvPath);
  await seedDemo(kv, { passwordIterations: 1000 });
  const signer = new TokenSigner(new TextEncoder().encode(TEST_SECRET));
  const token = async (username: string) => {
    const [user] = await users.findBy(kv, "username", username);
    return (await signer.sign(user)).token;
  };
  const channel = `test-${crypto.randomUUID()}`;
  // Only A may lose its messages; B and C must still hear A's writes.
  const a = await startInstance({ kvPath, channel, dropOutgoing, pollMs: 300 });
  const b = await startInstance({
    kvPath,
    channel,
    dropOutgoing: false,
    pollMs: 300,
  });
  const c = await startInstance({
    kvPath,
    channel,
    dropOutgoing: false,
    pollMs: 300,
  });
  const sockets: TestSocket[] = [];
  try {
    const crewToken = await token("crew");
    for (const instance of [a, b, c]) {
      const socket = new TestSocket(`ws://127.0.0.1:${instance.port}/api/ws`, {
        authorization: `Bearer ${crewToken}`,
      });
      sockets.push(socket);
      await socket.nextOf("welcome");
    }
    const producer = await token("producer");
    const post = async (message: string) => {
      const res = await fetch(`http://127.0.0.1:${a.port}/api/announcements`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${producer}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ message }),
      });
      assert.equal(res.status, 201);
      return (await res.json()).id as string;
    };
    const first = await post("first");
    const second = await post("second");
    for (const [i, socket] of sockets.entries()) {
      await socket.next((f) =>
        f.type === "announcement" && (f.data as { id: string }).id === second
      );
      const got = socket.frames.filter((f) => f.type === "announcement")
        .map((f) => (f.data as { id: string }).id);
      assert.deepEqual(got, [first, second], `instance ${"ABC"[i]}`);
    }
  } finally {
    for (const socket of sockets) await socket.close();
    for (const instance of [a, b, c]) await stopInstance(instance);
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("multi-instance - a write on A reaches B and C exactly once", () =>
  scenario(false));

Deno.test("multi-instance - still exactly once when A's bus message is dropped", () =>
  scenario(true));
