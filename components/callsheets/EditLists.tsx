import type {
  CastCall,
  CrewCall,
  DepartmentNote,
  SetAddress,
} from "@/lib/callsheets/shared.ts";
import {
  MAX_ADDRESS_LENGTH,
  MAX_LOCATIONS,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
} from "@/lib/callsheets/shared.ts";

/** Replaces item `i` of `list` with `item`. */
function put<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, j) => j === i ? item : x);
}

/** The cast lines: actor, call, on set and a note per cast number. */
export function EditCast(
  { cast, onChange }: { cast: CastCall[]; onChange: (c: CastCall[]) => void },
) {
  if (cast.length === 0) return <p class="muted">No cast on this day.</p>;
  return (
    <div class="cs-edit-rows">
      {cast.map((c, i) => (
        <fieldset key={c.castNumber} class="cs-edit-row">
          <legend>{c.castNumber}. {c.character}</legend>
          <label class="field">
            <span>Actor</span>
            <input
              value={c.actor}
              maxLength={MAX_NAME_LENGTH}
              onInput={(e) =>
                onChange(put(cast, i, { ...c, actor: e.currentTarget.value }))}
            />
          </label>
          <label class="field cs-field-time">
            <span>Call</span>
            <input
              type="time"
              required
              value={c.call}
              onInput={(e) =>
                onChange(put(cast, i, { ...c, call: e.currentTarget.value }))}
            />
          </label>
          <label class="field cs-field-time">
            <span>On set</span>
            <input
              type="time"
              required
              value={c.onSet}
              onInput={(e) =>
                onChange(put(cast, i, { ...c, onSet: e.currentTarget.value }))}
            />
          </label>
          <label class="field">
            <span>Note</span>
            <input
              value={c.note}
              maxLength={MAX_NAME_LENGTH}
              onInput={(e) =>
                onChange(put(cast, i, { ...c, note: e.currentTarget.value }))}
            />
          </label>
        </fieldset>
      ))}
    </div>
  );
}

/** The members called: an own time or the general call; remove, add. */
export function EditCrew(
  { crew, names, members, onChange }: {
    crew: CrewCall[];
    names: ReadonlyMap<string, string>;
    /** Active members who may be added. */
    members: { id: string; name: string }[];
    onChange: (c: CrewCall[]) => void;
  },
) {
  const on = new Set(crew.map((c) => c.userId));
  const addable = members.filter((m) => !on.has(m.id));
  return (
    <div class="cs-edit-rows">
      <p class="muted">Leave a time empty for the general call.</p>
      <ul class="plain-list cs-edit-crew">
        {crew.map((c, i) => {
          const name = names.get(c.userId) ?? "A former member";
          return (
            <li key={c.userId}>
              <label class="cs-crew-call">
                <span>{name}</span>
                <input
                  type="time"
                  value={c.call ?? ""}
                  onInput={(e) =>
                    onChange(put(crew, i, {
                      ...c,
                      call: e.currentTarget.value || null,
                    }))}
                />
              </label>
              <button
                type="button"
                class="button button-quiet"
                aria-label={`Remove ${name}`}
                onClick={() => onChange(crew.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      {addable.length > 0 && (
        <label class="field cs-add-member">
          <span>Call another member</span>
          <select
            value=""
            onChange={(e) => {
              const id = e.currentTarget.value;
              if (id) onChange([...crew, { userId: id, call: null }]);
            }}
          >
            <option value="">Choose a member…</option>
            {addable.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** Set addresses: one per set, plus lines the office adds (base camp…). */
export function EditLocations(
  { locations, onChange }: {
    locations: SetAddress[];
    onChange: (l: SetAddress[]) => void;
  },
) {
  return (
    <div class="cs-edit-rows">
      {locations.map((l, i) => (
        <div key={i} class="cs-edit-pair">
          <label class="field">
            <span>Set or place</span>
            <input
              value={l.set}
              required
              maxLength={MAX_NAME_LENGTH}
              onInput={(e) =>
                onChange(
                  put(locations, i, { ...l, set: e.currentTarget.value }),
                )}
            />
          </label>
          <label class="field">
            <span>Address</span>
            <input
              value={l.address}
              maxLength={MAX_ADDRESS_LENGTH}
              onInput={(e) =>
                onChange(
                  put(locations, i, { ...l, address: e.currentTarget.value }),
                )}
            />
          </label>
          <button
            type="button"
            class="button button-quiet"
            aria-label={`Remove ${l.set || "this line"}`}
            onClick={() => onChange(locations.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      {locations.length < MAX_LOCATIONS && (
        <button
          type="button"
          class="button"
          onClick={() => onChange([...locations, { set: "", address: "" }])}
        >
          Add a place
        </button>
      )}
    </div>
  );
}

/** A note per department (empty notes are left off the printed sheet). */
export function EditNotes(
  { notes, onChange }: {
    notes: DepartmentNote[];
    onChange: (n: DepartmentNote[]) => void;
  },
) {
  return (
    <div class="cs-edit-notes">
      {notes.map((n, i) => (
        <label key={n.department} class="field">
          <span>{n.department}</span>
          <textarea
            rows={2}
            maxLength={MAX_NOTE_LENGTH}
            value={n.text}
            onInput={(e) =>
              onChange(put(notes, i, { ...n, text: e.currentTarget.value }))}
          />
        </label>
      ))}
    </div>
  );
}
