/**
 * The stripboard's DOM helpers (browser only): where a drop at the pointer
 * lands, the element a focus key names, and scrolling a focused strip into
 * view clear of the sticky top bar.
 *
 * @module
 */

/**
 * The row a drop at the pointer lands before in the list under it (the
 * dragged strip left out), or the number of rows: after the last.
 */
export function dropIndex(e: DragEvent, dragged: string | null): number {
  const list = e.currentTarget as HTMLElement;
  const rows = [...list.querySelectorAll<HTMLElement>(":scope > [data-row]")]
    .filter((el) => el.dataset.sceneKey !== dragged || dragged === null);
  const at = rows.findIndex((el) => {
    const box = el.getBoundingClientRect();
    return e.clientY < box.top + box.height / 2;
  });
  return at === -1 ? rows.length : at;
}

/** The element of a focus key: `strip:<scene key>` or `day:<n>` (0-based). */
export function focusElement(key: string): HTMLElement | null {
  const [kind, id] = [
    key.slice(0, key.indexOf(":")),
    key.slice(key.indexOf(":") + 1),
  ];
  return kind === "strip"
    ? document.querySelector<HTMLElement>(
      `.sb-strip[data-scene-key="${CSS.escape(id)}"]`,
    )
    : document.querySelector<HTMLElement>(`.sb-day-head[data-day="${id}"]`);
}

/** Scrolls `el` into view, clear of the sticky top bar. */
export function reveal(el: HTMLElement): void {
  el.scrollIntoView({ block: "nearest", inline: "nearest" });
  const bar = document.querySelector(".topbar")?.getBoundingClientRect()
    .bottom ?? 0;
  const top = el.getBoundingClientRect().top;
  if (top < bar) scrollBy({ top: top - bar - 8 });
}
