import assert from "node:assert/strict";
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "@/lib/errors.ts";
import type { Role } from "@/lib/roles.ts";
import { serviceContext } from "@/lib/service.ts";
import { withKv } from "@/lib/store/testing.ts";
import { transact } from "@/lib/store/transaction.ts";
import { insertMember } from "@/lib/team/members.ts";
import {
  createTask,
  deleteTask,
  getTask,
  listTasks,
  taskHistory,
  updateTask,
} from "./service.ts";

const AT = new Date("2027-02-01T14:05:00.000Z");
const LATER = new Date("2027-02-02T09:30:00.000Z");

/** A stored, active member with `role`, as a service actor. */
async function member(kv: Deno.Kv, role: Role, active = true) {
  const { result } = await transact(kv, (tx) =>
    insertMember(tx, kv, {
      username: `${role}-${crypto.randomUUID().slice(0, 8)}`,
      name: `A ${role}`,
      role,
      active,
      passwordHash: "unused",
    }));
  return { id: result.id, name: result.name, role };
}

const task = (assigneeId: string | null) => ({
  title: "Lock the call sheet",
  description: "",
  status: "todo" as const,
  priority: "high" as const,
  assigneeId,
  department: "Production",
  dueDate: null,
});

Deno.test("createTask - stamped with the context's clock and creator; management only", () =>
  withKv(async (kv) => {
    const producer = await member(kv, "producer");
    const crew = await member(kv, "crew");
    const created = await createTask(
      serviceContext(kv, producer, () => AT),
      task(crew.id),
    );
    assert.equal(created.createdAt, AT.toISOString());
    assert.equal(created.updatedAt, AT.toISOString());
    assert.equal(created.createdBy, producer.id);
    await assert.rejects(
      createTask(serviceContext(kv, crew), task(crew.id)),
      ForbiddenError,
    );
  }));

Deno.test("createTask - an inactive assignee is a ValidationError on assigneeId", () =>
  withKv(async (kv) => {
    const producer = await member(kv, "producer");
    const gone = await member(kv, "crew", false);
    await assert.rejects(
      createTask(serviceContext(kv, producer), task(gone.id)),
      (e) =>
        e instanceof ValidationError &&
        e.issues[0].path[0] === "assigneeId",
    );
    assert.deepEqual(await listTasks(serviceContext(kv, producer)), []);
  }));

Deno.test("getTask and taskHistory - NotFoundError for an unknown task or one the actor may not see", () =>
  withKv(async (kv) => {
    const producer = await member(kv, "producer");
    const crew = await member(kv, "crew");
    const other = await member(kv, "crew");
    const cx = serviceContext(kv, producer, () => AT);
    const created = await createTask(cx, task(crew.id));
    assert.equal(
      (await getTask(serviceContext(kv, crew), created.id)).id,
      created.id,
    );
    await assert.rejects(getTask(cx, "missing"), NotFoundError);
    const outsider = serviceContext(kv, other);
    await assert.rejects(getTask(outsider, created.id), NotFoundError);
    await assert.rejects(taskHistory(outsider, created.id), NotFoundError);
    assert.deepEqual(await listTasks(outsider), []);
    const history = await taskHistory(serviceContext(kv, crew), created.id);
    assert.equal(history.entries[0].action, "created");
  }));

Deno.test("updateTask - the assignee moves their own task (at the context's time) but edits nothing else", () =>
  withKv(async (kv) => {
    const producer = await member(kv, "producer");
    const crew = await member(kv, "crew");
    const created = await createTask(
      serviceContext(kv, producer, () => AT),
      task(crew.id),
    );
    const own = serviceContext(kv, crew, () => LATER);
    const moved = await updateTask(own, created.id, { status: "review" });
    assert.equal(moved.status, "review");
    assert.equal(moved.updatedAt, LATER.toISOString());
    await assert.rejects(
      updateTask(own, created.id, { title: "Mine now" }),
      ForbiddenError,
    );
    await assert.rejects(
      updateTask(own, "missing", { status: "done" }),
      NotFoundError,
    );
  }));

Deno.test("deleteTask - management only; then the task is not found", () =>
  withKv(async (kv) => {
    const producer = await member(kv, "producer");
    const crew = await member(kv, "crew");
    const cx = serviceContext(kv, producer, () => AT);
    const created = await createTask(cx, task(crew.id));
    await assert.rejects(
      deleteTask(serviceContext(kv, crew), created.id),
      ForbiddenError,
    );
    await deleteTask(cx, created.id);
    await assert.rejects(getTask(cx, created.id), NotFoundError);
  }));
