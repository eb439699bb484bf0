import { page } from "fresh";
import { defaultPair } from "@/components/schedule/versions/model.ts";
import { ScheduleHeader } from "@/components/schedule/ScheduleHeader.tsx";
import ScheduleVersions from "@/islands/ScheduleVersions.tsx";
import { can } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { compareBoards, listVersionMetas } from "@/lib/schedule/versions.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { requireModule } from "@/server/module_page.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * The saved versions; `?a=&b=` (the comparison form without script)
   * also compares two boards.
   */
  async GET(ctx) {
    requireModule(ctx, "schedule");
    const cx = serviceContextOf(ctx);
    const versions = await listVersionMetas(cx.kv);
    const params = ctx.url.searchParams;
    const asked = { a: params.get("a") ?? "", b: params.get("b") ?? "" };
    const known = (id: string) =>
      id === "working" || versions.some((v) => v.id === id);
    let comparison = null;
    let pair = defaultPair(versions);
    if (known(asked.a) && known(asked.b)) {
      pair = asked;
      // A version deleted between the list and the comparison: no result.
      comparison = await compareBoards(cx, asked.a, asked.b).catch((e) => {
        if (e instanceof NotFoundError) return null;
        throw e;
      });
    }
    return page({ versions, pair, comparison });
  },
});

export default define.page<typeof handler>(function Versions(
  { data, state },
) {
  const user = state.user!;
  return (
    <>
      <ScheduleHeader
        base={`/p/${state.production!.slug}`}
        current="versions"
        role={user.role}
      />
      <ScheduleVersions
        initial={data.versions}
        canEdit={can(user, "schedule", "edit")}
        canLock={can(user, "schedule", "lock")}
        timeZone={timeZoneOf(state.production)}
        pair={data.pair}
        comparison={data.comparison}
      />
    </>
  );
});
