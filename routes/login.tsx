import { secureCookies } from "@/lib/http/security.ts";
import { clientAddress } from "@/lib/http/client_address.ts";
import { page } from "fresh";
import { LoginSchema, setSessionCookies } from "@/lib/auth/session.ts";
import { readForm } from "@/lib/http/body.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { safeNext } from "@/lib/navigation.ts";
import { define } from "@/server/state.ts";
import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  issueErrors,
} from "@/components/FormFields.tsx";

interface LoginData {
  username: string;
  next: string;
  error: string | null;
  /** Messages per field of a refused form, every field at once. */
  errors?: FieldErrors;
}

/** The form's fields, in order, as its error summary names them. */
const LABELS = { username: "Username", password: "Password" };

export const handler = define.handlers({
  GET(ctx) {
    const next = safeNext(ctx.url.searchParams.get("next"), ctx.url.origin);
    if (ctx.state.account) return ctx.redirect(next, 303);
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
      const errors = issueErrors(parsed.error.issues);
      return page<LoginData>({ username, next, error: null, errors }, {
        status: 400,
      });
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
  const errors = data.errors ?? {};
  const { field, error } = fieldErrors("login", errors, [
    "username",
    "password",
  ]);
  // A refused sign-in (wrong password, locked) concerns both fields.
  const refused = data.error
    ? { "aria-describedby": "login-error", "aria-invalid": true as const }
    : {};
  return (
    <main id="main" class="login">
      <form class="login-card" method="post" action="/login" noValidate>
        <p class="brand">ProdSight</p>
        <h1>Sign in</h1>
        <ErrorSummary
          prefix="login"
          errors={errors}
          labels={LABELS}
          message={data.error}
          id="login-error"
        />
        <input type="hidden" name="next" value={data.next} />
        <label class="field">
          <span>Username</span>
          <input
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            autofocus={Object.keys(errors).length === 0}
            value={data.username}
            {...refused}
            {...field("username")}
          />
          {error("username")}
        </label>
        <label class="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            {...refused}
            {...field("password")}
          />
          {error("password")}
        </label>
        <button type="submit" class="button button-primary">Sign in</button>
      </form>
    </main>
  );
});
