import { z } from "zod";
import { Repository } from "./repository.ts";

/** A small record type for the store's own tests. */
export const NoteSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  title: z.string().min(1),
  owner: z.string(),
  slug: z.string(),
  count: z.number().int(),
  body: z.string().default(""),
});

/** A note. */
export type Note = z.infer<typeof NoteSchema>;

/** Notes, indexed by owner and uniquely by slug. */
export const notes = new Repository<Note>({
  name: "notes",
  schema: NoteSchema,
  indexes: [
    { name: "owner", key: (n) => [n.owner] },
    { name: "slug", key: (n) => [n.slug], unique: true },
  ],
});
