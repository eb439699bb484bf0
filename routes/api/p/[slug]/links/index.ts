import { parseWith, readJson } from "@/lib/http/body.ts";
import { LinkInputSchema, LinkQuerySchema } from "@/lib/links/schemas.ts";
import { createLink, linksOf } from "@/lib/links/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const cx = serviceContextOf(ctx);
    const { record } = parseWith(
      LinkQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await linksOf(cx, record));
  },
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const { from, to } = await readJson(ctx.req, LinkInputSchema);
    return ctx.json(await createLink(cx, from, to), { status: 201 });
  },
});
