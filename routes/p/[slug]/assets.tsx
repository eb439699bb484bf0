import { type Context, page } from "fresh";
import { FilterForm, FilterSelect } from "@/components/FilterForm.tsx";
import { SinceLastLooked } from "@/components/SinceLastLooked.tsx";
import { AssetQuerySchema } from "@/lib/assets/schemas.ts";
import { lenientQuery } from "@/lib/http/query.ts";
import type { AssetFilters } from "@/components/assets/model.ts";
import AssetLibrary from "@/islands/AssetLibrary.tsx";
import { deleteFile, listFiles } from "@/lib/assets/service.ts";
import {
  CATEGORY_LABELS,
  CATEGORY_ORDER,
  formatBytes,
} from "@/lib/assets/shared.ts";
import { uploadLimit } from "@/lib/assets/upload.ts";
import { readForm } from "@/lib/http/body.ts";
import { sinceLastLooked } from "@/lib/last_seen/service.ts";
import type { SinceLastLooked as Since } from "@/lib/last_seen/shared.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { ApiError, toApiError } from "@/lib/http/errors.ts";
import { requireModule } from "@/server/module_page.ts";
import { flaggedIds } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { can } from "@/lib/policy.ts";
import { define, type State } from "@/server/state.ts";
import { teamRoster } from "@/lib/team/service.ts";
import { inProduction } from "@/lib/production/paths.ts";

const NOTICES: Record<string, string> = {
  deleted: "File deleted.",
};

async function loadPage(ctx: Context<State>) {
  const user = ctx.state.user!;
  const cx = serviceContextOf(ctx);
  const { config } = ctx.state.services;
  const filters: AssetFilters = lenientQuery(
    AssetQuerySchema,
    ctx.url.searchParams,
  );
  const [assets, team, flagged] = await Promise.all([
    listFiles(cx, filters),
    teamRoster(cx),
    flaggedIds(cx, "asset"),
  ]);
  const people = team
    .map((u) => ({ id: u.id, name: u.active ? u.name : `${u.name} (left)` }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const shown = Object.keys(NOTICES).find((key) =>
    ctx.url.searchParams.has(key)
  );
  return {
    assets,
    flagged,
    people,
    filters,
    viewer: {
      id: user.id,
      // The office may delete every file; anyone may delete their own.
      office: can(user, "assets", "delete", {}),
    },
    canUpload: can(user, "assets", "upload"),
    maxBytes: uploadLimit(config),
    timeZone: timeZoneOf(ctx.state.production),
    notice: shown ? NOTICES[shown] : null,
    error: null as string | null,
    since: null as Since | null,
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "assets");
    // First: the new mark is the log's head before the data is read.
    const since = await sinceLastLooked(serviceContextOf(ctx), "assets");
    return page({ ...await loadPage(ctx), since });
  },
  /**
   * The delete buttons without JavaScript (`intent=delete`, `id`): success
   * redirects (303) back to the page; a refusal renders it with the message.
   */
  async POST(ctx) {
    requireModule(ctx, "assets");
    const form = await readForm(ctx.req);
    if (form.get("intent") !== "delete") {
      throw new ApiError(400, "bad_request", "Unknown form action");
    }
    try {
      await deleteFile(serviceContextOf(ctx), form.get("id") ?? "");
      return ctx.redirect(
        inProduction(ctx.params.slug, "/assets?deleted"),
        303,
      );
    } catch (error) {
      const e = toApiError(error);
      return page(
        { ...await loadPage(ctx), error: e.message },
        { status: e.status },
      );
    }
  },
});

export default define.page<typeof handler>(function AssetsPage({ data }) {
  const { filters } = data;
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">Production files</p>
        <h1>Assets</h1>
        <p class="muted">
          Scripts, storyboards, stills, audio and documents for the whole team.
          Uploads up to{" "}
          {formatBytes(data.maxBytes)}; new files and deletions appear for
          everyone as they happen.
        </p>
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {data.error && <p class="form-error" role="alert">{data.error}</p>}
      <SinceLastLooked since={data.since} timeZone={data.timeZone} />
      <FilterForm
        label="Filter files"
        class="asset-filters"
        clearHref={filters.category || filters.uploader ? "/assets" : null}
      >
        <FilterSelect
          name="category"
          label="Category"
          anyLabel="All categories"
          options={CATEGORY_ORDER.map((c) => ({
            value: c,
            label: CATEGORY_LABELS[c],
          }))}
          selected={filters.category}
        />
        <FilterSelect
          name="uploader"
          label="Uploaded by"
          anyLabel="Anyone"
          options={data.people.map((p) => ({
            value: p.id,
            label: p.id === data.viewer.id ? `${p.name} (you)` : p.name,
          }))}
          selected={filters.uploader}
        />
      </FilterForm>
      <AssetLibrary
        initial={data.assets}
        viewer={data.viewer}
        filters={filters}
        maxBytes={data.maxBytes}
        canUpload={data.canUpload}
        timeZone={data.timeZone}
        flagged={data.flagged}
      />
    </>
  );
});
