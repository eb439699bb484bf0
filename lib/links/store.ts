/**
 * Links in KV: `["links", id]`, indexed by the record they start from, the
 * record they point at, and the pair (unique: a record links to another at
 * most once).
 *
 * @module
 */
import { Repository } from "@/lib/store/repository.ts";
import { LinkSchema } from "./schemas.ts";
import type { Link } from "./shared.ts";

/** Every link of the production. */
export const links = new Repository<Link>({
  name: "links",
  schema: LinkSchema,
  indexes: [
    { name: "from", key: (l) => [l.from.type, l.from.id] },
    { name: "to", key: (l) => [l.to.type, l.to.id] },
    {
      name: "pair",
      key: (l) => [l.from.type, l.from.id, l.to.type, l.to.id],
      unique: true,
    },
  ],
});
