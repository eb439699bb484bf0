import { ErrorSummary, fieldErrors } from "@/components/FormFields.tsx";
import { type Role, ROLE_LABELS } from "@/lib/roles.ts";

/** The new-account form's fields, in order, as its error summary names them. */
const MEMBER_LABELS = {
  name: "Full name",
  username: "Username",
  role: "Role",
  password: "Temporary password",
};

/** The roles the viewer may give, as a labelled select. */
function RoleSelect(
  props: { grantable: Role[]; selected: string; attrs?: object; id?: string },
) {
  return (
    <select name="role" id={props.id} {...props.attrs}>
      {props.grantable.map((role) => (
        <option value={role} selected={role === props.selected}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

/**
 * "Add a crew member": a new account of the studio, a member here with a
 * role and a temporary password (a plain form post to the team page).
 */
export function NewMemberForm(props: {
  grantable: Role[];
  errors: Record<string, string>;
  draft: Record<string, string>;
  message: string | null;
}) {
  const { errors, draft } = props;
  const { field, error } = fieldErrors("", errors, Object.keys(MEMBER_LABELS));
  return (
    <section class="card form-card" aria-labelledby="add-title">
      <h2 id="add-title">Add a crew member</h2>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <ErrorSummary
          prefix=""
          errors={errors}
          labels={MEMBER_LABELS}
          message={props.message}
        />
        <div class="form-grid">
          <label class="field">
            <span>Full name</span>
            <input
              name="name"
              required
              value={draft.name ?? ""}
              {...field("name")}
            />
            {error("name")}
          </label>
          <label class="field">
            <span>Username</span>
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
            <span>Role</span>
            <RoleSelect
              grantable={props.grantable}
              selected={draft.role ?? "crew"}
              attrs={field("role")}
            />
            {error("role")}
          </label>
          <label class="field">
            <span>Temporary password</span>
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
        <button type="submit" class="button button-primary">
          Add member
        </button>
      </form>
    </section>
  );
}

/**
 * "Add someone with an account": a person who already has an account in
 * the studio (they work on another production) joins this one with a role.
 */
export function JoinMemberForm(props: { grantable: Role[] }) {
  return (
    <section class="card form-card" aria-labelledby="join-title">
      <h2 id="join-title">Add someone with an account</h2>
      <p class="muted">
        For people who already sign in to ProdSight for another production.
      </p>
      <form method="post">
        <input type="hidden" name="intent" value="join" />
        <div class="form-grid">
          <label class="field">
            <span>Their username</span>
            <input
              name="username"
              required
              autocapitalize="none"
              spellcheck={false}
            />
          </label>
          <label class="field">
            <span>Role</span>
            <RoleSelect grantable={props.grantable} selected="crew" />
          </label>
        </div>
        <button type="submit" class="button">Add to the production</button>
      </form>
    </section>
  );
}
