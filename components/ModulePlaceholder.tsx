import { EmptyState } from "./EmptyState.tsx";

/** A module page whose features have not shipped yet: says so plainly. */
export function ModulePlaceholder(
  { title, description }: { title: string; description: string },
) {
  return (
    <>
      <header class="page-header">
        <h1>{title}</h1>
      </header>
      <EmptyState title={`${title} is not available yet`}>
        <p>{description}</p>
      </EmptyState>
    </>
  );
}
