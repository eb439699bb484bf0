import { page } from "fresh";
import { z } from "zod";
import { type FieldErrors, issueErrors } from "@/components/FormFields.tsx";
import { Shell } from "@/components/Shell.tsx";
import {
  AccountsTable,
  NewAccountForm,
  ResetPasswordForm,
} from "@/components/studio/AccountsAdmin.tsx";
import {
  NewProductionForm,
  ProductionsTable,
} from "@/components/studio/ProductionsAdmin.tsx";
import { readForm } from "@/lib/http/body.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { SLUG_PATTERN } from "@/lib/production/shared.ts";
import {
  createAccount,
  listAccounts,
  updateAccount,
} from "@/lib/studio/account_service.ts";
import type { StudioContext } from "@/lib/studio/context.ts";
import {
  createProduction,
  listStudioProductions,
  setArchived,
} from "@/lib/studio/production_service.ts";
import { NewAccountSchema, NewProductionSchema } from "@/lib/studio/schemas.ts";
import { PasswordSchema } from "@/lib/team/schemas.ts";
import type { AccountView, StudioProductionView } from "@/lib/studio/shared.ts";
import { adminContextOf } from "@/server/studio_context.ts";
import { define } from "@/server/state.ts";

/** Which form a failed post came from: its errors show in it. */
type FormName = "production" | "account" | "reset";

interface AdminData {
  productions: StudioProductionView[];
  accounts: AccountView[];
  notice: string | null;
  /** The slug of the production just created, for a link to it. */
  created: string | null;
  /** A refusal of a row's button (archive, deactivate), above the lists. */
  error: string | null;
  failed: FormName | null;
  fieldErrors: FieldErrors;
  draft: Record<string, string>;
}

const NOTICES: Record<string, string> = {
  production_created:
    "Production created, with you as its producer: add its team from its Team page.",
  archived:
    "Production archived: its members can read it, nobody can change it.",
  unarchived: "Production unarchived: its members can work in it again.",
  account_created:
    "Account created. Share the temporary password with them; a producer adds them to a production's team.",
  deactivated: "Account deactivated: its sessions have ended.",
  reactivated: "Account reactivated: they can sign in again.",
  password_reset:
    "Password reset: the account is signed out everywhere. Share the new password with them.",
};

const RowAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["archive", "unarchive"]),
    id: z.string().min(1),
  }),
  z.object({
    intent: z.literal("active"),
    id: z.string().min(1),
    version: z.coerce.number().int().positive(),
    active: z.enum(["true", "false"]),
  }),
]);

async function load(
  cx: StudioContext,
  rest: Partial<AdminData> = {},
): Promise<AdminData> {
  const [productions, accounts] = await Promise.all([
    listStudioProductions(cx),
    listAccounts(cx),
  ]);
  return {
    productions,
    accounts,
    notice: null,
    created: null,
    error: null,
    failed: null,
    fieldErrors: {},
    draft: {},
    ...rest,
  };
}

/** Signed out: to sign-in and back here. */
function toLogin(ctx: { redirect: (to: string, status: number) => Response }) {
  return ctx.redirect(`/login?next=${encodeURIComponent("/admin")}`, 303);
}

