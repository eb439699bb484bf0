/**
 * Links between records: create, remove and list them, authorised from
 * both ends. A link is visible only to who may see both records it joins,
 * its event goes to exactly those people, and a record's page never learns
 * of a record at the other end that its viewer may not see.
 *
 * @module
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "@/lib/errors.ts";
import {
  type Action,
  type Actor,
  can,
  canOpen,
  intersectAudiences,
  type Module,
} from "@/lib/policy.ts";
import {
  audienceOf,
  type FoundRecord,
  mayRead,
  RecordDirectory,
} from "@/lib/records/directory.ts";
import {
  RECORD_MODULES,
  RECORD_TYPE_LABELS,
  type RecordRef,
  refKey,
  sameRef,
} from "@/lib/records/shared.ts";
import type { Role } from "@/lib/roles.ts";
import { emitTo, type ServiceContext } from "@/lib/service.ts";
import { UniqueViolationError } from "@/lib/store/errors.ts";
import { transact } from "@/lib/store/transaction.ts";
import { getMember } from "@/lib/team/members.ts";
import { shots } from "@/lib/vfx/store.ts";
import { withSceneKeys } from "@/lib/vfx/scene_links.ts";
import { links } from "./store.ts";
import {
  type Link,
  LINK_TARGETS,
  type LinkEntry,
  MAX_LINKS_PER_RECORD,
  type RecordLinks,
} from "./shared.ts";

type WriteRule = { [M in Module]: [M, Action<M>] }[Module];

/** Who may link a record to others: who may change that record. */
const WRITE_RULES: Record<RecordRef["type"], WriteRule> = {
  task: ["tasks", "edit"],
  scene: ["script", "write"],
  element: ["script", "write"],
  shot: ["vfx", "write_shots"],
  version: ["vfx", "submit_version"],
  asset: ["assets", "upload"],
  expense: ["budget", "write"],
  budget_category: ["budget", "write"],
  schedule: ["schedule", "edit"],
};

/** Whether `actor` may add links from (or remove links of) `record`. */
function mayLink(actor: Actor, record: FoundRecord): boolean {
  const [module, action] = WRITE_RULES[record.card.ref.type];
  return can(actor, module, action as never, record.owner);
}

async function visibleRecord(
  cx: ServiceContext,
  directory: RecordDirectory,
  ref: RecordRef,
): Promise<FoundRecord> {
  const found = await directory.find(ref);
  if (found === null || !mayRead(cx.actor, found)) {
    throw new NotFoundError(
      "record",
      `No ${RECORD_TYPE_LABELS[ref.type].toLowerCase()} with id ${ref.id}`,
    );
  }
  return found;
}

/** Who may see both records: the audience of a link's event. */
async function linkAudience(kv: Deno.Kv, a: FoundRecord, b: FoundRecord) {
  const one = audienceOf(a);
  const two = audienceOf(b);
  const roles = new Map<string, Role>();
  for (const id of new Set([...one.users, ...two.users])) {
    const member = await getMember(kv, id);
    if (member) roles.set(id, member.role);
  }
  return intersectAudiences(one, two, (id) => roles.get(id));
}

/** Creates a link from `from` to `to`; 409 when it exists already. */
export async function createLink(
  cx: ServiceContext,
  from: RecordRef,
  to: RecordRef,
): Promise<Link> {
  if (!LINK_TARGETS[from.type].includes(to.type) || sameRef(from, to)) {
    throw new ValidationError([{
      path: ["to"],
      message: `A ${
        RECORD_TYPE_LABELS[from.type].toLowerCase()
      } cannot link to a ${RECORD_TYPE_LABELS[to.type].toLowerCase()}`,
    }]);
  }
  const directory = new RecordDirectory(cx.kv);
  const source = await visibleRecord(cx, directory, from);
  const target = await visibleRecord(cx, directory, to);
  if (!mayLink(cx.actor, source)) {
    throw new ForbiddenError(
      `Your role cannot link this ${
        RECORD_TYPE_LABELS[from.type].toLowerCase()
      }`,
    );
  }
  if (
    from.type === "shot" && to.type === "element" && target.category !== "vfx"
  ) {
    throw new ValidationError([{
      path: ["to"],
      message: "A shot links only to elements of the Visual effects category",
    }]);
  }
  if (
    await links.count(cx.kv, "from", from.type, from.id) >= MAX_LINKS_PER_RECORD
  ) {
    throw new ValidationError([{
      path: ["from"],
      message: `A record links to at most ${MAX_LINKS_PER_RECORD} others`,
    }]);
  }
  const audience = await linkAudience(cx.kv, source, target);
  try {
    const { result } = await transact(cx.kv, async (tx) => {
      const link = await links.insert(tx, {
        from,
        to,
        createdBy: cx.actor.id,
        createdByName: cx.actor.name,
      }, { now: cx.now() });
      emitTo(tx, cx, "link_update", audience, {
        action: "created",
        link: { id: link.id, from: source.card, to: target.card },
      });
      return link;
    });
    return result;
  } catch (error) {
    if (error instanceof UniqueViolationError) {
      throw new ConflictError(
        `${source.card.title} already links to ${target.card.title}`,
        "conflict",
        { field: "to" },
      );
    }
    throw error;
  }
}

