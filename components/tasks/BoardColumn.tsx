import type { ComponentChildren } from "preact";
import type { Status } from "@/lib/tasks/board.ts";

/**
 * One column of the board: its title and count, and the list cards are
 * dropped on (the cards are the children).
 */
export function BoardColumn(props: {
  status: Status;
  label: string;
  count: number;
  /** A dragged card is over this column. */
  dropTarget: boolean;
  children: ComponentChildren;
  onDragOver: (e: DragEvent) => void;
  onDragLeave: () => void;
  onDrop: (e: DragEvent) => void;
}) {
  const { status } = props;
  return (
    <section class="board-column" aria-labelledby={`col-${status}`}>
      <h2 id={`col-${status}`} class="column-title">
        {props.label} <span class="count">{props.count}</span>
      </h2>
      <ol
        class={`column-cards${props.dropTarget ? " is-drop-target" : ""}`}
        data-status={status}
        onDragOver={props.onDragOver}
        onDragLeave={props.onDragLeave}
        onDrop={props.onDrop}
      >
        {props.count === 0 && <li class="column-empty muted">No tasks</li>}
        {props.children}
      </ol>
    </section>
  );
}
