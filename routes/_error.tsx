import { HttpError, page } from "fresh";
import { Shell } from "@/components/Shell.tsx";
import { ProductionSlug } from "@/components/production_path.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "@/lib/errors.ts";
import { ApiError, errorResponse, toApiError } from "@/lib/http/errors.ts";
import { define } from "@/server/state.ts";

function isDomainError(error: unknown): boolean {
  return error instanceof NotFoundError || error instanceof ForbiddenError ||
    error instanceof ConflictError || error instanceof ValidationError;
}

/** API callers get the JSON error of DESIGN §4; browsers get a page. */
export const handler = define.handlers((ctx) => {
  if (ctx.url.pathname.startsWith("/api/")) return errorResponse(ctx.error);
  // Domain errors (lib/errors.ts) get the page of the status their JSON has.
  const known = ctx.error instanceof HttpError || isDomainError(ctx.error)
    ? toApiError(ctx.error)
    : null;
  const status = known?.status ?? 500;
  if (status >= 500) console.error(ctx.error);
  const code = ctx.error instanceof HttpError
    ? (ctx.error instanceof ApiError ? ctx.error.code : null)
    : known?.code ?? null;
  return page({ status, code }, { status });
});

/** Errors that need their own words, whatever their status. */
const CODE_MESSAGES: Record<string, [string, string]> = {
  forbidden_origin: [
    "This form came from another site",
    "ProdSight only accepts changes sent from its own pages, so nothing " +
    "was changed. Go back, reload the page and try again.",
  ],
};

const MESSAGES: Record<number, [string, string]> = {
  403: ["Not available to your role", "Your role cannot open this page."],
  404: ["Page not found", "There is nothing at this address."],
  405: ["Not allowed", "This page does not accept that kind of request."],
};

export default define.page<typeof handler>(function ErrorPage(
  { data, state, url },
) {
  const [title, text] = CODE_MESSAGES[data.code ?? ""] ??
    MESSAGES[data.status] ??
    (data.status < 500
      ? ["The request could not be handled", "Check the address and try again."]
      : ["Something went wrong", "The server hit an error. Please try again."]);
  const body = (
    <section class="error-page" aria-labelledby="error-title">
      <p class="error-code">{data.status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p>
        <a class="button" href="/">Back to your productions</a>
      </p>
    </section>
  );
  // Inside a production the member's frame (links into that production);
  // elsewhere, or where the production is not theirs to see, the account's.
  // Either may be unset: a request can fail before authentication ran.
  const user = state.user ?? state.account ?? null;
  if (user === null) return <main id="main" class="standalone">{body}</main>;
  const production = state.user ? state.production ?? null : null;
  return (
    <ProductionSlug.Provider value={production?.slug ?? null}>
      <Shell
        user={user}
        path={url.pathname}
        production={production &&
          { title: production.title, slug: production.slug }}
      >
        {body}
      </Shell>
    </ProductionSlug.Provider>
  );
});
