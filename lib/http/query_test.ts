import assert from "node:assert/strict";
import { z } from "zod";
import { lenientQuery } from "./query.ts";

const Schema = z.object({
  status: z.enum(["todo", "done"]).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
  name: z.string().max(5).optional(),
}).strict();

const query = (search: string) =>
  lenientQuery(Schema, new URLSearchParams(search));

Deno.test("lenientQuery - keeps each valid field", () => {
  assert.deepEqual(query("status=done&limit=20&name=ann"), {
    status: "done",
    limit: 20,
    name: "ann",
  });
});

Deno.test("lenientQuery - drops what fails, is empty or unknown; never throws", () => {
  assert.deepEqual(query("status=bogus&limit=20"), { limit: 20 });
  assert.deepEqual(query("status=&limit=999&name=toolong"), {});
  assert.deepEqual(query("sort=desc&status=todo"), { status: "todo" });
  assert.deepEqual(query("limit=%20%205%20"), { limit: 5 });
});
