import { parseWith } from "@/lib/http/body.ts";
import { RecordSearchQuerySchema } from "@/lib/records/schemas.ts";
import { searchRecords } from "@/lib/records/search.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** A picker's search: records of `?type=` the viewer may see matching `?q=`. */
  async GET(ctx) {
    const { type, q } = parseWith(
      RecordSearchQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await searchRecords(serviceContextOf(ctx), type, q));
  },
});
