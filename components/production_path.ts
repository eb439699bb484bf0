/**
 * Production-relative links in components and islands: a page of one
 * production links to its own pages (`/tasks/t1` → `/p/<slug>/tasks/t1`).
 * On the server the production layout provides the slug; an island in
 * the browser (hydrated as its own root) reads it from the page's address.
 *
 * @example
 * ```tsx
 * const href = useHref();
 * return <a href={href(`/tasks/${task.id}`)}>{task.title}</a>;
 * ```
 *
 * @module
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { inProduction, slugOfPath } from "@/lib/production/paths.ts";

/** The slug of the production a page shows; null outside one. */
export const ProductionSlug = createContext<string | null>(null);

/** In the browser: the production of the page's address, or null. */
export function pageSlug(): string | null {
  return typeof location === "undefined" ? null : slugOfPath(location.pathname);
}

/** Maps production-relative paths into the page's production. */
export function useHref(): (path: string) => string {
  const slug = useContext(ProductionSlug) ?? pageSlug();
  return (path) => slug === null ? path : inProduction(slug, path);
}
