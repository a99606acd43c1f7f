import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MIN_LENGTH } from "./password.ts";

// What a new password must be (issue 12, item 8): at least PASSWORD_MIN_LENGTH characters, not a published
// password, and hard to guess by zxcvbn's estimate (score 3 of 4: "safely unguessable", about 10^8 guesses
// and up) with the common dictionaries (passwords, names, keyboard patterns) and the account's own name
// and username as user inputs, so "Anna.Svensson2026" does not pass for Anna Svensson.

export const MIN_ZXCVBN_SCORE = 3;

/** Passwords printed in this product's documentation: never acceptable, whatever they score. */
const KNOWN_PASSWORDS = new Set(["vardnav-demo", "correct-horse-battery"]);

let factory: ZxcvbnFactory | null = null;

// The dictionaries are large: built on first use, not at start.
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  return factory;
}

export type PasswordProblem = "too_short" | "known" | "too_weak";

export interface PasswordVerdict {
  problem: PasswordProblem | null;
  /** zxcvbn's score 0–4. */
  score: number;
  /** zxcvbn's warning key (e.g. `commonNames`), for a hint; null when none. */
  warning: string | null;
}

export function judgeNewPassword(password: string, userInputs: readonly string[]): PasswordVerdict {
  if (password.length < PASSWORD_MIN_LENGTH) return { problem: "too_short", score: 0, warning: null };
  if (KNOWN_PASSWORDS.has(password.toLowerCase())) return { problem: "known", score: 0, warning: null };
  // Names are matched in parts too: "anna.svensson" gives "anna" and "svensson".
  const inputs = userInputs
    .flatMap((input) => [input, ...input.split(/[\s._-]+/)])
    .filter((s) => s.length > 1);
  const result = zxcvbn().check(password, inputs);
  return {
    problem: result.score < MIN_ZXCVBN_SCORE ? "too_weak" : null,
    score: result.score,
    warning: result.feedback.warning ?? null,
  };
}
