import type { ComponentChildren } from "preact";

/**
 * Above the board: Add day (production office), the filters (children),
 * a refused edit's notice, who else changed what (polite live region) and
 * the keyboard help.
 */
export function StripboardToolbar(
  { canEdit, notice, liveNote, onAddDay, onDismiss, children }: {
    canEdit: boolean;
    notice: string | null;
    liveNote: string;
    onAddDay: () => void;
    onDismiss: () => void;
    children?: ComponentChildren;
  },
) {
  return (
    <div class="sb-toolbar">
      <div class="sb-toolbar-row">
        {canEdit && (
          <button
            type="button"
            class="button button-primary"
            onClick={onAddDay}
          >
            Add day
          </button>
        )}
        {children}
        {canEdit && (
          <>
            <p id="sb-help" class="board-help sb-help">
              <kbd>Space</kbd> picks up a strip, <kbd>arrow keys</kbd>{" "}
              move it (left and right: a day at a time), <kbd>Space</kbd>{" "}
              drops it, <kbd>Escape</kbd> cancels. <kbd>Enter</kbd>{" "}
              opens its scene.
            </p>
            <p id="sb-day-help" class="visually-hidden">
              Space picks up the day, up and down arrows move it, Space drops
              it, Escape cancels.
            </p>
          </>
        )}
      </div>
      {notice && (
        <div class="board-notice-row">
          <p class="form-error board-notice" role="alert">{notice}</p>
          <button
            type="button"
            class="button button-quiet"
            onClick={onDismiss}
          >
            Dismiss
          </button>
        </div>
      )}
      <p class="sb-live muted" role="status" aria-live="polite">{liveNote}</p>
    </div>
  );
}
