import { queryOptions } from "@tanstack/react-query";
import type { PasswordChange } from "../../../../src/modules/auth/auth.schemas.ts";
import type { IntakeAbuseReport } from "../../../../src/modules/contacts/contacts.schemas.ts";
import { apiRequest } from "../../api/client.ts";

export type { IntakeAbuseReport, PasswordChange };

export function changePassword(body: PasswordChange): Promise<void> {
  return apiRequest<void>("/api/auth/password", { method: "POST", body });
}

export const intakeAbuseQuery = queryOptions({
  queryKey: ["contacts", "intake-abuse"],
  queryFn: () => apiRequest<IntakeAbuseReport>("/api/contacts/intake-abuse"),
});
