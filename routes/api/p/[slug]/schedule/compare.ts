import { parseWith } from "@/lib/http/body.ts";
import { CompareQuerySchema } from "@/lib/schedule/schemas.ts";
import { compareBoards } from "@/lib/schedule/versions.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Which scenes stand on another day in `b` than in `a` (`working` or ids). */
  async GET(ctx) {
    const { a, b } = parseWith(
      CompareQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await compareBoards(serviceContextOf(ctx), a, b));
  },
});
