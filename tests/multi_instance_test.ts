/**
 * Three hub instances in Web Workers share one KV file: a write handled by
 * instance A reaches sockets on B and C exactly once — also when A's bus
 * message is dropped on purpose, because the event log is the source of
 * truth and each hub follows it.
 */
import assert from "node:assert/strict";
import { TokenSigner } from "@/lib/auth/jwt.ts";
import { seedDemo } from "@/lib/seed.ts";
import { migrate, STORE_MIGRATIONS } from "@/lib/store/migrations.ts";
import { findMember } from "@/lib/team/members.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { settlesWithin, withDeadline } from "./helpers/deadline.ts";
import { TEST_SECRET } from "./helpers/test_secret.ts";
import { TestSocket } from "./helpers/events.ts";
import { openKv } from "@/lib/store/kv.ts";

/** The demo feature film, where the test writes and listens. */
const SLUG = "northern-lights";

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
  const started = new Promise<number>((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data.port);
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`instance failed to start: ${e.message}`));
    };
    worker.postMessage(options);
  });
  try {
    // Generous: a cold module cache compiles the whole app in the worker.
    const port = await withDeadline(started, 90_000, "an instance to start");
    return { worker, port };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

/** Stops the instance's hub, server and store (bounded), then the worker. */
async function stopInstance({ worker }: Instance) {
  const stopped = new Promise((resolve) => {
    worker.onmessage = resolve;
    worker.postMessage("stop");
  });
  if (!await settlesWithin(stopped, 20_000)) {
    console.error("an instance did not stop within 20 s; terminating it");
  }
  worker.terminate();
}

async function scenario(dropOutgoing: boolean) {
  const dir = await Deno.makeTempDir({ prefix: "prodsight-multi-" });
  const kvPath = `${dir}/shared.sqlite3`;
  const kv = await openKv(kvPath);
  // As an instance starts (server/services.ts, main.ts): the store brought
  // up to date, the demo seeded through the feature film's view.
  await migrate(kv, STORE_MIGRATIONS);
  await seedDemo(productionKv(kv, PRODUCTION_ID), { passwordIterations: 1000 });
  const signer = new TokenSigner(new TextEncoder().encode(TEST_SECRET));
  const token = async (username: string) => {
    const user = (await findMember(productionKv(kv, PRODUCTION_ID), username))!;
    return (await signer.sign(user)).token;
  };
  const channel = `test-${crypto.randomUUID()}`;
  const instances: Instance[] = [];
  const sockets: TestSocket[] = [];
  try {
    // Only A may lose its messages; B and C must still hear A's writes.
    for (const drop of [dropOutgoing, false, false]) {
      instances.push(
        await startInstance({
          kvPath,
          channel,
          dropOutgoing: drop,
          pollMs: 300,
        }),
      );
    }
    const [a, b, c] = instances;
    const crewToken = await token("crew");
    for (const instance of [a, b, c]) {
      const socket = new TestSocket(
        `ws://127.0.0.1:${instance.port}/api/ws?production=${SLUG}`,
        { authorization: `Bearer ${crewToken}` },
      );
      sockets.push(socket);
      await socket.nextOf("welcome");
    }
    const producer = await token("producer");
    const post = async (message: string) => {
      const url = `http://127.0.0.1:${a.port}/api/p/${SLUG}/announcements`;
      const res = await fetch(url, {
        method: "POST",
        signal: AbortSignal.timeout(10_000),
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
    for (const instance of instances) await stopInstance(instance);
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("multi-instance - a write on A reaches B and C exactly once", () =>
  scenario(false));

Deno.test("multi-instance - still exactly once when A's bus message is dropped", () =>
  scenario(true));
