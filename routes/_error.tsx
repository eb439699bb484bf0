import { HttpError, page } from "fresh";
import { AppShell } from "../components/AppShell.tsx";
import { define } from "../lib/state.ts";

function statusOf(error: unknown): number {
  return error instanceof HttpError ? error.status : 500;
}

/** API callers get the JSON error shape of DESIGN §4; browsers a page. */
export const handler = define.handlers((ctx) => {
  const status = statusOf(ctx.error);
  if (ctx.url.pathname.startsWith("/api/")) {
    const message = status === 404
      ? "No such endpoint"
      : status < 500
      ? (ctx.error as HttpError).message
      : "Internal server error";
    const code = status === 404
      ? "not_found"
      : status === 405
      ? "method_not_allowed"
      : status < 500
      ? "bad_request"
      : "internal";
    return ctx.json({ error: { code, message } }, { status });
  }
  return page({ status }, { status });
});

export default define.page<typeof handler>(function ErrorPage({ data }) {
  const notFound = data.status === 404;
  return (
    <AppShell title={notFound ? "Page not found" : "Something went wrong"}>
      <p>
        {notFound
          ? "There is nothing at this address."
          : data.status < 500
          ? "The request could not be handled."
          : "The server hit an error. Please try again."}
      </p>
      <p>
        <a href="/">Back to the overview</a>
      </p>
    </AppShell>
  );
});
