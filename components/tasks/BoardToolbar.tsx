import type { Notice } from "./board_rules.ts";

/**
 * Above the board: New task (management), a move's notice with its
 * Dismiss button, and the keyboard help.
 */
export function BoardToolbar(props: {
  management: boolean;
  notice: Notice | null;
  onNew: () => void;
  onDismiss: () => void;
}) {
  return (
    <div class="board-toolbar">
      {props.management && (
        <button
          type="button"
          class="button button-primary"
          onClick={props.onNew}
        >
          New task
        </button>
      )}
      {props.notice && (
        <div class="board-notice-row">
          <p class="form-error board-notice" role="alert">
            {props.notice.text}
          </p>
          <button
            type="button"
            class="button button-quiet"
            onClick={props.onDismiss}
          >
            Dismiss
          </button>
        </div>
      )}
      {
        /* Shown while a card has keyboard focus (CSS); screen readers get
          it as every card's description. */
      }
      <p id="board-help" class="board-help">
        <kbd>Space</kbd> picks up a card, <kbd>arrow keys</kbd> move it,{" "}
        <kbd>Space</kbd> drops it, <kbd>Escape</kbd> cancels. <kbd>Enter</kbd>
        {" "}
        opens it.
      </p>
    </div>
  );
}
