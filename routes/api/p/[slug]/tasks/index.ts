import { parseWith, readJson } from "@/lib/http/body.ts";
import { NewTaskSchema, TaskQuerySchema } from "@/lib/tasks/schemas.ts";
import { createTask, listTasks } from "@/lib/tasks/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const cx = serviceContextOf(ctx);
    const query = parseWith(
      TaskQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listTasks(cx, query));
  },
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const input = await readJson(ctx.req, NewTaskSchema);
    return ctx.json(await createTask(cx, input), { status: 201 });
  },
});
