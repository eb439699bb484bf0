import { requireUser } from "@/server/auth_middleware.ts";
import { parseWith, readJson } from "@/lib/http/body.ts";
import { NewTaskSchema, TaskQuerySchema } from "@/lib/tasks/schemas.ts";
import { createTask, listTasks } from "@/lib/tasks/task_store.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx);
    const query = parseWith(
      TaskQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listTasks(ctx.state.services.kv, user, query));
  },
  async POST(ctx) {
    const user = requireUser(ctx);
    const input = await readJson(ctx.req, NewTaskSchema);
    const task = await createTask(ctx.state.services.kv, user, input);
    return ctx.json(task, { status: 201 });
  },
});
