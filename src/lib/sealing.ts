import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";

/**
 * All key material of Vårdnav: one `Keyring`, built once at start-up from config VARDNAV_SECRET (and,
 * while a rotation is under way, VARDNAV_SECRET_PREVIOUS) and carried in the service context. Every key
 * is derived (HKDF-SHA-256) with a purpose of its own, so one use's key never serves another, and none is
 * stored in the database.
 *
 * Sealing is AES-256-GCM with a 12-byte random IV and a fixed 16-byte tag, in a versioned envelope that
 * names the key generation (`v2.KEYID.IV.CIPHERTEXT.TAG`, base64url parts), with the value's place
 * (`table/column/row`) as associated data: a ciphertext copied to another row or column does not open.
 *
 * Without VARDNAV_SECRET (a developer's machine) a fixed, public development secret is used so the
 * README's first command just works; the server warns about it, production mode refuses to start, and such
 * keys protect nothing against anyone who has read this file.
 */
export const DEVELOPMENT_SECRET = "vardnav-development-secret-not-for-real-data";

/** Purposes whose keys seal values (AES-256-GCM). */
export type SealPurpose =
  | "contact-personal-data"
  | "outbox-recipient"
  | "telephony-secret"
  | "oidc-login-state";
/** Purposes whose keys make blind indexes (HMAC-SHA-256 for look-up without opening anything). */
export type IndexPurpose = "identity-lookup";
/** Purposes whose keys MAC records (the access log's chain). */
export type MacPurpose = "audit-log-chain";
export type KeyPurpose = SealPurpose | IndexPurpose | MacPurpose;

const PURPOSES: readonly KeyPurpose[] = [
  "contact-personal-data",
  "outbox-recipient",
  "telephony-secret",
  "oidc-login-state",
  "identity-lookup",
  "audit-log-chain",
];

/** Where a sealed value lives: its associated data, so it opens only there. */
export interface SealedAt {
  table: string;
  column: string;
  /** The row's key (an id generated before the insert, or a natural key). */
  row: string;
}

const VERSION = "v2";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealingError extends Error {
  override readonly name = "SealingError";
}

/** The HKDF of a secret for one purpose; unchanged since the access log's chain was first keyed with it. */
export function deriveKey(secret: string | undefined, purpose: KeyPurpose | "key-id"): Buffer {
  return Buffer.from(
    hkdfSync("sha256", secret ?? DEVELOPMENT_SECRET, "vardnav", `vardnav ${purpose} v1`, 32),
  );
}

interface Generation {
  /** 8 hex characters, derived one-way from the secret: names the generation in every envelope. */
  id: string;
  /** KeyObjects, not Buffers: the cipher then skips importing the key material on every call. */
  keys: ReadonlyMap<KeyPurpose, KeyObject>;
  macKeys: ReadonlyMap<KeyPurpose, Buffer>;
}

function generationOf(secret: string | undefined): Generation {
  const keys = new Map<KeyPurpose, KeyObject>();
  const macKeys = new Map<KeyPurpose, Buffer>();
  for (const purpose of PURPOSES) {
    const raw = deriveKey(secret, purpose);
    macKeys.set(purpose, raw);
    keys.set(purpose, createSecretKey(raw));
  }
  return { id: deriveKey(secret, "key-id").subarray(0, 4).toString("hex"), keys, macKeys };
}

function keyOf(generation: Generation, purpose: KeyPurpose): KeyObject {
  const key = generation.keys.get(purpose);
  if (!key) throw new SealingError(`No key for purpose ${purpose}.`);
  return key;
}

function associatedData(header: string, at: SealedAt): Buffer {
  return Buffer.from(`${header}|${at.table}/${at.column}/${at.row}`, "utf8");
}

export interface ParsedEnvelope {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** The parts of a `v2` envelope, or null for anything else (a legacy format, a plain value). */
export function parseEnvelope(sealed: string): ParsedEnvelope | null {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) return null;
  const [, keyId = "", iv = "", ciphertext = "", tag = ""] = parts;
  return {
    keyId,
    iv: Buffer.from(iv, "base64url"),
    ciphertext: Buffer.from(ciphertext, "base64url"),
    tag: Buffer.from(tag, "base64url"),
  };
}

export function isSealed(value: string): boolean {
  return parseEnvelope(value) !== null;
}

export interface KeyringSecrets {
  /** Config VARDNAV_SECRET; undefined on a developer's machine (the public development secret). */
  secret: string | undefined;
  /** Config VARDNAV_SECRET_PREVIOUS: the secret being rotated away from, still accepted for reading. */
  previousSecret?: string | undefined;
}

export class Keyring {
  readonly #current: Generation;
  readonly #previous: Generation | null;
  readonly #legacyPersonalData: readonly KeyObject[];
  /** True when no VARDNAV_SECRET was given: keys from the public development secret. */
  readonly development: boolean;