/** The new production as the form gives it (a blank slug: made from the name). */
function productionInput(form: Record<string, string>) {
  const { title, slug, kind, company, currency, timeZone } = form;
  return {
    title,
    ...(slug?.trim() ? { slug } : {}),
    kind,
    company,
    currency,
    timeZone,
    startDate: form.startDate,
    wrapDate: form.wrapDate,
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    if (ctx.state.account === null) return toLogin(ctx);
    const cx = adminContextOf(ctx);
    const done = ctx.url.searchParams.get("done") ?? "";
    const slug = ctx.url.searchParams.get("slug") ?? "";
    return page<AdminData>(
      await load(cx, {
        notice: NOTICES[done] ?? null,
        created: done === "production_created" && SLUG_PATTERN.test(slug)
          ? slug
          : null,
      }),
    );
  },
  async POST(ctx) {
    if (ctx.state.account === null) return toLogin(ctx);
    const cx = adminContextOf(ctx);
    const form = Object.fromEntries(await readForm(ctx.req));
    const draft = { ...form, password: "" };
    const fail = async (
      status: number,
      failed: FormName | null,
      error: string | null,
      fieldErrors: FieldErrors = {},
    ) =>
      page<AdminData>(
        await load(cx, { failed, error, fieldErrors, draft }),
        { status },
      );
    const formOf: Record<string, FormName> = {
      create_production: "production",
      create_account: "account",
      password: "reset",
    };
    const failed = formOf[form.intent] ?? null;
    try {
      if (form.intent === "create_production") {
        const parsed = NewProductionSchema.safeParse(productionInput(form));
        if (!parsed.success) {
          return await fail(
            400,
            failed,
            null,
            issueErrors(parsed.error.issues),
          );
        }
        const created = await createProduction(cx, parsed.data);
        return ctx.redirect(
          `/admin?done=production_created&slug=${created.slug}`,
          303,
        );
      }
      if (form.intent === "create_account") {
        const parsed = NewAccountSchema.safeParse({
          username: form.username,
          name: form.name,
          password: form.password,
          admin: form.admin === "true",
        });
        if (!parsed.success) {
          return await fail(
            400,
            failed,
            null,
            issueErrors(parsed.error.issues),
          );
        }
        await createAccount(cx, parsed.data);
        return ctx.redirect("/admin?done=account_created", 303);
      }
      if (form.intent === "password") {
        const password = PasswordSchema.safeParse(form.password);
        const errors: FieldErrors = {};
        if (!form.id) errors.id = "Choose the account";
        if (!password.success) {
          errors.password = password.error.issues[0].message;
        }
        if (!password.success || !form.id) {
          return await fail(400, failed, null, errors);
        }
        await updateAccount(cx, form.id, { password: password.data });
        return ctx.redirect("/admin?done=password_reset", 303);
      }
      const action = RowAction.safeParse(form);
      if (!action.success) {
        return await fail(400, null, "That change was not understood.");
      }
      if (action.data.intent === "active") {
        const { id, version, active } = action.data;
        await updateAccount(cx, id, { active: active === "true" }, version);
        return ctx.redirect(
          `/admin?done=${active === "true" ? "reactivated" : "deactivated"}`,
          303,
        );
      }
      const { id, intent } = action.data;
      await setArchived(cx, id, intent === "archive");
      return ctx.redirect(`/admin?done=${intent}d`, 303);
    } catch (error) {
      const e = toApiError(error);
      if (e.status >= 500) throw error;
      if (e.code === "slug_taken") {
        return await fail(409, failed, null, { slug: e.message });
      }
      if (e.code === "username_taken") {
        return await fail(409, failed, null, { username: e.message });
      }
      if (e.code === "validation") {
        return await fail(400, failed, null, issueErrors(e.details));
      }
      const message = e.code === "version_conflict"
        ? "Someone changed this account meanwhile; the list below is current."
        : e.message;
      // A form's refusal shows in the form; a row's above the lists.
      return await fail(e.status, failed, message);
    }
  },
});

export default define.page<typeof handler>(function Admin({ data, state }) {
  const account = state.account!;
  const errorsOf = (name: FormName) =>
    data.failed === name ? data.fieldErrors : {};
  const messageOf = (name: FormName) =>
    data.failed === name ? data.error : null;
  const draftOf = (name: FormName) => data.failed === name ? data.draft : {};
  const mine = new Set(
    data.accounts.find((a) => a.id === account.id)?.memberships.map((m) =>
      m.productionId
    ) ?? [],
  );
  return (
    <Shell user={account} path="/admin">
      <header class="page-header">
        <h1>Studio administration</h1>
        <p class="muted">
          {data.productions.length} productions · {data.accounts.length}{" "}
          accounts
        </p>
      </header>
      {data.notice && (
        <p class="notice" role="status">
          {data.notice}
          {data.created && (
            <>
              {" "}
              <a href={`/p/${data.created}`}>Open it</a>
            </>
          )}
        </p>
      )}
      {data.error && data.failed === null && (
        <p class="form-error" role="alert">{data.error}</p>
      )}
      <section class="team-forms" aria-labelledby="productions-title">
        <h2 id="productions-title">Productions</h2>
        <ProductionsTable productions={data.productions} mine={mine} />
        <NewProductionForm
          errors={errorsOf("production")}
          draft={draftOf("production")}
          message={messageOf("production")}
        />
      </section>
      <section class="team-forms" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Accounts</h2>
        <AccountsTable accounts={data.accounts} self={account.id} />
        <NewAccountForm
          errors={errorsOf("account")}
          draft={draftOf("account")}
          message={messageOf("account")}
        />
        <ResetPasswordForm
          accounts={data.accounts}
          errors={errorsOf("reset")}
          draft={draftOf("reset")}
          message={messageOf("reset")}
        />
      </section>
    </Shell>
  );
});
