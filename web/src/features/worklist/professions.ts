// The assessor's profession (FORMATS.md, contact CSV `assessed_by`). Only licensed professions
// (legitimerad personal) make a medical assessment count for vårdgarantin's three days; the others are
// recorded as they are, and the statistics leave them out.
export const LICENSED_PROFESSIONS = [
  "lakare",
  "sjukskoterska",
  "distriktsskoterska",
  "barnmorska",
  "fysioterapeut",
  "arbetsterapeut",
  "psykolog",
  "psykoterapeut",
  "dietist",
  "logoped",
  "kurator",
] as const;
export const UNLICENSED_PROFESSIONS = ["underskoterska", "medicinsk_sekreterare", "annan"] as const;
export const PROFESSIONS = [...LICENSED_PROFESSIONS, ...UNLICENSED_PROFESSIONS] as const;
export type Profession = (typeof PROFESSIONS)[number];

export function isProfession(value: string): value is Profession {
  return (PROFESSIONS as readonly string[]).includes(value);
}
