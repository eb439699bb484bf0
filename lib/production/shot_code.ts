/**
 * Shot-code patterns: how a production names its VFX shots. A pattern is
 * written the way the code reads, placeholders in capitals: the default
 * `PREFIX_SEQ_SHOT` gives codes like `NL_010_0040`. Browser-safe, no
 * dependencies: the settings page and the shot forms explain a pattern with
 * the same words the server checks it with.
 *
 * - Parts are joined by `_`, `-` or `.`, kept as written.
 * - A part is a placeholder, or letters and digits kept as written (`VFX`),
 *   or such letters right before a placeholder (`SCSEQ`: `SC010`).
 * - Placeholders: `PREFIX` (2–8 capital letters or digits), `EPISODE` (a
 *   3-digit number), `SEQ` (3 digits), `SHOT` (4 digits); a digit after
 *   one fixes its width (`SEQ4`: `0010`, `PREFIX3`: three characters).
 * - `SHOT` is required; each placeholder appears at most once.
 *
 * @module
 */

/** The pattern of a production that has not chosen one. */
export const DEFAULT_SHOT_CODE_PATTERN = "PREFIX_SEQ_SHOT";

/** The longest pattern, in characters. */
export const MAX_SHOT_CODE_PATTERN_LENGTH = 40;

/** The placeholders of a pattern. */
export const SHOT_CODE_PLACEHOLDERS = [
  "PREFIX",
  "EPISODE",
  "SEQ",
  "SHOT",
] as const;

/** A placeholder of a pattern. */
export type ShotCodePlaceholder = typeof SHOT_CODE_PLACEHOLDERS[number];

/** One part of a parsed pattern. */
export interface ShotCodePart {
  /** Letters and digits kept as written, before the placeholder if any. */
  literal: string;
  placeholder: ShotCodePlaceholder | null;
  /** The fixed width the pattern gave the placeholder, if any. */
  width: number | null;
  /** The separator after this part ("" for the last). */
  separator: string;
}

/** A pattern that makes sense, ready to check codes with. */
export interface ShotCodeRule {
  pattern: string;
  parts: ShotCodePart[];
  /** Matches exactly the codes the pattern allows. */
  regex: RegExp;
  /** A code the pattern allows, e.g. `NL_010_0040`. */
  example: string;
  /** What a refused code is told, naming the expected form. */
  message: string;
}

const DIGITS: Record<Exclude<ShotCodePlaceholder, "PREFIX">, {
  width: number;
  sample: number;
  noun: string;
}> = {
  EPISODE: { width: 3, sample: 101, noun: "episode number" },
  SEQ: { width: 3, sample: 10, noun: "sequence" },
  SHOT: { width: 4, sample: 40, noun: "shot number" },
};

const SEPARATORS: Record<string, string> = {
  "_": "underscores",
  "-": "hyphens",
  ".": "dots",
};

const PART = /^([A-Z0-9]*?)(PREFIX|EPISODE|SEQ|SHOT)([1-8])?$/;
const LITERAL = /^[A-Z0-9]+$/;

/**
 * Reads a pattern: the rule to check codes with, or a message saying what
 * is wrong with the pattern.
 *
 * @example
 * ```ts
 * const rule = parseShotCodePattern("PREFIX_SEQ_SHOT");
 * "ok" in rule && rule.regex.test("NL_010_0040"); // true
 * ```
 */