  private constructor(
    current: Generation,
    previous: Generation | null,
    legacyPersonalData: readonly KeyObject[],
    development: boolean,
  ) {
    this.#current = current;
    this.#previous = previous;
    this.#legacyPersonalData = legacyPersonalData;
    this.development = development;
  }

  static fromSecrets(secrets: KeyringSecrets): Keyring {
    const previous =
      secrets.previousSecret !== undefined && secrets.previousSecret !== secrets.secret
        ? generationOf(secrets.previousSecret)
        : null;
    // The contacts' scheme before migration 0031 derived its key straight from VARDNAV_SECRET.
    const legacy = [secrets.secret, secrets.previousSecret].flatMap((secret) =>
      secret === undefined ? [] : [legacyPersonalDataKey(secret)],
    );
    return new Keyring(generationOf(secrets.secret), previous, legacy, secrets.secret === undefined);
  }

  /** The key generation new values are sealed under. */
  get keyId(): string {
    return this.#current.id;
  }

  /** The generation being rotated away from, or null. */
  get previousKeyId(): string | null {
    return this.#previous?.id ?? null;
  }

  seal(purpose: SealPurpose, plaintext: string, at: SealedAt): string {
    const header = `${VERSION}.${this.#current.id}`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", keyOf(this.#current, purpose), iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(associatedData(header, at));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${header}.${iv.toString("base64url")}.${body.toString("base64url")}.${tag.toString("base64url")}`;
  }

  /** Opens a value sealed under the current or the previous generation; throws SealingError otherwise. */
  open(purpose: SealPurpose, sealed: string, at: SealedAt): string {
    const envelope = parseEnvelope(sealed);
    if (!envelope) throw new SealingError(`Not a sealed value (${at.table}.${at.column}).`);
    const generation = this.#generation(envelope.keyId);
    if (!generation) {
      throw new SealingError(
        `${at.table}.${at.column} is sealed under key ${envelope.keyId}, which is neither VARDNAV_SECRET nor VARDNAV_SECRET_PREVIOUS.`,
      );
    }
    // A short tag would weaken GCM's authentication to its length: only the full 16 bytes are accepted.
    if (envelope.tag.length !== TAG_BYTES || envelope.iv.length !== IV_BYTES) {
      throw new SealingError(`${at.table}.${at.column}: the envelope's IV or tag has the wrong length.`);
    }
    const decipher = createDecipheriv("aes-256-gcm", keyOf(generation, purpose), envelope.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(associatedData(`${VERSION}.${envelope.keyId}`, at));
    decipher.setAuthTag(envelope.tag);
    try {
      return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new SealingError(
        `${at.table}.${at.column} of row ${at.row} does not authenticate: altered, or sealed for another place.`,
      );
    }
  }

  /** Whether a stored value must be re-sealed to be under the current generation. */
  needsReseal(sealed: string): boolean {
    return parseEnvelope(sealed)?.keyId !== this.#current.id;
  }

  /** The blind index new rows store (current generation). */
  blindIndex(purpose: IndexPurpose, value: string): string {
    return createHmac("sha256", keyOf(this.#current, purpose)).update(value).digest("hex");
  }

  /**
   * Every blind index a stored row may carry for this value: the current one and, while rotating, the
   * previous one. A look-up matches any of them until `vardnav secrets rotate` has recomputed every row.
   */
  blindIndexes(purpose: IndexPurpose, value: string): string[] {
    const generations = this.#previous ? [this.#current, this.#previous] : [this.#current];
    return generations.map((g) => createHmac("sha256", keyOf(g, purpose)).update(value).digest("hex"));
  }

  /** MAC keys, current first, then the previous one while rotating. */
  macKeys(purpose: MacPurpose): Buffer[] {
    const generations = this.#previous ? [this.#current, this.#previous] : [this.#current];
    return generations.map((g) => {
      const key = g.macKeys.get(purpose);
      if (!key) throw new SealingError(`No key for purpose ${purpose}.`);
      return key;
    });
  }

  /**
   * Keys of the contacts' former `v1:` scheme under VARDNAV_SECRET and VARDNAV_SECRET_PREVIOUS, only for
   * re-sealing rows written before migration 0031 (modules/sealing). Never used to seal.
   */
  legacyPersonalDataKeys(): readonly KeyObject[] {
    return this.#legacyPersonalData;
  }

  #generation(keyId: string): Generation | null {
    if (keyId === this.#current.id) return this.#current;
    if (this.#previous && keyId === this.#previous.id) return this.#previous;
    return null;
  }
}

/** The key of the contacts' former scheme for a secret (VARDNAV_SECRET or the one generated into settings). */
export function legacyPersonalDataKey(secret: string): KeyObject {
  return createSecretKey(
    Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), "vardnav", "personal-data-encryption", 32)),
  );
}

/** The keyring of a developer's machine and of tests that do not care: the public development secret. */
export function developmentKeyring(): Keyring {
  return Keyring.fromSecrets({ secret: undefined });
}
