/**
 * jsonify: the island-props serializer. `stringify()` on the server,
 * `parse()` in the browser; both keep shared and circular references.
 *
 * @module
 */

export { SerializeError, type Stringifiers, stringify } from "./stringify.ts";
export { type CustomParser, parse } from "./parse.ts";
export { signalParsers, signalStringifiers } from "./signals.ts";