/** Removes a link; who may add links from its record may remove them. */
export async function deleteLink(
  cx: ServiceContext,
  id: string,
): Promise<void> {
  const link = await links.get(cx.kv, id);
  if (link === null) throw new NotFoundError("link");
  const directory = new RecordDirectory(cx.kv);
  const source = await directory.find(link.from);
  const target = await directory.find(link.to);
  // A link whose record is gone is removed by whoever may see the rest.
  const visible = (r: FoundRecord | null) => r === null || mayRead(cx.actor, r);
  if (!visible(source) || !visible(target)) throw new NotFoundError("link");
  if (source !== null && !mayLink(cx.actor, source)) {
    throw new ForbiddenError("Your role cannot remove this link");
  }
  const audience = source && target
    ? await linkAudience(cx.kv, source, target)
    : { roles: [], users: [] };
  await transact(cx.kv, async (tx) => {
    await links.remove(tx, id);
    if (source && target) {
      emitTo(tx, cx, "link_update", audience, {
        action: "deleted",
        link: { id, from: source.card, to: target.card },
      });
    }
  });
}

/** Every stored link that points at `ref` (for the ripple; no rule). */
export function linksTo(kv: Deno.Kv, ref: RecordRef): Promise<Link[]> {
  return links.findBy(kv, "to", ref.type, ref.id);
}

/** Every stored link that starts at `ref` (no rule). */
export function linksFrom(kv: Deno.Kv, ref: RecordRef): Promise<Link[]> {
  return links.findBy(kv, "from", ref.type, ref.id);
}

interface RawEntry {
  id: string;
  direction: "out" | "in";
  other: RecordRef;
  createdAt: string;
  createdByName: string;
  fixed: boolean;
}

/** A shot's own scene, and the shots of a scene, as fixed links. */
async function sceneFieldLinks(
  kv: Deno.Kv,
  ref: RecordRef,
): Promise<RawEntry[]> {
  if (ref.type === "shot") {
    const shot = await shots.get(kv, ref.id);
    if (!shot) return [];
    const [resolved] = await withSceneKeys(kv, [shot]);
    return resolved.sceneKey === null ? [] : [{
      id: `shot-scene:${shot.id}`,
      direction: "out",
      other: { type: "scene", id: resolved.sceneKey },
      createdAt: shot.createdAt,
      createdByName: "",
      fixed: true,
    }];
  }
  if (ref.type !== "scene") return [];
  const all = await withSceneKeys(kv, await shots.list(kv));
  return all.filter((s) => s.sceneKey === ref.id).map((shot) => ({
    id: `shot-scene:${shot.id}`,
    direction: "in" as const,
    other: { type: "shot" as const, id: shot.id },
    createdAt: shot.createdAt,
    createdByName: "",
    fixed: true,
  }));
}

/**
 * The links of a record both ways, each with the record at the other end,
 * leaving out every link whose other end the viewer may not see.
 */
export async function linksOf(
  cx: ServiceContext,
  ref: RecordRef,
): Promise<RecordLinks> {
  const directory = new RecordDirectory(cx.kv);
  const record = await visibleRecord(cx, directory, ref);
  const [outgoing, incoming, fixed] = await Promise.all([
    linksFrom(cx.kv, ref),
    linksTo(cx.kv, ref),
    sceneFieldLinks(cx.kv, ref),
  ]);
  const raw: RawEntry[] = [
    ...fixed,
    ...outgoing.map((l) => entryOf(l, "out", l.to)),
    ...incoming.map((l) => entryOf(l, "in", l.from)),
  ];
  const others = await directory.findMany(raw.map((e) => e.other));
  const mine = mayLink(cx.actor, record);
  const entries: LinkEntry[] = [];
  for (const entry of raw) {
    const other = others.get(refKey(entry.other));
    if (!other || !mayRead(cx.actor, other)) continue;
    const source = entry.direction === "out" ? record : other;
    entries.push({
      id: entry.id,
      direction: entry.direction,
      other: other.card,
      createdAt: entry.createdAt,
      createdByName: entry.createdByName,
      fixed: entry.fixed,
      removable: !entry.fixed && mayLink(cx.actor, source),
    });
  }
  entries.sort((a, b) =>
    a.other.ref.type.localeCompare(b.other.ref.type) ||
    a.other.title.localeCompare(b.other.title)
  );
  const targets = mine
    ? LINK_TARGETS[ref.type].filter((t) =>
      canOpen(cx.actor.role, RECORD_MODULES[t])
    )
    : [];
  return { record: record.card, links: entries, targets: [...targets] };
}

function entryOf(link: Link, direction: "out" | "in", other: RecordRef) {
  return {
    id: link.id,
    direction,
    other,
    createdAt: link.createdAt,
    createdByName: link.createdByName,
    fixed: false,
  };
}

/**
 * Moves every link of `from` onto `into` (an element merged into another),
 * dropping the ones `into` has already; returns how many moved.
 */
export async function repointLinks(
  cx: ServiceContext,
  from: RecordRef,
  into: RecordRef,
): Promise<number> {
  let moved = 0;
  const all = [
    ...await linksFrom(cx.kv, from),
    ...await linksTo(cx.kv, from),
  ];
  for (const link of all) {
    const next = {
      from: sameRef(link.from, from) ? into : link.from,
      to: sameRef(link.to, from) ? into : link.to,
    };
    const { result: kept } = await transact(cx.kv, async (tx) => {
      await links.remove(tx, link.id);
      if (sameRef(next.from, next.to)) return false;
      try {
        await links.insert(tx, {
          ...next,
          createdBy: link.createdBy,
          createdByName: link.createdByName,
        }, { now: new Date(link.createdAt) });
        return true;
      } catch (error) {
        // `into` has this link already: the merged one just goes.
        if (!(error instanceof UniqueViolationError)) throw error;
        return false;
      }
    });
    if (kept) moved++;
  }
  return moved;
}
