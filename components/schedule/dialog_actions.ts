/**
 * What the stripboard's dialogs save (loaded with the dialogs,
 * StripDialogs.tsx): a strip moved to a day or the boneyard, a banner
 * added or changed, with its fields checked first.
 *
 * @module
 */
import { splitDays } from "@/lib/schedule/days.ts";
import {
  type BannerItem,
  type BannerKind,
  MAX_BANNER_TEXT,
} from "@/lib/schedule/shared.ts";
import { type Place, placeOf, samePlace } from "./board_keys.ts";
import type { Stripboard } from "./stripboard_model.ts";

/** A banner form's values. */
export interface BannerForm {
  kind: BannerKind;
  text: string;
  /** "1, 3": travel days only. */
  castIds: string;
  /** New banners: before the day's strips or after them. */
  where: "start" | "end";
}

/** Cast numbers typed as "1, 3 7"; null when something else was typed. */
export function parseCastIds(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/**
 * Moves the strip of `sceneKey` as the move dialog chose: `dest` is
 * "boneyard" or a day's number (1-based), `position` its start or end.
 */
export function saveMove(
  m: Stripboard,
  sceneKey: string,
  dest: string,
  position: "start" | "end",
): void {
  const board = m.board.value;
  const rows = dest === "boneyard"
    ? board.boneyard.map((key) => ({ type: "strip", sceneKey: key }))
    : splitDays(board).days[Number(dest) - 1]?.rows ?? [];
  const end =
    rows.filter((r) => r.type !== "strip" || r.sceneKey !== sceneKey).length;
  const index = position === "start" ? 0 : end;
  const place: Place = dest === "boneyard"
    ? { boneyard: true, index }
    : { day: Number(dest) - 1, index };
  m.closeDialog();
  const from = placeOf(board, sceneKey);
  if (from === null || !samePlace(from, place)) m.moveStrip(sceneKey, place);
}

/**
 * Adds a banner to day `day` (0-based), or changes `banner`; the field
 * errors instead when the form does not check out.
 */
export function saveBanner(
  m: Stripboard,
  day: number,
  banner: BannerItem | null,
  form: BannerForm,
): Record<string, string> | null {
  const text = form.text.trim();
  const castIds = form.kind === "travel" ? parseCastIds(form.castIds) : [];
  const errors: Record<string, string> = {};
  if (text.length > MAX_BANNER_TEXT) {
    errors.text = `At most ${MAX_BANNER_TEXT} characters`;
  }
  if (form.kind === "other" && text === "") errors.text = "Write the note";
  if (castIds === null) {
    errors.castIds = "Cast numbers separated by commas, like 1, 3";
  }
  if (castIds === null || Object.keys(errors).length > 0) return errors;
  m.closeDialog();
  const fields = { kind: form.kind, text, castIds };
  if (banner === null) {
    const index = form.where === "start"
      ? 0
      : (splitDays(m.board.value).days[day]?.rows.length ?? 0);
    m.announcement.value = `Added a banner to day ${day + 1}.`;
    void m.perform({
      op: "add_banner",
      id: m.newId(),
      day,
      index,
      ...fields,
    });
  } else {
    m.announcement.value = "Banner changed.";
    void m.perform({ op: "edit_banner", id: banner.id, ...fields });
  }
  return null;
}
