import { page } from "fresh";
import ScriptRipple from "@/islands/ScriptRipple.tsx";
import { listRipple } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

/** `?script=<id>&draft=<n>`: the draft an inbox notice points at. */
function focusOf(params: URLSearchParams) {
  const scriptId = params.get("script");
  const draft = Number(params.get("draft"));
  return scriptId && Number.isInteger(draft) && draft > 0
    ? { scriptId, draft }
    : null;
}

export const handler = define.handlers({
  async GET(ctx) {
    return page({
      view: await listRipple(serviceContextOf(ctx)),
      focus: focusOf(ctx.url.searchParams),
    });
  },
});

export default define.page<typeof handler>(function Ripple({ data }) {
  return (
    <>
      <header class="page-header">
        <h1>Script changes</h1>
        <p class="muted">
          When a new draft changes, omits or renumbers a scene, everything built
          on it is flagged here for its owner: keep it, update it, or dismiss
          the flag with a note.
        </p>
      </header>
      <ScriptRipple initial={data.view} focus={data.focus} />
    </>
  );
});
