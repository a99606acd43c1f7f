// The assessor's profession (FORMATS.md, contact CSV `assessed_by`), from the same list the server and the
// statistics use. Only licensed professions (legitimerad personal) make a medical assessment count for
// vårdgarantin's three days; the others are recorded as they are, and the statistics leave them out.
import {
  isProfessionCode,
  LICENSED_PROFESSIONS,
  PROFESSION_CODES,
  type ProfessionCode,
  UNLICENSED_PROFESSIONS,
} from "../../../../src/domain/statistics/types.ts";

export { LICENSED_PROFESSIONS, UNLICENSED_PROFESSIONS };
export const PROFESSIONS = PROFESSION_CODES;
export type Profession = ProfessionCode;
export const isProfession = isProfessionCode;
