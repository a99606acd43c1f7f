import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { Ownership, Role, UnitType } from "../domain/access/value-sets.ts";
import type { ContactOutcome, ContactSource, ContactStatus } from "../domain/contacts/value-sets.ts";
import type { SameDayRateKind } from "../domain/reimbursement/value-sets.ts";

// Database types for Kysely, one interface per table. Columns mirror src/db/migrations exactly.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type { ContactOutcome, ContactSource, ContactStatus, Ownership, Role, UnitType };
export type WeeklyHoursJson = Partial<
  Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", [string, string][]>
>;

export interface RegionsTable {
  code: string;
  name: string;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProvidersTable {
  id: Generated<number>;
  region_code: string;
  name: string;
  org_nr: string;
}

export interface UnitsTable {
  id: Generated<number>;
  region_code: string;
  hsa_id: string;
  name: string;
  type: UnitType;
  ownership: Ownership;
  provider_id: number;
  kommun_code: string;
  lat: number;
  lon: number;
  phone_hours: Json<WeeklyHoursJson>;
  opening_hours: Json<WeeklyHoursJson>;
  closed_dates: Json<string[]>;
  open_dates: Json<string[]>;
  callback_slot_minutes: number;
  callback_calls_per_slot: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** null: the account signs in through the region's identity provider only (SITHS, by hsa_id). */
  password_hash: string | null;
  /** The person's HSA-id (upper case), matched against the OpenID Connect provider's claim. */
  hsa_id: Generated<string | null>;
  role: Role;
  region_code: string | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  /** Migration 0032: created by an administrator, so the first sign-in must choose a new password. */
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
}

export interface UserUnitsTable {
  user_id: number;
  unit_id: number;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  username: string;
  ip: string | null;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  region_code: string | null;
  actor_user_id: number | null;
  actor_username: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  purpose: string;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
  /** How `hash` was computed: plain SHA-256 (rows before migration 0020) or HMAC-SHA-256 (keyed). */
  mac_scheme: Generated<"sha256" | "hmac-sha256">;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: UpdatedAt;
}

// Reimbursement (migration 0002). Months are "YYYY-MM"; decimal inputs stay the exact imported text.
export type { SameDayRateKind };

export interface ReimbursementModelsTable {
  id: Generated<number>;
  region_code: string;
  model_id: string;
  version: number;
  purpose: "payment" | "scenario";
  model: Json<Record<string, unknown>>;
  same_day_rate_kind: Generated<SameDayRateKind>;
  valid_from: string;
  valid_to: string | null;
  created_at: CreatedAt;
  created_by: string;
  updated_at: UpdatedAt;
  locked_at: Timestamp | null;
}

export interface ReimbursementListingTable {
  region_code: string;
  unit_id: number;
  month: string;
  age: number;
  sex: "female" | "male" | "unknown";
  count: number;
}

/** Listing changes of a month (FORMATS.md "vardnav-listing-changes-v1"); null from = new, null to = ended. */
export interface ListingChangesTable {
  region_code: string;
  month: string;
  from_unit_id: number | null;
  to_unit_id: number | null;
  count: number;
  updated_at: UpdatedAt;
}

export interface ReimbursementIndicesTable {
  region_code: string;
  unit_id: number;
  month: string;
  name: string;
  value: string;
}

export interface ReimbursementRuralPointsTable {
  region_code: string;
  unit_id: number;
  valid_from: string;
  valid_to: string | null;
  points: string;
}

export interface ReimbursementUnitReportsTable {
  region_code: string;
  unit_id: number;
  month: string;
  multimorbid_identified: number | null;
  home_visits: number | null;
  updated_at: UpdatedAt;
  updated_by: string;
}

export interface ReimbursementSameDayRatesTable {
  region_code: string;
  unit_id: number;
  month: string;
  kind: SameDayRateKind;
  rate: string;
  source: Generated<"import" | "statistics">;
}

export interface ReimbursementRunsTable {
  id: Generated<number>;
  region_code: string;
  month: string;
  model_row_id: number;
  model_id: string;
  model_version: number;
  snapshot: string;
  result: string;
  inputs_sha256: string;
  result_sha256: string;
  total_ore: ColumnType<bigint, bigint | string, bigint | string>;
  notes: Json<string[]>;
  status: Generated<"draft" | "approved">;
  created_at: CreatedAt;
  created_by: string;
  approved_at: Timestamp | null;
  approved_by: string | null;
}

// Contacts (migration 0003). Partitioned by month of received_at; contact_index makes the id and the
// source system's id unique.
export type ContactClosedReason = "feedback" | "not_reached" | "transferred_out" | "withdrawn" | "imported";

export interface ContactsTable {
  id: string;
  region_code: string;
  unit_id: number;
  received_at: Timestamp;
  source: ContactSource;
  external_id: string | null;
  channel: "phone" | "digital" | "visit" | "letter";
  result: "answered" | "callback" | "abandoned" | "refused" | "registered";
  /** Stockholm dates as "YYYY-MM-DD" text (date columns are read as text, see connect.ts). */
  receipt_date: string;
  service_day: string;
  in_phone_hours: boolean;
  deadline: Timestamp | null;
  slot_start: Timestamp | null;
  overflowed: Generated<boolean>;
  responded_at: Timestamp | null;
  feedback_at: Timestamp | null;
  new_problem: Generated<boolean>;
  assessed_at: Timestamp | null;
  assessed_by: string | null;
  patient_chosen_wait: Generated<boolean>;
  status: Generated<ContactStatus>;
  closed_reason: ContactClosedReason | null;
  attempts: Generated<number>;
  claimed_by: number | null;
  claimed_at: Timestamp | null;
  outcome: ContactOutcome | null;
  outcome_details: Json<Record<string, unknown>> | null;
  at_risk_at: Timestamp | null;
  missed_at: Timestamp | null;
  transferred_from_unit_id: number | null;
  identity_encrypted: string | null;
  identity_hash: string | null;
  phone_encrypted: string | null;
  description: string | null;
  callback_window: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ContactIndexTable {
  contact_id: string;
  region_code: string;
  unit_id: number;
  received_at: Timestamp;
  external_id: string | null;
  status_token_hash: string | null;
}

// Accessibility statistics (migration 0006): rollups per unit and Stockholm date, reference values, imports.
export interface StatsUnitDayTable {
  region_code: string;
  unit_id: number;
  day: string;
  offered: Generated<number>;
  answered_same_day: Generated<number>;
  eligible: Generated<number>;
  within0: Generated<number>;
  within3: Generated<number>;
  within7: Generated<number>;
  patient_chosen: Generated<number>;
  contacts: Generated<number>;
  refused: Generated<number>;
  overflowed: Generated<number>;
  responded_same_day: Generated<number>;
  feedback_same_day: Generated<number>;
}

export interface StatsUnitHourTable {
  region_code: string;
  unit_id: number;
  day: string;
  hour: number;
  contacts: Generated<number>;
  unanswered: Generated<number>;
}

export interface StatsReferenceValuesTable {
  id: Generated<number>;
  region_code: string | null;
  year: number;
  /** numeric(5,4), read as text. */
  national_phone_rate: ColumnType<string | null, string | number | null, string | number | null>;
  goal: ColumnType<string, string | number | undefined, string | number>;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export type ImportJobStatus = "running" | "done" | "failed";
export interface ImportJobsTable {
  id: string;
  region_code: string;
  unit_id: number | null;
  format: "vardnav-contacts-v1" | "asterisk-queue-log";
  status: Generated<ImportJobStatus>;
  read: Generated<number>;
  imported: Generated<number>;
  updated: Generated<number>;
  rejected: Generated<number>;
  rejections: ColumnType<{ line: number; reason: string }[], string | undefined, string>;
  error: string | null;
  created_by: string;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface UnitHandleMinutesTable {
  unit_id: number;
  region_code: string;
  /** numeric(5,2), read as text. */
  handle_minutes: ColumnType<string, string | number | undefined, string | number>;
  updated_at: UpdatedAt;
}

// Notifications (migration 0005): the transactional outbox to residents and the sweep's alerts to managers.
export type NotificationKindColumn = "receipt" | "callback_moved" | "outcome" | "not_reached";
export type OutboxChannel = "sms" | "email" | "log";
export type OutboxStatus = "pending" | "sent" | "failed" | "held";
/** Why the dispatcher held a message back (migration 0032). */
export type OutboxHeldReason = "phone_limit" | "identity_limit";

export interface OutboxMessagesTable {
  /** bigserial: read as bigint (connect.ts parses int8 exactly). */
  id: Generated<bigint>;
  region_code: string;
  contact_id: string | null;
  kind: NotificationKindColumn;
  channel: OutboxChannel;
  /** AES-256-GCM sealed JSON `{ phone?, email? }`; never read outside the dispatcher. */
  recipient_encrypted: string | null;
  body: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  provider_ref: string | null;
  held_reason: OutboxHeldReason | null;
  limit_counted: Generated<boolean>;
}

/** Migration 0032: messages counted per Stockholm day and keyed hash of a phone or identity number. */
export interface IntakeMessageCountsTable {
  day: string;
  kind: "phone" | "identity";
  key_hash: string;
  sent: Generated<number>;
}

export type IntakeAbuseReason = "honeypot" | OutboxHeldReason;

/** Migration 0032: what the public intake held back, per region, day and reason. */
export interface IntakeAbuseDailyTable {
  region_code: string;
  day: string;
  reason: IntakeAbuseReason;
  count: Generated<number>;
}

export type StaffAlertKind = "at_risk" | "missed";

export interface StaffAlertsTable {
  id: Generated<bigint>;
  region_code: string;
  unit_id: number;
  contact_id: string;
  kind: StaffAlertKind;
  message: string;
  deadline: Timestamp | null;
  suggested_unit_id: number | null;
  created_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
}

// Contact workflow (migration 0004): history, phone systems, webhook idempotency keys.
export type ContactEventKind =
  | "created"
  | "claimed"
  | "released"
  | "attempt"
  | "response"
  | "feedback"
  | "note"
  | "assessment"
  | "transfer"
  | "at_risk"
  | "missed"
  | "not_reached"
  | "telephony"
  | "callback_moved";

export interface ContactEventsTable {
  id: Generated<string>;
  region_code: string;
  contact_id: string;
  at: Timestamp;
  kind: ContactEventKind | (string & {});
  actor: string;
  actor_user_id: number | null;
  data: Json<Record<string, unknown>>;
}

export interface TelephonySystemsTable {
  id: string;
  region_code: string;
  name: string;
  secret: string;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  /** Accepts the older unversioned signature (systems registered before `v1=`), until switched off. */
  unversioned_signature: Generated<boolean>;
  secret_rotated_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  system_id: string;
  key: string;
  region_code: string;
  body_sha256: string;
  status_code: number;
  response: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

// Physician staffing (migration 0007): current rows and the rows they replaced. fte is numeric, read as text.
export type StaffingProfession =
  | "specialist_allmanmedicin"
  | "st_allmanmedicin"
  | "annan_lakare"
  | "sjukskoterska"
  | "distriktsskoterska"
  | "annan";
export type StaffingEmployment = "employed" | "agency";

export interface StaffingTable {
  region_code: string;
  unit_id: number;
  month: string;
  profession: StaffingProfession;
  employment: StaffingEmployment;
  fte: ColumnType<string, string, string>;
  agency_cost_ore: ColumnType<bigint | null, bigint | string | null, bigint | string | null>;
  source: "import" | "form";
  updated_at: UpdatedAt;
  updated_by: string;
}

// Task transfers from slutenvården (migration 0008). Append-only versions; volumes per transfer, unit, month.
export type TransferStatusColumn = "proposed" | "decided" | "in_effect" | "ended";
type Money = ColumnType<bigint, bigint | string, bigint | string>;

export interface TransferVersionsTable {
  id: Generated<number>;
  region_code: string;
  transfer_id: string;
  version: number;
  title: string;
  from_clinic: string;
  decision_ref: string | null;
  decided_on: string | null;
  status: TransferStatusColumn;
  from_month: string;
  to_month: string | null;
  expected_annual_volume: number;
  volume_unit: string;
  estimated_annual_cost_ore: Money;
  annual_compensation_ore: Money;
  component: string | null;
  units: ColumnType<string[] | null, string | null, string | null>;
  changed_fields: Json<string[]>;
  source: "import" | "form";
  created_at: CreatedAt;
  created_by: string;
}

export interface TransferVolumesTable {
  region_code: string;
  transfer_id: string;
  unit_id: number;
  month: string;
  volume: number;
  updated_at: UpdatedAt;
  updated_by: string;
}

export interface StaffingHistoryTable {
  id: Generated<bigint>;
  region_code: string;
  unit_id: number;
  month: string;
  profession: StaffingProfession;
  employment: StaffingEmployment;
  fte: ColumnType<string, string, string>;
  agency_cost_ore: ColumnType<bigint | null, bigint | string | null, bigint | string | null>;
  source: "import" | "form";
  recorded_at: Timestamp;
  recorded_by: string;
  replaced_at: Timestamp;
  replaced_by: string;
  change: "replaced" | "removed";
}

// Promises as data (migration 0009). Measure and target are validated in src/modules/committee.
export interface CommitteePromisesTable {
  id: Generated<number>;
  region_code: string;
  key: string;
  position: Generated<number>;
  text: string;
  source: string;
  start_date: string;
  measure: Json<unknown>;
  target: Json<unknown>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InterpellationQuestionsTable {
  id: Generated<number>;
  region_code: string;
  number: number;
  text: string;
  source: string;
  created_at: CreatedAt;
}

// Intake in one statement (migration 0034): contacts per unit and callback slot, kept by triggers on
// contacts, and public-intake audit entries waiting for the chain appender.
export interface SlotOccupancyTable {
  unit_id: number;
  slot_start: Timestamp;
  taken: number;
}

export interface AuditPendingTable {
  /** bigserial: read as bigint. */
  id: Generated<bigint>;
  entry: Json<Record<string, unknown>>;
}

export interface Database {
  regions: RegionsTable;
  providers: ProvidersTable;
  units: UnitsTable;
  users: UsersTable;
  user_units: UserUnitsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  reimbursement_models: ReimbursementModelsTable;
  reimbursement_listing: ReimbursementListingTable;
  reimbursement_indices: ReimbursementIndicesTable;
  listing_changes: ListingChangesTable;
  reimbursement_rural_points: ReimbursementRuralPointsTable;
  reimbursement_unit_reports: ReimbursementUnitReportsTable;
  reimbursement_same_day_rates: ReimbursementSameDayRatesTable;
  reimbursement_runs: ReimbursementRunsTable;
  contacts: ContactsTable;
  contact_index: ContactIndexTable;
  contact_events: ContactEventsTable;
  telephony_systems: TelephonySystemsTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox_messages: OutboxMessagesTable;
  intake_message_counts: IntakeMessageCountsTable;
  intake_abuse_daily: IntakeAbuseDailyTable;
  staff_alerts: StaffAlertsTable;
  stats_unit_day: StatsUnitDayTable;
  stats_unit_hour: StatsUnitHourTable;
  stats_reference_values: StatsReferenceValuesTable;
  import_jobs: ImportJobsTable;
  import_dropped_indexes: ImportDroppedIndexesTable;
  unit_handle_minutes: UnitHandleMinutesTable;
  staffing: StaffingTable;
  staffing_history: StaffingHistoryTable;
  transfer_versions: TransferVersionsTable;
  transfer_volumes: TransferVolumesTable;
  committee_promises: CommitteePromisesTable;
  interpellation_questions: InterpellationQuestionsTable;
  slot_occupancy: SlotOccupancyTable;
  audit_pending: AuditPendingTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type AuditLogRow = Selectable<AuditLogTable>;

/** Secondary indexes of contacts dropped by an import with --rebuild-indexes, until they are rebuilt. */
export interface ImportDroppedIndexesTable {
  name: string;
  definition: string;
  dropped_at: Generated<Date>;
}
