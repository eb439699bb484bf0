/**
 * One writer of `production_writes.ts`: opens its own connection to the
 * shared store (a KV file, or a KV Connect URL with `DENO_KV_ACCESS_TOKEN`
 * set) and makes `writes` task-shaped commits, each to a production picked
 * at random among `productions` (as users of a studio would), counting
 * every attempt `transact` makes.
 *
 * @module
 */
import { productionKv } from "@/lib/store/production_kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { tasks } from "@/lib/tasks/task_store.ts";

const self = globalThis as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(data: unknown): void;
};

self.onmessage = async (e: MessageEvent) => {
  const { path, productions, writes, worker } = e.data as {
    path: string;
    productions: number;
    writes: number;
    worker: number;
  };
  const store = await Deno.openKv(path);
  // A check that failed (another writer changed a key this one read);
  // `transact` retries only that and SQLite's file lock, so the rest of
  // the retries are file locks.
  let conflicts = 0;
  const counted = {
    get: store.get.bind(store),
    getMany: store.getMany.bind(store),
    set: store.set.bind(store),
    delete: store.delete.bind(store),
    list: store.list.bind(store),
    watch: store.watch.bind(store),
    enqueue: store.enqueue.bind(store),
    close: () => {},
    atomic() {
      const op = store.atomic();
      const commit = op.commit.bind(op);
      op.commit = async () => {
        const result = await commit();
        if (!result.ok) conflicts++;
        return result;
      };
      return op;
    },
  } as unknown as Deno.Kv;
  const views = Array.from(
    { length: productions },
    (_, p) => productionKv(counted, `bench-${p}`),
  );
  let attempts = 0;
  for (let i = 0; i < writes; i++) {
    const kv = views[Math.floor(Math.random() * productions)];
    await transact(kv, async (tx) => {
      attempts++;
      const task = await tasks.insert(tx, {
        title: `Write ${worker}.${i}`,
        description: "",
        status: "todo",
        priority: "medium",
        assigneeId: null,
        department: "",
        dueDate: null,
        createdBy: "bench",
        rank: `r${String(i).padStart(6, "0")}z`,
      });
      tx.recordChange({
        collection: tasks.name,
        record: task,
        actor: { id: "bench", name: "Bench" },
        action: "created",
        changes: [],
      });
      tx.emit({
        type: "task_update",
        audience: { roles: ["producer"], users: [] },
        data: { action: "created", task },
      });
    });
  }
  store.close();
  self.postMessage({ commits: writes, attempts, conflicts });
};
