/**
 * Whether the island runs in the browser yet: false in the server's HTML
 * and on the first render in the browser (so hydration matches), true once
 * mounted. Controls that need JavaScript appear only then.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";

/**
 * True once the component has mounted in the browser.
 *
 * @example
 * ```tsx
 * const hydrated = useHydrated();
 * return <button type="button" disabled={!hydrated}>Upload</button>;
 * ```
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
