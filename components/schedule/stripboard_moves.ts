/**
 * The stripboard's edits as a person makes them, on top of the board core
 * (stripboard_model.ts): a strip or a day held by the keyboard and
 * where it would land, a drag with the pointer, the strip and banner
 * dialogs, and the one-click actions. Every edit ends as one op sent by
 * the core; every keyboard step is said in the assertive live region.
 * What the dialogs save is dialog_actions.ts (loaded with the dialogs).
 *
 * @module
 */
import { computed, type ReadonlySignal, signal } from "@preact/signals";
import type { World } from "@/components/world.ts";
import { splitDays } from "@/lib/schedule/days.ts";
import { type BoardOp, describeOp } from "@/lib/schedule/ops.ts";
import type { BannerItem } from "@/lib/schedule/shared.ts";
import {
  type Grab,
  heldBoard,
  type Place,
  placeOf,
  placeText,
  samePlace,
  stepDay,
  stepStrip,
  targetOf,
} from "./board_keys.ts";
import { sceneName, sentence } from "./board_text.ts";
import type { BoardCore } from "./stripboard_model.ts";

/** What the pointer drags: a strip, or a day by its header. */
export type Drag =
  | { kind: "strip"; sceneKey: string }
  | { kind: "day"; day: number };

/** The open dialog: a strip's, or a banner being added to a day or edited. */
export type OpenDialog =
  | { kind: "move"; sceneKey: string }
  | { kind: "banner"; day: number; banner: BannerItem | null };

const MOVE_KEYS = new Set([
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "PageUp",
  "PageDown",
]);

