import type { ComponentChildren } from "preact";

/** A calm "nothing here yet" panel with an optional action. */
export function EmptyState(
  { title, children }: { title: string; children?: ComponentChildren },
) {
  return (
    <div class="empty-state">
      <p class="empty-title">{title}</p>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}
