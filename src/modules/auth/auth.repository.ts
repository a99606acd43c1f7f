import type { Kysely } from "kysely";
import type { Database, Role, UserRow } from "../../db/schema.ts";

export async function findUserByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
}

/** The account carrying this HSA-id (upper case), disabled or not. */
export async function findUserByHsaId(db: Kysely<Database>, hsaId: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("hsa_id", "=", hsaId).executeTakeFirst();
}

export async function setUserHsaIdRow(db: Kysely<Database>, userId: number, hsaId: string | null) {
  await db.updateTable("users").set({ hsa_id: hsaId }).where("id", "=", userId).execute();
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findUnitsOfUser(
  db: Kysely<Database>,
  userId: number,
): Promise<{ id: number; hsa_id: string }[]> {
  return db
    .selectFrom("user_units")
    .innerJoin("units", "units.id", "user_units.unit_id")
    .select(["units.id", "units.hsa_id"])
    .where("user_units.user_id", "=", userId)
    .orderBy("units.hsa_id")
    .execute();
}

export async function countLoginFailuresSince(
  db: Kysely<Database>,
  by: { username: string } | { ip: string },
  since: Date,
): Promise<number> {
  let q = db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<bigint>().as("n"))
    .where("at", ">=", since);
  q = "username" in by ? q.where("username", "=", by.username) : q.where("ip", "=", by.ip);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOldestLoginFailureSince(db: Kysely<Database>, username: string, since: Date) {
  return db
    .selectFrom("login_failures")
    .select("at")
    .where("username", "=", username)
    .where("at", ">=", since)
    .orderBy("at", "asc")
    .limit(1)
    .executeTakeFirst();
}

export async function insertLoginFailure(
  db: Kysely<Database>,
  username: string,
  ip: string | null,
  at: Date,
) {
  await db.insertInto("login_failures").values({ username, ip, at }).execute();
}

export async function deleteLoginFailures(db: Kysely<Database>, username: string) {
  await db.deleteFrom("login_failures").where("username", "=", username).execute();
}

export interface SessionInsert {
  id: string;
  user_id: number;
  csrf_token: string;
  /** From the service's clock: the absolute lifetime counts from it. */
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export async function insertSession(db: Kysely<Database>, session: SessionInsert) {
  await db.insertInto("sessions").values(session).execute();
}

export async function findSessionWithUser(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "sessions.csrf_token",
      "sessions.created_at",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.id as user_id",
      "users.username",
      "users.display_name",
      "users.role",
      "users.region_code",
      "users.disabled_at",
      "users.must_change_password",
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
}

export async function touchSession(
  db: Kysely<Database>,
  sessionId: string,
  lastSeenAt: Date,
  expiresAt: Date,
) {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where("id", "=", sessionId)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: number, exceptSessionId?: string) {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptSessionId !== undefined) q = q.where("id", "!=", exceptSessionId);
  await q.execute();
}

export async function updatePassword(
  db: Kysely<Database>,
  userId: number,
  passwordHash: string,
  changedAt: Date,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: changedAt })
    .where("id", "=", userId)
    .execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date) {
  await db.deleteFrom("sessions").where("expires_at", "<", now).execute();
}

export interface UserInsert {
  username: string;
  display_name: string;
  password_hash: string | null;
  hsa_id: string | null;
  role: Role;
  region_code: string | null;
  must_change_password?: boolean;
}

export async function insertUser(db: Kysely<Database>, user: UserInsert): Promise<number> {
  const row = await db.insertInto("users").values(user).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function insertUserUnits(db: Kysely<Database>, userId: number, unitIds: number[]) {
  if (unitIds.length === 0) return;
  await db
    .insertInto("user_units")
    .values(unitIds.map((unit_id) => ({ user_id: userId, unit_id })))
    .execute();
}

export async function findUsers(db: Kysely<Database>, regionCode: string | null) {
  let q = db
    .selectFrom("users")
    .select([
      "id",
      "username",
      "display_name",
      "role",
      "region_code",
      "disabled_at",
      "created_at",
      "hsa_id",
      (eb) => eb("password_hash", "is not", null).as("has_password"),
    ])
    .orderBy("username");
  if (regionCode !== null) q = q.where("region_code", "=", regionCode);
  return q.execute();
}

export async function setUserDisabled(db: Kysely<Database>, userId: number, disabledAt: Date | null) {
  await db.updateTable("users").set({ disabled_at: disabledAt }).where("id", "=", userId).execute();
}

/** Every account's name and password hash (disabled ones too: they can be enabled again). */
export async function findPasswordHashes(db: Kysely<Database>) {
  return db.selectFrom("users").select(["username", "password_hash"]).orderBy("username").execute();
}
