import type { FsRouteFile, RouteModule } from "./build_cache.ts";
import type { Command } from "./commands.ts";
import type { Route } from "./segments.ts";

/** How a file-name segment matches: lower ranks are tried first. */
const enum Rank {
  Static = 0,
  Param = 1,
  Optional = 2,
  Rest = 3,
}

interface ParsedFile {
  file: FsRouteFile;
  /** Segment keys of the folder (groups included), for scoping. */
  scope: string[];
  /** File name without extension. */
  name: string;
  /** URL segments (groups and `index` dropped) with their rank. */
  url: { text: string; rank: Rank }[];
}

const GROUP = /^\(.+\)$/;

/** True for folders whose files are not routes, like `(_islands)`. */
function isPrivate(segment: string): boolean {
  return segment.startsWith("(_");
}

function toUrlSegment(segment: string): { text: string; rank: Rank } {
  let match = segment.match(/^\[\[(\w+)\]\]$/);
  if (match) return { text: `{/:${match[1]}}?`, rank: Rank.Optional };
  match = segment.match(/^\[\.\.\.(\w+)\]$/);
  if (match) return { text: `/:${match[1]}*`, rank: Rank.Rest };
  if (/\[\w+\]/.test(segment)) {
    return {
      text: `/${segment.replace(/\[(\w+)\]/g, ":$1")}`,
      rank: Rank.Param,
    };
  }
  return { text: `/${segment}`, rank: Rank.Static };
}

/** The scoping key of a folder: its URL form, or the group name. */
function scopeKey(segment: string): string {
  return GROUP.test(segment) ? segment : toUrlSegment(segment).text.slice(1);
}

function parse(file: FsRouteFile): ParsedFile | null {
  const parts = file.id.split("/");
  if (parts.some(isPrivate)) return null;
  const name = parts.pop()!;
  const url = parts.filter((p) => !GROUP.test(p)).map(toUrlSegment);
  if (name !== "index" && !name.startsWith("_")) url.push(toUrlSegment(name));
  return { file, scope: parts.map(scopeKey), name, url };
}

/** Turns a list of URL segments into a URLPattern pathname. */
export function toPattern(url: { text: string }[]): string {
  const pattern = url.map((s) => s.text).join("");
  return pattern === "" ? "/" : pattern;
}

/** Orders routes so the most specific dynamic pattern is tried first. */
function compareRoutes(a: ParsedFile, b: ParsedFile): number {
  const length = Math.min(a.url.length, b.url.length);
  for (let i = 0; i < length; i++) {
    const diff = a.url[i].rank - b.url[i].rank;
    if (diff !== 0) return diff;
  }
  if (a.url.length !== b.url.length) return a.url.length - b.url.length;
  return a.file.id < b.file.id ? -1 : a.file.id > b.file.id ? 1 : 0;
}

function toRoute<State>(id: string, mod: RouteModule): Route<State> {
  const handler = mod.handler ?? mod.handlers;
  if (handler === undefined && typeof mod.default !== "function") {
    throw new Error(
      `routes/${id}: export a \`handler\` or a default page component`,
    );
  }
  return { component: mod.default, handler, config: mod.config };
}

const SPECIAL_ORDER = ["_middleware", "_layout", "_error", "_404", "_500"];

/**
 * Converts the files under `routes/` into app commands: `_app` first, then
 * per folder (parents before children) its middleware, layout and error
 * route, then the routes, static before `[param]` before `[...rest]`.
 */
export function fsRouteCommands<State>(
  files: FsRouteFile[],
  prefix: string[] = [],
): Command<State>[] {
  const parsed = files.map(parse).filter((p): p is ParsedFile => p !== null);
  const specials = parsed.filter((p) => p.name.startsWith("_"))
    .sort((a, b) =>
      a.scope.length - b.scope.length ||
      SPECIAL_ORDER.indexOf(a.name) - SPECIAL_ORDER.indexOf(b.name)
    );
  const routes = parsed.filter((p) => !p.name.startsWith("_"))
    .sort(compareRoutes);

  const commands: Command<State>[] = [];
  for (const { file, scope, name } of specials) {
    const segment = [...prefix, ...scope];
    const { mod } = file;
    if (name === "_app") {
      commands.unshift({ type: "app", component: mod.default });
    } else if (name === "_middleware") {
      const fns = Array.isArray(mod.default) ? mod.default : [mod.default];
      commands.push({ type: "middleware", segment, fns });
    } else if (name === "_layout") {
      commands.push({
        type: "layout",
        segment,
        component: mod.default,
        config: mod.config ?? null,
      });
    } else if (name === "_error" || name === "_500") {
      commands.push({ type: "error", segment, route: toRoute(file.id, mod) });
    } else if (name === "_404") {
      commands.push({ type: "notFound", route: toRoute(file.id, mod) });
    }
  }
  const base = prefix.map((p) => `/${p}`).join("");
  for (const { file, scope, url } of routes) {
    commands.push({
      type: "route",
      segment: [...prefix, ...scope],
      pattern: base + (url.length === 0 && base !== "" ? "" : toPattern(url)),
      route: toRoute(file.id, file.mod),
    });
  }
  return commands;
}
