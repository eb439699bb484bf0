import {
  type ComponentType,
  Fragment,
  h,
  isValidElement,
  options,
  type VNode,
} from "preact";
import { renderToString } from "preact-render-to-string";
import type { BuildCache, IslandInfo } from "../../build_cache.ts";
import { isSignal, signalStringifiers } from "../../jsonify/signals.ts";
import { stringify } from "../../jsonify/stringify.ts";
import { setBuildId } from "../build_id.ts";

interface RenderState {
  buildCache: BuildCache;
  nonce: string;
  basePath: string;
  islands: { info: IslandInfo; props: Record<string, unknown> }[];
  depth: number;
  scriptsRendered: boolean;
}

interface IslandRootProps {
  info: IslandInfo;
  fn: ComponentType;
  islandKey: string;
  props: Record<string, unknown>;
}

// Rendering to a string is synchronous, so one module-level slot is enough
// to tell the hooks below which request they are rendering.
let current: RenderState | null = null;
const islandRoots = new WeakSet<VNode>();

/**
 * Renders a document to HTML. Island components are wrapped in
 * `<!--frsh:island:NAME:PROPS:KEY-->` markers and, when any rendered, a
 * module script that boots them is appended to `<body>`, carrying a fresh
 * nonce for a Content-Security-Policy.
 */
export function renderToHtml(
  root: VNode,
  buildCache: BuildCache,
  basePath: string,
): { html: string; nonce: string } {
  const state: RenderState = {
    buildCache,
    nonce: createNonce(),
    basePath,
    islands: [],
    depth: 0,
    scriptsRendered: false,
  };
  setBuildId(buildCache.buildId);
  current = state;
  try {
    let html = renderToString(root);
    if (state.islands.length > 0 && !state.scriptsRendered) {
      // The app wrapper rendered no <body>: the script still has to run.
      html += renderToString(h(FreshScripts, null));
    }
    return { html, nonce: state.nonce };
  } finally {
    current = null;
  }
}

function IslandRoot({ info, fn, islandKey, props }: IslandRootProps) {
  const state = current!;
  for (const [name, value] of Object.entries(props)) {
    // Signals pass isValidElement (they render as text), but are data.
    const isJsx = isValidElement(value) && !isSignal(value);
    if ((name === "children" && value !== undefined) || isJsx) {
      throw new Error(
        `Island "${info.name}": prop "${name}" is JSX, which this Fresh ` +
          `subset cannot pass to islands; pass data instead`,
      );
    }
  }
  const index = state.islands.push({ info, props }) - 1;
  return h(
    Fragment,
    null,
    comment(`frsh:island:${info.name}:${index}:${islandKey}`),
    h(fn, props),
    comment("/frsh:island"),
  );
}

function comment(text: string): VNode {
  return h(Fragment, { UNSTABLE_comment: text } as Record<string, unknown>);
}

function FreshScripts() {
  const state = current!;
  state.scriptsRendered = true;
  if (state.islands.length === 0) return null;
  const chunks = new Map<string, string>();
  const names = new Set<string>();
  for (const { info } of state.islands) {
    if (!chunks.has(info.chunk)) chunks.set(info.chunk, `i${chunks.size}`);
    const entry = `${JSON.stringify(info.name)}:${chunks.get(info.chunk)}.${
      info.exportName === "default" ? "default" : info.exportName
    }`;
    names.add(entry);
  }
  const url = (path: string) => JSON.stringify(state.basePath + path);
  const imports = [...chunks].map(([chunk, id]) =>
    `import * as ${id} from ${url(chunk)};`
  ).join("");
  const props = serializeProps(state);
  const code = `import { boot } from ${url(state.buildCache.clientEntry)};` +
    imports +
    `boot({${[...names].join(",")}},${JSON.stringify(props)},${
      JSON.stringify(state.buildCache.buildId)
    });`;
  return h("script", {
    type: "module",
    nonce: state.nonce,
    // `<` is escaped so no prop value can close the script element.
    dangerouslySetInnerHTML: { __html: code.replaceAll("<", "\\u003c") },
  });
}

function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function serializeProps(state: RenderState): string {
  const all = state.islands.map((island) => island.props);
  try {
    return stringify(all, signalStringifiers);
  } catch (error) {
    // Name the island whose props failed; only on this error path do we
    // pay for serialising islands one by one.
    for (const { info, props } of state.islands) {
      try {
        stringify(props, signalStringifiers);
      } catch (inner) {
        throw new Error(
          `Island "${info.name}": cannot serialize its props: ${
            (inner as Error).message
          }`,
          { cause: inner },
        );
      }
    }
    throw error;
  }
}

// Preact calls this (`options.__b`, "before diff") for every vnode the
// string renderer visits, before it reads the vnode's type.
// deno-lint-ignore no-explicit-any
const hooks = options as any;
const previousDiff = hooks.__b;
const previousDiffed = hooks.diffed;
hooks.__b = (vnode: VNode) => {
  const state = current;
  if (state !== null) {
    if (vnode.type === "body" && !state.scriptsRendered) {
      const props = vnode.props as { children?: unknown };
      props.children = [props.children, h(FreshScripts, null)];
      state.scriptsRendered = true;
    } else if (typeof vnode.type === "function" && state.depth === 0) {
      const info = state.buildCache.islands.get(vnode.type);
      if (info !== undefined) {
        const props: IslandRootProps = {
          info,
          fn: vnode.type,
          islandKey: vnode.key == null ? "" : String(vnode.key),
          props: vnode.props as Record<string, unknown>,
        };
        vnode.type = IslandRoot as ComponentType;
        vnode.props = props as unknown as typeof vnode.props;
        state.depth++;
        islandRoots.add(vnode);
      }
    }
  }
  previousDiff?.(vnode);
};
hooks.diffed = (vnode: VNode) => {
  if (current !== null && islandRoots.has(vnode)) {
    islandRoots.delete(vnode);
    current.depth--;
  }
  previousDiffed?.(vnode);
};
