/// <reference lib="deno.worker" />
// Opens the KV file it is given and increments one counter n times, each
// increment with its event, then reports back. Used by shared_file_test.ts.
import { transact } from "@/lib/store/transaction.ts";
import { openKv } from "@/lib/store/kv.ts";

self.onmessage = async (e: MessageEvent<{ path: string; n: number }>) => {
  const kv = await openKv(e.data.path);
  try {
    await Promise.all(
      Array.from({ length: e.data.n }, () =>
        transact(kv, async (tx) => {
          const entry = await tx.get<number>(["counter"]);
          tx.set(["counter"], (entry.value ?? 0) + 1);
          tx.emit({
            type: "budget_update",
            audience: { roles: [], users: [] },
            data: {},
          });
        })),
    );
    self.postMessage("done");
  } catch (error) {
    self.postMessage(`error: ${(error as Error).message}`);
  } finally {
    kv.close();
  }
};
