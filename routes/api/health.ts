import { define } from "../../lib/state.ts";

export const handler = define.handlers({
  GET(ctx) {
    return ctx.json({ status: "ok" });
  },
});
