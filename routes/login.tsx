import { secureCookies } from "../lib/http/security.ts";
import { clientAddress } from "../lib/http/client_address.ts";
import { page } from "fresh";
import { LoginSchema, setSessionCookies } from "../lib/auth/session.ts";
import { readForm } from "../lib/http/body.ts";
import { toApiError } from "../lib/http/errors.ts";
import { safeNext } from "../lib/navigation.ts";
import { define } from "../lib/state.ts";

interface LoginData {
  username: string;
  next: string;
  error: string | null;
}

export const handler = define.handlers({
  GET(ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"), ctx.url.origin);
    if (ctx.state.user) return ctx.redirect(next, 303);
    return page<LoginData>({ username: "", next, error: null });
  },
  async POST(ctx) {
    const form = await readForm(ctx.req);
    const next = safeNext(form.get("next"), ctx.url.origin);
    const username = (form.get("username") ?? "").slice(0, 64);
    const parsed = LoginSchema.safeParse({
      username,
      password: form.get("password") ?? "",
    });
    if (!parsed.success) {
      const error = parsed.error.issues[0].message;
      return page<LoginData>({ username, next, error }, { status: 400 });
    }
    try {
      const session = await ctx.state.services.auth.login(
        parsed.data,
        clientAddress(ctx.info),
      );
      const res = ctx.redirect(next, 303);
      setSessionCookies(
        res.headers,
        session,
        secureCookies(ctx.state.services.config, ctx.url),
      );
      return res;
    } catch (error) {
      const e = toApiError(error);
      return page<LoginData>({ username, next, error: e.message }, {
        status: e.status,
        headers: e.headers,
      });
    }
  },
});

export default define.page<typeof handler>(function Login({ data }) {
  return (
    <main id="main" class="login">
      <form class="login-card" method="post" action="/login" noValidate>
        <p class="brand">ProdSight</p>
        <h1>Sign in</h1>
        {data.error && (
          <p class="form-error" role="alert" id="login-error">{data.error}</p>
        )}
        <input type="hidden" name="next" value={data.next} />
        <label class="field">
          <span>Username</span>
          <input
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            autofocus
            value={data.username}
            aria-describedby={data.error ? "login-error" : undefined}
            aria-invalid={data.error ? true : undefined}
          />
        </label>
        <label class="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby={data.error ? "login-error" : undefined}
            aria-invalid={data.error ? true : undefined}
          />
        </label>
        <button type="submit" class="button button-primary">Sign in</button>
      </form>
    </main>
  );
});
