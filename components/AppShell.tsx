import type { ComponentChildren } from "preact";

/** The modules of the app, in navigation order. */
export const MODULES = [
  { href: "/tasks", label: "Tasks" },
  { href: "/budget", label: "Budget" },
  { href: "/script", label: "Script" },
  { href: "/vfx", label: "VFX" },
  { href: "/assets", label: "Assets" },
] as const;

/** Page chrome: header with the product name and the module navigation. */
export function AppShell(
  { title, children }: { title: string; children: ComponentChildren },
) {
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="app-header">
        <a class="brand" href="/">ProdSight</a>
        <nav aria-label="Modules">
          <ul>
            {MODULES.map((m) => (
              <li key={m.href}>
                <a href={m.href}>{m.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
