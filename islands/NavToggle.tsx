import { useEffect, useState } from "preact/hooks";

/**
 * Shows and hides the sidebar on narrow screens. Without JavaScript the
 * sidebar simply stays visible, so navigation never depends on this.
 */
export default function NavToggle() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const shell = document.getElementById("shell");
    shell?.setAttribute("data-nav", open ? "open" : "closed");
  }, [open]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  return (
    <button
      type="button"
      class="nav-toggle"
      aria-controls="sidebar"
      aria-expanded={open}
      onClick={() => setOpen(!open)}
    >
      <span class="visually-hidden">{open ? "Close menu" : "Open menu"}</span>
      <span aria-hidden="true">☰</span>
    </button>
  );
}