/** Keyboard, drag and dialog edits of the board `core` holds. */
export function createBoardMoves(core: BoardCore, world: World) {
  const grabbed = signal<Grab | null>(null);
  const dragging = signal<Drag | null>(null);
  const dropAt = signal<Place | null>(null);
  const dropDay = signal<number | null>(null);
  const dialog = signal<OpenDialog | null>(null);
  // What gets keyboard focus back after this render: `strip:<key>` or
  // `day:<n>` (a cancelled or dropped move, a closed dialog).
  let refocus: string | null = null;

  /** The board as shown: a held strip or day where it would land. */
  const shown = computed(() => {
    const g = grabbed.value;
    return g ? heldBoard(core.board.value, g) : core.proposed.value;
  });
  const days = computed(() => core.daysOf(shown.value));
  const after = computed(() => core.afterOf(shown.value));

  const name = (key: string) => sceneName(core.strips.value.get(key));
  const say = (text: string) => core.announcement.value = text;
  const dayCount = () => splitDays(core.board.value).days.length;

  function moveStrip(sceneKey: string, place: Place) {
    const op: BoardOp = { op: "move_strip", sceneKey, to: targetOf(place) };
    say(
      `${sentence(describeOp(op, core.strips.value)).slice(0, -1)}, position ${
        place.index + 1
      }.`,
    );
    void core.perform(op);
  }

  function moveDay(from: number, to: number) {
    say(sentence(describeOp({ op: "move_day", from, to }, new Map())));
    void core.perform({ op: "move_day", from, to });
  }

  function stripKey(sceneKey: string, key: string): boolean {
    const g = grabbed.value;
    const board = core.board.value;
    if (g === null) {
      if (key !== " " || !core.canEdit.value) return false;
      const from = placeOf(board, sceneKey);
      if (from === null) return false;
      core.cancelPreview();
      grabbed.value = { kind: "strip", sceneKey, from, to: from };
      say(
        `Picked up ${name(sceneKey)}, ${
          placeText(board, sceneKey, from)
        }. Arrow keys move it, Space drops it, Escape cancels.`,
      );
      return true;
    }
    if (g.kind !== "strip" || g.sceneKey !== sceneKey) return false;
    if (key === "Escape" || key === " " || key === "Enter") {
      grabbed.value = null;
      refocus = `strip:${sceneKey}`;
      if (key === "Escape") say(`Move of ${name(sceneKey)} cancelled.`);
      else if (samePlace(g.from, g.to)) {
        say(sentence(`${name(sceneKey)} dropped where it was`));
      } else moveStrip(sceneKey, g.to);
      return true;
    }
    if (!MOVE_KEYS.has(key)) return false;
    const next = stepStrip(board, sceneKey, g.to, key);
    if (next === null) {
      say(`${placeText(board, sceneKey, g.to)}: as far as it goes.`);
    } else {
      grabbed.value = { ...g, to: next };
      say(`${placeText(board, sceneKey, next)}.`);
    }
    return true;
  }

  function dayKey(day: number, key: string): boolean {
    const g = grabbed.value;
    if (g === null) {
      if (key !== " " || !core.canEdit.value) return false;
      core.cancelPreview();
      grabbed.value = { kind: "day", from: day, to: day };
      say(
        `Picked up day ${
          day + 1
        }. Up and down arrows move it, Space drops it, Escape cancels.`,
      );
      return true;
    }
    if (g.kind !== "day" || g.to !== day) return false;
    if (key === "Escape" || key === " " || key === "Enter") {
      grabbed.value = null;
      refocus = `day:${key === "Escape" ? g.from : g.to}`;
      if (key === "Escape") say(`Move of day ${g.from + 1} cancelled.`);
      else if (g.from === g.to) say(`Day ${g.from + 1} dropped where it was.`);
      else moveDay(g.from, g.to);
      return true;
    }
    if (!MOVE_KEYS.has(key)) return false;
    const next = stepDay(g.to, key, dayCount());
    if (next === null) say(`Day ${g.to + 1}: as far as it goes.`);
    else {
      grabbed.value = { ...g, to: next };
      say(`Day ${g.from + 1} would become day ${next + 1}.`);
    }
    return true;
  }

  return {
    grabbed: grabbed as ReadonlySignal<Grab | null>,
    dragging: dragging as ReadonlySignal<Drag | null>,
    /** Where a dragged strip would land. */
    dropAt: dropAt as ReadonlySignal<Place | null>,
    /** Where a dragged day would land. */
    dropDay: dropDay as ReadonlySignal<number | null>,
    shown,
    days,
    after,
    /** The open dialog (StripDialogs.tsx renders it). */
    dialog: dialog as ReadonlySignal<OpenDialog | null>,
    openDialog(open: OpenDialog) {
      dialog.value = open;
    },
    /** Closes the dialog; focus goes back to its strip or day. */
    closeDialog() {
      const open = dialog.value;
      dialog.value = null;
      if (open !== null) {
        refocus = open.kind === "move"
          ? `strip:${open.sceneKey}`
          : `day:${open.day}`;
      }
    },
    stripKey,
    dayKey,
    /** Moves a strip to `place`, said in the live region. */
    moveStrip,
    /** Gives `strip:<key>` or `day:<n>` focus after the next render. */
    refocusOn(key: string) {
      refocus = key;
    },
    /** The element to focus after this render (`strip:<key>`, `day:<n>`). */
    focusKey(): string | null {
      const g = grabbed.value;
      if (g !== null) {
        return g.kind === "strip" ? `strip:${g.sceneKey}` : `day:${g.to}`;
      }
      const key = refocus;
      refocus = null;
      return key;
    },
    dragStart(drag: Drag) {
      grabbed.value = null;
      core.cancelPreview();
      dragging.value = drag;
    },
    dragOverStrip(place: Place) {
      dropAt.value = place;
    },
    dragOverDay(day: number) {
      dropDay.value = day;
    },
    dragEnd() {
      dragging.value = null;
      dropAt.value = null;
      dropDay.value = null;
    },
    /** The dragged strip or day let go where `dropAt` / `dropDay` say. */
    drop() {
      const drag = dragging.value;
      const place = dropAt.value;
      const day = dropDay.value;
      dragging.value = dropAt.value = dropDay.value = null;
      if (drag?.kind === "strip" && place !== null) {
        const from = placeOf(core.board.value, drag.sceneKey);
        if (from === null || !samePlace(from, place)) {
          moveStrip(drag.sceneKey, place);
        }
      } else if (drag?.kind === "day" && day !== null && day !== drag.day) {
        moveDay(drag.day, day);
      }
    },
    addDay() {
      say(`Added day ${dayCount() + 1}.`);
      void core.perform({ op: "add_day" });
    },
    /** Removes a day after asking; its strips go to the boneyard. */
    removeDay(day: number) {
      const strips = days.value[day]?.rows.filter((r) => r.type === "strip")
        .length ?? 0;
      const question = strips === 0
        ? `Remove day ${day + 1}?`
        : `Remove day ${day + 1}? Its ${strips} ${
          strips === 1 ? "strip goes" : "strips go"
        } to the boneyard.`;
      if (!world.confirm(question)) return;
      say(`Removed day ${day + 1}.`);
      void core.perform({ op: "remove_day", day });
    },
    /** Ends the strip's day after it: the rows below start a new day. */
    endDayAfter(sceneKey: string) {
      const at = placeOf(core.board.value, sceneKey);
      if (at === null || "boneyard" in at) return;
      dialog.value = null;
      refocus = `strip:${sceneKey}`;
      say(`Day ${at.day + 1} now ends after ${name(sceneKey)}.`);
      void core.perform({ op: "split_day", day: at.day, index: at.index + 1 });
    },
    toBoneyard(sceneKey: string) {
      moveStrip(sceneKey, {
        boneyard: true,
        index: core.board.value.boneyard.length,
      });
    },
    removeBanner(id: string) {
      if (!world.confirm("Remove this banner?")) return;
      say("Banner removed.");
      void core.perform({ op: "remove_banner", id });
    },
  };
}
