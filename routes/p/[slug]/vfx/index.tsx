import { page } from "fresh";
import { FilterForm, FilterSelect } from "@/components/FilterForm.tsx";
import { SinceLastLooked } from "@/components/SinceLastLooked.tsx";
import { lenientQuery } from "@/lib/http/query.ts";
import { sinceLastLooked } from "@/lib/last_seen/service.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import type { Person, ShotFilters } from "@/components/vfx/model.ts";
import ShotTable from "@/islands/ShotTable.tsx";
import { requireModule } from "@/server/module_page.ts";
import { can } from "@/lib/policy.ts";
import { sceneRefs } from "@/lib/vfx/scene_links.ts";
import { takesShots } from "@/lib/vfx/service_rules.ts";
import { define } from "@/server/state.ts";
import { teamRoster } from "@/lib/team/service.ts";
import { STATUS_LABELS, STATUS_ORDER } from "@/lib/vfx/shared.ts";
import { ShotQuerySchema } from "@/lib/vfx/schemas.ts";
import { listShots } from "@/lib/vfx/service.ts";
import { flaggedIds } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";

/** The filters the shot table offers (the API also takes `sceneKey`). */
const PageFilterSchema = ShotQuerySchema.pick({
  status: true,
  assignee: true,
  vendor: true,
});

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "vfx");
    const user = ctx.state.user!;
    const { kv } = ctx.state;
    const filters: ShotFilters = lenientQuery(
      PageFilterSchema,
      ctx.url.searchParams,
    );
    const cx = serviceContextOf(ctx);
    const production = ctx.state.production!;
    // First: the new mark is the log's head before the data is read.
    const since = await sinceLastLooked(cx, "vfx");
    const [all, shown, team, scenes, flagged] = await Promise.all([
      listShots(cx),
      listShots(cx, filters),
      teamRoster(cx),
      sceneRefs(kv, user),
      flaggedIds(cx, "shot"),
    ]);
    const names = Object.fromEntries(team.map((u) => [u.id, u.name]));
    // Who a shot may be assigned to: the service's own rule.
    const people: Person[] = team
      .filter(takesShots)
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    // Vendors by their spelling in the shots, one entry per name.
    const vendors = [
      ...new Map(
        all.filter((s) => s.vendor !== "")
          .map((s) => [s.vendor.toLowerCase(), s.vendor]),
      ).values(),
    ].sort((a, b) => a.localeCompare(b));
    return page({
      shots: shown,
      total: all.length,
      names,
      scenes,
      people,
      vendors,
      currency: production.currency,
      filters,
      productionTitle: production.title,
      canCreate: can(user, "vfx", "write_shots"),
      flagged,
      since,
      timeZone: timeZoneOf(production),
    });
  },
});

export default define.page<typeof handler>(function VfxPage({ data }) {
  const { filters } = data;
  const selectedVendor = filters.vendor?.toLowerCase();
  // A filter from a link may name a vendor or person the lists lack:
  // keep it selectable, so the form shows what the table is filtered by.
  const vendors = filters.vendor !== undefined &&
      !data.vendors.some((v) => v.toLowerCase() === selectedVendor)
    ? [...data.vendors, filters.vendor]
    : data.vendors;
  const people = filters.assignee !== undefined &&
      !data.people.some((p) => p.id === filters.assignee)
    ? [...data.people, {
      id: filters.assignee,
      name: data.names[filters.assignee] ?? "Unknown person",
    }]
    : data.people;
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">{data.productionTitle ?? "Production"} · VFX</p>
        <h1>VFX shots</h1>
        <p class="muted">
          Every shot of the breakdown with its vendor, bid and review status.
          Submissions and reviews appear here as they happen.
        </p>
      </header>
      <SinceLastLooked since={data.since} timeZone={data.timeZone} />
      <FilterForm label="Filter shots" clearHref="/vfx">
        <FilterSelect
          name="status"
          label="Status"
          anyLabel="Any"
          options={STATUS_ORDER.map((s) => ({
            value: s,
            label: STATUS_LABELS[s],
          }))}
          selected={filters.status}
        />
        <FilterSelect
          name="assignee"
          label="Assignee"
          anyLabel="Anyone"
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          selected={filters.assignee}
        />
        <FilterSelect
          name="vendor"
          label="Vendor"
          anyLabel="Any"
          options={vendors.map((v) => ({ value: v, label: v }))}
          selected={vendors.find((v) => v.toLowerCase() === selectedVendor)}
        />
      </FilterForm>
      <ShotTable
        initial={data.shots}
        names={data.names}
        scenes={data.scenes}
        people={data.people}
        vendors={data.vendors}
        currency={data.currency}
        filters={filters}
        total={data.total}
        canCreate={data.canCreate}
        flagged={data.flagged}
        seen={data.since.marks}
      />
    </>
  );
});
