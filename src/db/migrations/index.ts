import type { Migration } from "kysely/migration";
import * as m0001 from "./0001_foundation.ts";
import * as m0002 from "./0002_reimbursement.ts";
import * as m0003 from "./0003_contacts.ts";
import * as m0004 from "./0004_contact_workflow.ts";
import * as m0005 from "./0005_notifications.ts";
import * as m0006 from "./0006_statistics.ts";
import * as m0007 from "./0007_staffing.ts";
import * as m0008 from "./0008_transfers.ts";
import * as m0009 from "./0009_promises.ts";
import * as m0010 from "./0010_listing_changes.ts";
import * as m0020 from "./0020_audit_append_only.ts";
import * as m0021 from "./0021_redact_delivered_bodies.ts";
import * as m0030 from "./0030_telephony_signature.ts";
import * as m0031 from "./0031_sealing.ts";
import * as m0032 from "./0032_intake_abuse_passwords.ts";
import * as m0033 from "./0033_oidc_sign_in.ts";
import * as m0034 from "./0034_intake_one_statement.ts";
import * as m0035 from "./0035_import_dropped_indexes.ts";

/** Every migration, in order. A new migration is a new file here; applied ones are never edited. */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_reimbursement": m0002,
  "0003_contacts": m0003,
  "0004_contact_workflow": m0004,
  "0005_notifications": m0005,
  "0006_statistics": m0006,
  "0007_staffing": m0007,
  "0010_listing_changes": m0010,
  "0008_transfers": m0008,
  "0009_promises": m0009,
  "0030_telephony_signature": m0030,
  "0020_audit_append_only": m0020,
  "0021_redact_delivered_bodies": m0021,
  "0031_sealing": m0031,
  "0032_intake_abuse_passwords": m0032,
  "0033_oidc_sign_in": m0033,
  "0034_intake_one_statement": m0034,
  "0035_import_dropped_indexes": m0035,
};
