/**
 * A strip's time of day and colour: the day/night vocabulary, the
 * conventional strip colours with a production's overrides, and the ink
 * that reads on them. Browser-safe, re-exported by shared.ts.
 *
 * @module
 */
import type { SceneSetting } from "@/lib/script/shared.ts";

/**
 * A strip's time of day, normalised from the scene heading (strips.ts):
 * `OTHER` when the heading names none the scheduler can use.
 */
export const DAY_NIGHTS = [
  "DAY",
  "NIGHT",
  "DAWN",
  "DUSK",
  "MORNING",
  "EVENING",
  "OTHER",
] as const;

/** A strip's time of day. */
export type DayNight = typeof DAY_NIGHTS[number];

/** The short form a strip prints (D/N as on a paper strip). */
export const DAY_NIGHT_SHORT: Record<DayNight, string> = {
  DAY: "D",
  NIGHT: "N",
  DAWN: "DAWN",
  DUSK: "DUSK",
  MORNING: "MORN",
  EVENING: "EVE",
  OTHER: "—",
};

/**
 * Which colour family a strip belongs to: interior or exterior × time of
 * day. INT/EXT and EST strips count as exterior (they need the exterior's
 * light and weather), a heading without a setting as interior.
 */
export type StripColorKey = `${"INT" | "EXT"}/${DayNight}`;

/** Every colour key, interior first, in {@linkcode DAY_NIGHTS} order. */
export const STRIP_COLOR_KEYS: readonly StripColorKey[] =
  (["INT", "EXT"] as const).flatMap((side) =>
    DAY_NIGHTS.map((dn) => `${side}/${dn}` as const)
  );

/** A production's strip colours: `#rrggbb` per key it changes. */
export type StripColors = Partial<Record<StripColorKey, string>>;

const WHITE = "#ffffff";
const YELLOW = "#ffe873";
const BLUE = "#8fb8f0";
const GREEN = "#8fd19e";
const PINK = "#f7bfd0";
const ORANGE = "#ffbf70";
const GREY = "#d4d4d4";

/**
 * The conventional strip colours. The four day/night colours are the
 * paper-stripboard code in Ralph S. Singleton, *Film Scheduling* (2nd ed.,
 * 1991), as the Wikipedia article "Production strip" quotes it: day
 * interior white, day exterior yellow, night interior blue, night exterior
 * green. Magic hour has no single standard: tools differ, and a common
 * choice (G-Casper's defaults, for one) is salmon for morning light and
 * orange for evening light, so dawn gets a pink (salmon) strip and dusk and
 * evening an orange one. Morning counts as day. An unknown time of day is
 * grey, so the assistant director sees it needs a look.
 */
export const DEFAULT_STRIP_COLORS: Readonly<Record<StripColorKey, string>> =
  Object.freeze({
    "INT/DAY": WHITE,
    "INT/MORNING": WHITE,
    "INT/NIGHT": BLUE,
    "INT/DAWN": PINK,
    "INT/DUSK": ORANGE,
    "INT/EVENING": ORANGE,
    "INT/OTHER": GREY,
    "EXT/DAY": YELLOW,
    "EXT/MORNING": YELLOW,
    "EXT/NIGHT": GREEN,
    "EXT/DAWN": PINK,
    "EXT/DUSK": ORANGE,
    "EXT/EVENING": ORANGE,
    "EXT/OTHER": GREY,
  });

/** A strip's look: its background and legible ink on it. */
export interface StripStyle {
  background: string;
  ink: "black" | "white";
}

/** What a strip's colour depends on. */
export interface StripLook {
  setting: SceneSetting | null;
  dayNight: DayNight;
}

/**
 * A strip's colour family: INT/EXT and EST strips are exteriors (they need
 * the exterior's light and weather), a heading without a setting interior.
 */
export function colorKeyOf(
  strip: StripLook,
): StripColorKey {
  const exterior = strip.setting !== null && strip.setting !== "INT";
  return `${exterior ? "EXT" : "INT"}/${strip.dayNight}`;
}

/** Whether `value` is a `#rrggbb` colour, the only form a production sets. */
export function isHexColor(value: unknown): value is string {
  return typeof value === "string" && /^#[0-9a-f]{6}$/i.test(value);
}

/**
 * The ink that reads best on a `#rrggbb` background: the one with the
 * higher WCAG contrast ratio.
 */
export function inkOn(background: string): "black" | "white" {
  const channel = (i: number) => {
    const c = parseInt(background.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "black" : "white";
}

/**
 * A strip's look: the production's colour for its family when it set a
 * valid one, else the convention's ({@linkcode DEFAULT_STRIP_COLORS}).
 *
 * @example
 * ```ts
 * stripStyle({ setting: "EXT", dayNight: "NIGHT" }); // green, black ink
 * ```
 */
export function stripStyle(
  strip: StripLook,
  colors: StripColors = {},
): StripStyle {
  const key = colorKeyOf(strip);
  const chosen = colors[key];
  const background = isHexColor(chosen)
    ? chosen.toLowerCase()
    : DEFAULT_STRIP_COLORS[key];
  return { background, ink: inkOn(background) };
}
