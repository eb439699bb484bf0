import assert from "node:assert/strict";
import { SHOT_CODE_PATTERN } from "@/lib/vfx/shared.ts";
import {
  DEFAULT_SHOT_CODE_PATTERN,
  parseShotCodePattern,
  type ShotCodeRule,
  shotCodeRule,
} from "./shot_code.ts";

function rule(pattern: string): ShotCodeRule {
  const parsed = parseShotCodePattern(pattern);
  assert.ok("ok" in parsed, `${pattern}: ${JSON.stringify(parsed)}`);
  return parsed.ok;
}

function refusal(pattern: string): string {
  const parsed = parseShotCodePattern(pattern);
  assert.ok("error" in parsed, `${pattern} is refused`);
  return parsed.error;
}

Deno.test("shot codes - the default pattern is the convention shots always had", () => {
  const r = rule(DEFAULT_SHOT_CODE_PATTERN);
  assert.equal(r.example, "NL_010_0040");
  // The words the API always used for a refused code.
  assert.equal(
    r.message,
    "Use a code like NL_010_0040: 2–8 capital letters or digits, a 3-digit sequence and a 4-digit shot number, joined by underscores",
  );
  const codes = [
    "NL_010_0040",
    "AB12CD34_999_0000",
    "N_010_0040",
    "NL_10_0040",
    "NL_010_040",
    "nl_010_0040",
    "NL-010-0040",
    "NL_010_0040 ",
    "ABCDEFGHI_010_0040",
    "NL_010_0040_X",
    "",
  ];
  for (const code of codes) {
    assert.equal(
      r.regex.test(code),
      SHOT_CODE_PATTERN.test(code),
      `"${code}" as before`,
    );
  }
  assert.deepEqual(shotCodeRule(undefined), r);
  assert.deepEqual(shotCodeRule(DEFAULT_SHOT_CODE_PATTERN), r);
});

Deno.test("shot codes - a production's own convention: widths, episodes, letters kept, other separators", () => {
  const series = rule("EPEPISODE_SCSEQ_SHOT3");
  assert.equal(series.example, "EP101_SC010_040");
  assert.ok(series.regex.test("EP204_SC012_110"));
  assert.ok(!series.regex.test("EP204_SC012_0110"));
  assert.ok(!series.regex.test("204_SC012_110"));
  assert.equal(
    series.message,
    "Use a code like EP101_SC010_040: “EP” followed by a 3-digit episode number, “SC” followed by a 3-digit sequence and a 3-digit shot number, joined by underscores",
  );

  const dashed = rule("SEQ4-SHOT");
  assert.equal(dashed.example, "0010-0040");
  assert.ok(dashed.regex.test("1234-0001"));
  assert.ok(!dashed.regex.test("1234_0001"));
  assert.match(dashed.message, /joined by hyphens$/);

  const mixed = rule("PREFIX3.VFX_SHOT2");
  assert.equal(mixed.example, "NLV.VFX_40");
  assert.ok(mixed.regex.test("AB1.VFX_07"));
  // A dot is a dot, not "any character".
  assert.ok(!mixed.regex.test("AB1xVFX_07"));
  assert.match(
    mixed.message,
    /3 capital letters or digits, “VFX” and a 2-digit shot number, separated as in the example$/,
  );

  const bare = rule("SHOT");
  assert.equal(bare.example, "0040");
  assert.equal(
    bare.message,
    "Use a code like 0040: a 4-digit shot number",
  );
});

Deno.test("shot codes - a pattern that makes no sense says what is wrong", () => {
  assert.match(refusal(""), /Give a pattern/);
  assert.match(refusal("PREFIX_SEQ"), /needs SHOT/);
  assert.match(refusal("SHOT_SHOT"), /SHOT appears twice/);
  assert.match(refusal("SEQSHOT"), /between SEQ and what follows/);
  assert.match(refusal("PREFIX__SHOT"), /between the separators/);
  assert.match(refusal("_SHOT"), /between the separators/);
  assert.match(refusal("prefix_seq_shot"), /capital letters/);
  assert.match(refusal("NL SEQ SHOT"), /capital letters/);
  assert.match(refusal("SHOT9"), /between SHOT and what follows/);
  assert.match(refusal(`${"A".repeat(40)}_SHOT`), /At most 40/);
});

Deno.test("shot codes - a stored pattern that no longer parses falls back to the default", () => {
  assert.equal(shotCodeRule("nonsense").example, "NL_010_0040");
});
