import { define } from "@/server/state.ts";
import { enterBySlug } from "@/server/production_scope.ts";

/**
 * The module API of one production: 401 signed out, 404 for a production
 * that does not exist or is not the caller's, 409 for a write to an
 * archived one; then the member's role in it decides (lib/policy.ts).
 */
export default define.middleware(async (ctx) => {
  await enterBySlug(ctx, ctx.params.slug);
  return ctx.next();
});
