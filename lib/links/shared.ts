/**
 * Links between records (issue #13): which kinds of record may point at
 * which, the wire types and the limits. Browser-safe.
 *
 * A link goes from the record that depends on another to the one it
 * depends on: a task *about* scene 12, a budget line *for* a shot, a file
 * *attached to* an expense is a link from the expense to the file. Every
 * record page shows both directions.
 *
 * @module
 */
import type {
  RecordCard,
  RecordRef,
  RecordType,
} from "@/lib/records/shared.ts";

/**
 * Which kinds of record each kind may link to. A shot's own scene is its
 * `sceneKey` field (set on the shot form) and shows as a link too; a shot
 * links here to further scenes and to VFX elements.
 */
export const LINK_TARGETS: Record<RecordType, readonly RecordType[]> = {
  task: ["scene", "element", "shot", "asset"],
  shot: ["scene", "element", "asset"],
  version: ["asset"],
  scene: ["asset"],
  element: ["asset"],
  expense: ["scene", "element", "shot", "asset"],
  budget_category: ["scene", "element", "shot", "asset"],
  asset: [],
  // The stripboard is discussed, not linked: its strips are the scenes.
  schedule: [],
};

/** Most links from one record. */
export const MAX_LINKS_PER_RECORD = 100;

/** A link as stored and sent. */
export interface Link {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  from: RecordRef;
  to: RecordRef;
  createdBy: string;
  createdByName: string;
}

/** One link as a record's page lists it: the record at the other end. */
export interface LinkEntry {
  id: string;
  /** `out`: this record links to `other`; `in`: `other` links here. */
  direction: "out" | "in";
  other: RecordCard;
  createdAt: string;
  createdByName: string;
  /** Part of the record itself (a shot's scene): changed on its form. */
  fixed: boolean;
  /** Whether the viewer may remove it. */
  removable: boolean;
}

/** `GET /api/p/:slug/links?record=type:id`. */
export interface RecordLinks {
  record: RecordCard;
  links: LinkEntry[];
  /** Kinds of record the viewer may link this one to (empty: none). */
  targets: RecordType[];
}

/** What a `link_update` event reports. */
export const LINK_ACTIONS = ["created", "deleted"] as const;

/** `link_update` event data. */
export interface LinkUpdateData {
  action: typeof LINK_ACTIONS[number];
  link: { id: string; from: RecordCard; to: RecordCard };
}
