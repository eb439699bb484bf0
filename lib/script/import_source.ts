/**
 * The first step of an import: a Fountain source parsed and checked (every
 * refusal a 4xx before any write), and what a draft record keeps of it.
 *
 * @module
 */
import {
  TooLargeError,
  UnsupportedTypeError,
  ValidationError,
} from "@/lib/errors.ts";
import { FountainError, parseFountain } from "@/lib/fountain/mod.ts";
import type { ParsedScene } from "./diff.ts";
import {
  MAX_SCENE_TEXT_BYTES,
  MAX_SCENES,
  MAX_SOURCE_BYTES,
} from "./shared.ts";
import { jsonBytes, sceneName } from "./store.ts";

const WARNINGS_KEPT = 50;
const WARNING_CHARS = 300;

/** The source's SHA-256, as hex (a draft records it). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** Parses and checks a source; every refusal is a 4xx, before any write. */
export async function parseSource(source: string): Promise<{
  title: string | null;
  titlePage: Record<string, string>;
  scenes: ParsedScene[];
  warnings: string[];
}> {
  let parsed;
  try {
    // The scene cap goes to the parser, which then refuses an oversized
    // script before building and hashing its scenes (most of the work).
    parsed = await parseFountain(source, {
      maxBytes: MAX_SOURCE_BYTES,
      maxScenes: MAX_SCENES,
    });
  } catch (error) {
    if (error instanceof FountainError) {
      if (error.code === "too_many_scenes") {
        throw new TooLargeError(
          `The script has ${error.sceneCount} scenes; at most ${MAX_SCENES} are supported`,
        );
      }
      throw error.code === "too_large"
        ? new TooLargeError(
          `The script is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`,
        )
        : new UnsupportedTypeError(
          "That is not a Fountain text file: it looks like binary data (export the script as Fountain or plain text)",
        );
    }
    throw error;
  }
  if (parsed.scenes.length === 0) {
    throw new ValidationError([{
      path: ["source"],
      message:
        "No scene headings found: start each scene with a heading like INT. KITCHEN - DAY",
    }], "The request is invalid");
  }
  for (const scene of parsed.scenes) {
    const bytes = jsonBytes([scene.heading, scene.characters, scene.elements]);
    if (bytes > MAX_SCENE_TEXT_BYTES) {
      throw new TooLargeError(
        `${sceneName(scene).replace(/^s/, "S")} (${
          scene.heading.slice(0, 80)
        }) is too long: ${bytes} bytes, at most ${MAX_SCENE_TEXT_BYTES} per scene. Split it into shorter scenes.`,
        { index: scene.index, number: scene.number },
      );
    }
  }
  return parsed;
}

/** At most 50 parser warnings, each cut to 300 characters. */
export function keptWarnings(warnings: string[]): string[] {
  const kept = warnings.slice(0, WARNINGS_KEPT).map((w) =>
    w.length > WARNING_CHARS ? `${w.slice(0, WARNING_CHARS - 1)}…` : w
  );
  if (warnings.length > WARNINGS_KEPT) {
    kept.push(`${warnings.length - WARNINGS_KEPT} more warnings not shown`);
  }
  return kept;
}

/** At most 20 title-page fields, names and values cut. */
export function keptTitlePage(
  fields: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).slice(0, 20).map((
      [k, v],
    ) => [k.slice(0, 50), v.slice(0, 500)]),
  );
}
