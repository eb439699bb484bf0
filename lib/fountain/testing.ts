/**
 * Test and bench helpers: synthetic scripts of a given size. Not part of
 * the public API (`mod.ts` does not export it).
 *
 * @module
 */

const LOCATIONS = ["LIGHTHOUSE", "JETTY", "CLIFF PATH", "HARBOUR OFFICE"];
const TIMES = ["DAY", "NIGHT", "DAWN", "DUSK"];

/**
 * One synthetic scene: a heading, action, a dialogue exchange with a
 * parenthetical and an extension, a note and a forced element. About
 * 600 characters.
 */
export function syntheticScene(n: number): string {
  const place = LOCATIONS[n % LOCATIONS.length];
  const time = TIMES[(n >> 2) % TIMES.length];
  const setting = n % 3 === 0 ? "EXT." : "INT.";
  return `${setting} ${place} - ${time} #${n + 1}#

The wind pushes at the door of the ${place.toLowerCase()}. Scene ${n}: the keeper checks the log, [[tighten]] then the barometer, then the log again.

KEEPER
(quietly)
Glass is falling. Number ${n}.

SKIPPER (V.O.)
North Point, do you read? We are ${n % 9 + 1} miles out.

!KEEPER REACHES FOR THE HANDSET.

KEEPER (CONT'D)
Loud and clear. Come straight in on the light.

`;
}

/**
 * A synthetic script of at least `minChars` characters: a title page and
 * then `syntheticScene(0)`, `syntheticScene(1)`, … Built with one join, so
 * generating 10 MB takes milliseconds.
 *
 * @example
 * ```ts
 * const { text, scenes } = generateScript(1_000_000);
 * ```
 */
export function generateScript(
  minChars: number,
): { text: string; scenes: number } {
  const parts = ["Title: Generated\nAuthor: Bench\n\n"];
  let size = parts[0].length;
  let n = 0;
  while (size < minChars) {
    const scene = syntheticScene(n++);
    parts.push(scene);
    size += scene.length;
  }
  return { text: parts.join(""), scenes: n };
}
