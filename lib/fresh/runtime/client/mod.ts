/**
 * The browser runtime: finds island markers in the server-rendered page and
 * renders each island over its range with its deserialized props.
 *
 * @module
 */
import { type ComponentType, h, render } from "preact";
import { parse } from "../../jsonify/parse.ts";
import { signalParsers } from "../../jsonify/signals.ts";
import { setBuildId } from "../build_id.ts";
import { rangeRoot } from "./range_root.ts";

const START = "frsh:island:";
const END = "/frsh:island";

/**
 * Revives the page's islands. The server's boot script calls this with the
 * island components by name, the serialized props of every rendered island
 * and the build id.
 */
export function boot(
  islands: Record<string, ComponentType>,
  serializedProps: string,
  buildId: string,
): void {
  setBuildId(buildId);
  const props = parse<Record<string, unknown>[]>(
    serializedProps,
    signalParsers,
  );
  const walker = document.createTreeWalker(
    document.body,
    NodeFilter.SHOW_COMMENT,
  );
  const starts: Comment[] = [];
  const found: { start: Comment; end: Comment }[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Comment).data;
    if (text.startsWith(START)) starts.push(node as Comment);
    else if (text === END && starts.length > 0) {
      found.push({ start: starts.pop()!, end: node as Comment });
    }
  }
  for (const { start, end } of found) {
    const [name, index] = start.data.slice(START.length).split(":");
    const component = islands[name];
    if (component === undefined) {
      console.error(`Island "${name}" has no component in this build`);
      continue;
    }
    render(h(component, props[Number(index)]), rangeRoot(start, end));
  }
}
