import { useEffect, useRef } from "preact/hooks";

/** A production as the switcher lists it. */
export interface ProductionLink {
  title: string;
  slug: string;
}

/**
 * The production a page shows, in the top bar, opening a list of the
 * user's other productions and "All productions" (the home page). A plain
 * `<details>` menu of links, so it works without JavaScript; once live,
 * Escape closes it (focus back on its button) and so does a click or focus
 * anywhere else.
 */
export default function ProductionSwitcher(
  { current, productions, admin = false }: {
    current: ProductionLink;
    /** The user's productions, the current one included. */
    productions: ProductionLink[];
    /** A studio admin also gets the way to `/admin`. */
    admin?: boolean;
  },
) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (target: EventTarget | null) => {
      const el = details.current;
      if (el?.open && !(target instanceof Node && el.contains(target))) {
        el.open = false;
      }
    };
    const onClick = (e: MouseEvent) => close(e.target);
    const onFocus = (e: FocusEvent) => close(e.target);
    addEventListener("click", onClick);
    addEventListener("focusin", onFocus);
    return () => {
      removeEventListener("click", onClick);
      removeEventListener("focusin", onFocus);
    };
  }, []);
  return (
    <details
      class="switcher"
      ref={details}
      onKeyDown={(e) => {
        const el = details.current;
        if (e.key !== "Escape" || !el?.open) return;
        // The sidebar's toggle listens for Escape too; one press, one close.
        e.stopPropagation();
        el.open = false;
        el.querySelector("summary")?.focus();
      }}
    >
      <summary class="switcher-button">
        <span class="visually-hidden">Production:</span>
        <span class="switcher-title">{current.title}</span>
      </summary>
      <nav class="switcher-menu" aria-label="Productions">
        <ul>
          {productions.map((p) => (
            <li key={p.slug}>
              <a
                href={`/p/${p.slug}`}
                aria-current={p.slug === current.slug ? "true" : undefined}
              >
                {p.title}
              </a>
            </li>
          ))}
        </ul>
        <a class="switcher-all" href="/">All productions</a>
        {admin && <a class="switcher-all" href="/admin">Studio admin</a>}
      </nav>
    </details>
  );
}
