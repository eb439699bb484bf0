import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
} from "@/components/FormFields.tsx";
import { ROLE_LABELS } from "@/lib/roles.ts";
import type { AccountView } from "@/lib/studio/shared.ts";

/** The new-account form's fields, in order, as its summary names them. */
export const NEW_ACCOUNT_LABELS = {
  name: "Full name",
  username: "Username",
  password: "Temporary password",
};

/** The password-reset form's fields, in order. */
export const RESET_LABELS = {
  id: "Account",
  password: "New password",
};

/**
 * Every account of the studio: name, username, whether it is active and
 * a studio admin, what it is a member of with which role, and a button
 * to deactivate or reactivate it (never one's own).
 */
export function AccountsTable(
  { accounts, self }: { accounts: AccountView[]; self: string },
) {
  return (
    <div
      class="table-wrap"
      tabIndex={0}
      role="region"
      aria-label="Account table"
    >
      <table class="table admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Status</th>
            <th scope="col">Studio admin</th>
            <th scope="col">Member of</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id} class={a.active ? "" : "inactive"}>
              <td class="admin-title">{a.name}{a.id === self && " (you)"}</td>
              <td data-label="Username">{a.username}</td>
              <td data-label="Status">
                {a.active ? "Active" : "Deactivated"}
              </td>
              <td data-label="Studio admin">{a.admin ? "Yes" : "No"}</td>
              <td data-label="Member of">
                {a.memberships.length === 0
                  ? <span class="muted">No production</span>
                  : (
                    <ul class="plain-list">
                      {a.memberships.map((m) => (
                        <li key={m.productionId}>
                          {m.title} — {ROLE_LABELS[m.role]}
                        </li>
                      ))}
                    </ul>
                  )}
              </td>
              <td>
                {a.id !== self && (
                  <form method="post" class="inline-form">
                    <input type="hidden" name="intent" value="active" />
                    <input type="hidden" name="id" value={a.id} />
                    <input type="hidden" name="version" value={a.version} />
                    <input
                      type="hidden"
                      name="active"
                      value={String(!a.active)}
                    />
                    <button
                      type="submit"
                      class="button button-quiet"
                      aria-label={`${
                        a.active ? "Deactivate" : "Reactivate"
                      } ${a.name}`}
                    >
                      {a.active ? "Deactivate" : "Reactivate"}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "New account": a person who signs in to the studio, with a temporary
 * password, optionally a studio admin. A producer then adds them to a
 * production's team.
 */
export function NewAccountForm(
  { errors, draft, message }: {
    errors: FieldErrors;
    draft: Record<string, string>;
    message: string | null;
  },
) {
  const { field, error } = fieldErrors(
    "account",
    errors,
    Object.keys(NEW_ACCOUNT_LABELS),
  );
  return (
    <section class="card form-card" aria-labelledby="new-account-title">
      <h3 id="new-account-title">New account</h3>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="create_account" />
        <ErrorSummary
          prefix="account"
          errors={errors}
          labels={NEW_ACCOUNT_LABELS}
          message={message}
        />
        <div class="form-grid">
          <label class="field">
            <span>{NEW_ACCOUNT_LABELS.name}</span>
            <input
              name="name"
              required
              value={draft.name ?? ""}
              {...field("name")}
            />
            {error("name")}
          </label>
          <label class="field">
            <span>{NEW_ACCOUNT_LABELS.username}</span>
            <input
              name="username"
              required
              autocapitalize="none"
              spellcheck={false}
              value={draft.username ?? ""}
              {...field("username")}
            />
            {error("username")}
          </label>
          <label class="field">
            <span>{NEW_ACCOUNT_LABELS.password}</span>
            <input
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={8}
              {...field("password")}
            />
            {error("password")}
          </label>
          <label class="field">
            <span>Studio admin</span>
            <select name="admin" aria-describedby="account-admin-hint">
              <option value="false">No</option>
              <option value="true" selected={draft.admin === "true"}>
                Yes
              </option>
            </select>
            <span class="field-hint" id="account-admin-hint">
              Studio admins create productions and accounts.
            </span>
          </label>
        </div>
        <button type="submit" class="button button-primary">
          Create account
        </button>
      </form>
    </section>
  );
}

/**
 * "Reset a password": a new temporary password for an account; its
 * sessions end, so whoever held the old one is signed out.
 */
export function ResetPasswordForm(
  { accounts, errors, draft, message }: {
    accounts: AccountView[];
    errors: FieldErrors;
    draft: Record<string, string>;
    message: string | null;
  },
) {
  const { field, error } = fieldErrors(
    "reset",
    errors,
    Object.keys(RESET_LABELS),
  );
  return (
    <section class="card form-card" aria-labelledby="reset-title">
      <h3 id="reset-title">Reset a password</h3>
      <p class="muted">
        The account is signed out everywhere; give them the new password.
      </p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="password" />
        <ErrorSummary
          prefix="reset"
          errors={errors}
          labels={RESET_LABELS}
          message={message}
        />
        <div class="form-grid">
          <label class="field">
            <span>{RESET_LABELS.id}</span>
            <select name="id" required {...field("id")}>
              <option value="">Choose an account</option>
              {accounts.map((a) => (
                <option value={a.id} selected={a.id === draft.id}>
                  {a.name} ({a.username})
                </option>
              ))}
            </select>
            {error("id")}
          </label>
          <label class="field">
            <span>{RESET_LABELS.password}</span>
            <input
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minLength={8}
              {...field("password")}
            />
            {error("password")}
          </label>
        </div>
        <button type="submit" class="button">Reset password</button>
      </form>
    </section>
  );
}
