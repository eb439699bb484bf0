import { sceneName } from "./board_text.ts";
import { BannerDialog } from "./BannerDialog.tsx";
import { saveBanner, saveMove } from "./dialog_actions.ts";
import { placeOf } from "./board_keys.ts";
import { MoveDialog } from "./MoveDialog.tsx";
import type { Stripboard } from "./stripboard_model.ts";

/**
 * The stripboard's open dialog: a strip's Move… dialog or the banner
 * dialog. The island loads this module only when a dialog first opens:
 * most visits never open one, and the page's JavaScript stays small.
 */
export function StripDialogs({ m }: { m: Stripboard }) {
  const open = m.dialog.value;
  if (open === null) return null;
  if (open.kind === "banner") {
    return (
      <BannerDialog
        key={open.banner?.id ?? `new-${open.day}`}
        day={open.day}
        banner={open.banner}
        onSubmit={(form) => saveBanner(m, open.day, open.banner, form)}
        onClose={m.closeDialog}
      />
    );
  }
  const key = open.sceneKey;
  const days = m.days.value;
  const at = placeOf(m.board.value, key);
  const day = at === null || "boneyard" in at ? null : at.day;
  const endable = day !== null &&
    at!.index < (days[day]?.rows.length ?? 0) - 1;
  return (
    <MoveDialog
      key={key}
      scene={sceneName(m.strips.value.get(key))}
      current={day === null ? "boneyard" : String(day + 1)}
      days={days}
      timeZone={m.view.value.timeZone}
      onSubmit={(dest, position) => saveMove(m, key, dest, position)}
      onEndDay={endable ? () => m.endDayAfter(key) : undefined}
      onClose={m.closeDialog}
    />
  );
}