export function parseShotCodePattern(
  pattern: string,
): { ok: ShotCodeRule } | { error: string } {
  if (pattern.length === 0) {
    return { error: "Give a pattern, e.g. PREFIX_SEQ_SHOT" };
  }
  if (pattern.length > MAX_SHOT_CODE_PATTERN_LENGTH) {
    return {
      error: `At most ${MAX_SHOT_CODE_PATTERN_LENGTH} characters`,
    };
  }
  const pieces = pattern.split(/([_.-])/);
  const parts: ShotCodePart[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < pieces.length; i += 2) {
    const text = pieces[i];
    const separator = pieces[i + 1] ?? "";
    if (text === "") {
      return {
        error: "Put letters, digits or a placeholder between the separators",
      };
    }
    const match = text.match(PART);
    const literal = match ? match[1] : text;
    if (!LITERAL.test(text)) {
      return {
        error:
          `“${text}”: use capital letters, digits and the placeholders PREFIX, EPISODE, SEQ and SHOT, joined by _, - or .`,
      };
    }
    const inside = SHOT_CODE_PLACEHOLDERS.find((p) => literal.includes(p));
    if (inside !== undefined) {
      return {
        error: `“${text}”: put _, - or . between ${inside} and what follows it`,
      };
    }
    const placeholder = match ? match[2] as ShotCodePlaceholder : null;
    if (placeholder !== null) {
      if (seen.has(placeholder)) {
        return { error: `${placeholder} appears twice` };
      }
      seen.add(placeholder);
    }
    parts.push({
      literal,
      placeholder,
      width: match?.[3] ? Number(match[3]) : null,
      separator,
    });
  }
  if (!seen.has("SHOT")) {
    return { error: "The pattern needs SHOT, the shot number" };
  }
  return { ok: ruleOf(pattern, parts) };
}

function ruleOf(pattern: string, parts: ShotCodePart[]): ShotCodeRule {
  const source = parts.map((p) =>
    escape(p.literal) + placeholderSource(p) + escape(p.separator)
  ).join("");
  const example = parts.map((p) => p.literal + sample(p) + p.separator).join(
    "",
  );
  const items = parts.map(describe);
  const separators = new Set(parts.map((p) => p.separator).filter(Boolean));
  const joined = separators.size === 0
    ? ""
    : separators.size === 1
    ? `, joined by ${SEPARATORS[[...separators][0]]}`
    : ", separated as in the example";
  return {
    pattern,
    parts,
    regex: new RegExp(`^${source}$`),
    example,
    message: `Use a code like ${example}: ${listOf(items)}${joined}`,
  };
}

function placeholderSource(part: ShotCodePart): string {
  if (part.placeholder === null) return "";
  if (part.placeholder === "PREFIX") {
    return part.width === null ? "[A-Z0-9]{2,8}" : `[A-Z0-9]{${part.width}}`;
  }
  return `[0-9]{${part.width ?? DIGITS[part.placeholder].width}}`;
}

function sample(part: ShotCodePart): string {
  if (part.placeholder === null) return "";
  if (part.placeholder === "PREFIX") {
    return part.width === null ? "NL" : "NLVFXABC".slice(0, part.width);
  }
  const { width, sample } = DIGITS[part.placeholder];
  const w = part.width ?? width;
  return String(sample).padStart(w, "0").slice(-w);
}

function describe(part: ShotCodePart): string {
  const quoted = part.literal === "" ? "" : `“${part.literal}”`;
  if (part.placeholder === null) return quoted;
  let what: string;
  if (part.placeholder === "PREFIX") {
    what = part.width === null
      ? "2–8 capital letters or digits"
      : part.width === 1
      ? "1 capital letter or digit"
      : `${part.width} capital letters or digits`;
  } else {
    const { width, noun } = DIGITS[part.placeholder];
    what = `a ${part.width ?? width}-digit ${noun}`;
  }
  return quoted === "" ? what : `${quoted} followed by ${what}`;
}

function listOf(items: string[]): string {
  return items.length < 2
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function escape(text: string): string {
  return text.replace(/[.-]/g, "\\$&");
}

const defaultRule = (parseShotCodePattern(DEFAULT_SHOT_CODE_PATTERN) as {
  ok: ShotCodeRule;
}).ok;

/**
 * The rule of `pattern`, or the default's when the pattern does not parse
 * (a stored pattern is checked when saved; this keeps shots working even so).
 */
export function shotCodeRule(
  pattern: string | null | undefined,
): ShotCodeRule {
  if (pattern == null || pattern === DEFAULT_SHOT_CODE_PATTERN) {
    return defaultRule;
  }
  const parsed = parseShotCodePattern(pattern);
  return "ok" in parsed ? parsed.ok : defaultRule;
}
