// The ledger's Ed25519 signing key (docs/decisions/0023-signed-checkpoints-and-exports.md).
//
// The private key is LEDGER_SIGNING_KEY (PKCS#8 PEM) when set, otherwise the file
// DATA_DIR/keys/ledger-signing-key.pem, generated on first use (folder 0700, file 0600). It is never
// logged and never stored in the database: the database publishes the public key only
// (LedgerSigningKey), under its fingerprint.
//
// One key is current. Registering a key that the table does not know (first start, a new
// LEDGER_SIGNING_KEY, `npm run ledger:rotate-key`) retires every other key in the same
// transaction; a retired key stays published with its retirement date, and is refused for signing.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db, write } from "~/db/db.server";
import { env, pemFromEnvironment } from "~/env.server";
import { groupedFingerprint, keyFingerprint, publicKeyPem, rawPublicKey, SIGNATURE_ALGORITHM } from "./keys";

export const KEY_FILE_NAME = "ledger-signing-key.pem";

export interface SigningKey {
  /** The fingerprint: SHA-256 hex of the raw public key. */
  id: string;
  publicKey: string;
  source: "environment" | "file";
  privateKey: KeyObject;
}

export interface KeySource {
  /** PKCS#8 PEM (LEDGER_SIGNING_KEY), or undefined to use the key file. */
  pem?: string;
  /** The folder that holds keys/ (DATA_DIR). */
  dataDir: string;
}

export class RetiredKeyError extends Error {
  constructor(
    readonly keyId: string,
    retiredAt: Date,
  ) {
    super(
      `La clé de signature ${groupedFingerprint(keyId)} a été retirée le ${retiredAt.toISOString()} : elle ne signe plus. ` +
        "Donnez une nouvelle clé (LEDGER_SIGNING_KEY, ou npm run ledger:rotate-key si la clé est un fichier).",
    );
    this.name = "RetiredKeyError";
  }
}

export class EnvironmentKeyRotationError extends Error {
  constructor() {
    super(
      "La clé vient de LEDGER_SIGNING_KEY : pour en changer, donnez une nouvelle clé dans cette variable " +
        "(openssl genpkey -algorithm ed25519) et redémarrez ; l'ancienne est alors retirée et reste publiée.",
    );
    this.name = "EnvironmentKeyRotationError";
  }
}

export function configuredKeySource(): KeySource {
  const settings = env();
  return { pem: settings.LEDGER_SIGNING_KEY, dataDir: settings.dataDir };
}

export function keyFile(dataDir: string): string {
  return path.join(dataDir, "keys", KEY_FILE_NAME);
}

function toSigningKey(privateKey: KeyObject, source: SigningKey["source"]): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the ledger signing key must be an Ed25519 key");
  const raw = rawPublicKey(createPublicKey(privateKey));
  return { id: keyFingerprint(raw), publicKey: raw.toString("base64"), source, privateKey };
}

function newPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

/**
 * Writes a file that only this user may read, complete before anyone can see it: written under a
 * temporary name, then linked to its name (exclusive: fails with EEXIST when it exists) or renamed
 * over it (replace).
 */
function writePrivateFile(file: string, content: string, mode: "exclusive" | "replace"): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600, flag: "wx" });
  try {
    chmodSync(temporary, 0o600);
    if (mode === "exclusive") linkSync(temporary, file);
    else renameSync(temporary, file);
  } finally {
    if (mode === "exclusive") rmSync(temporary, { force: true });
  }
}

/** The key file's private key, generated if the file does not exist yet. */
function readOrCreateKeyFile(dataDir: string): KeyObject {
  const file = keyFile(dataDir);
  try {
    return createPrivateKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw describeKeyFileError(file, error);
  }
  try {
    writePrivateFile(file, newPrivateKeyPem(), "exclusive");
    console.log(`[ledger] new signing key generated in ${file}`);
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw describeKeyFileError(file, error);
  }
  return createPrivateKey(readFileSync(file, "utf8"));
}

function describeKeyFileError(file: string, error: unknown): Error {
  const reason =
    error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : "illisible";
  // Never the file's content: only where it is and why it cannot be used.
  return new Error(`Clé de signature du registre inutilisable (${file}) : ${reason}`);
}

interface CachedKey {
  cacheKey: string;
  key: SigningKey;
  registered: boolean;
}
let cached: CachedKey | null = null;

/** Identifies the key's origin as it is now: a rotation by another process changes the file. */
function sourceCacheKey(source: KeySource): string {
  if (source.pem) return `env:${source.pem.length}:${keyFingerprint(Buffer.from(source.pem))}`;
  const file = keyFile(source.dataDir);
  try {
    const stat = statSync(file);
    return `file:${file}:${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return `file:${file}:missing`;
  }
}

/** The private key as configured (read, or generated into the key file), not yet registered. */
export function loadSigningKey(source: KeySource = configuredKeySource()): SigningKey {
  if (source.pem) return toSigningKey(createPrivateKey(pemFromEnvironment(source.pem)), "environment");
  return toSigningKey(readOrCreateKeyFile(source.dataDir), "file");
}

/**
 * The current signing key, registered in LedgerSigningKey (which retires any other key). Throws
 * RetiredKeyError when the configured key was retired (an old LEDGER_SIGNING_KEY put back).
 */
export async function currentSigningKey(source: KeySource = configuredKeySource(), now = new Date()) {
  const cacheKey = sourceCacheKey(source);
  if (cached?.cacheKey === cacheKey && cached.registered) return cached.key;
  const key = loadSigningKey(source);
  await registerSigningKey(key, now);
  // The file may have been created just now: remember it under its new identity.
  cached = { cacheKey: sourceCacheKey(source), key, registered: true };
  return key;
}

/** Makes `key` the current key: publishes it, and retires every other key still current. */
export async function registerSigningKey(key: Pick<SigningKey, "id" | "publicKey">, now = new Date()) {
  await write(async (tx) => {
    const known = await tx.ledgerSigningKey.findUnique({ where: { id: key.id } });
    if (known?.retiredAt) throw new RetiredKeyError(key.id, known.retiredAt);
    await tx.ledgerSigningKey.updateMany({ where: { retiredAt: null, id: { not: key.id } }, data: { retiredAt: now } });
    if (!known) await tx.ledgerSigningKey.create({ data: { id: key.id, publicKey: key.publicKey, createdAt: now } });
  });
}

/** The fingerprint of the key that signs now (for the PDF and the pages). */
export async function currentKeyFingerprint(): Promise<string> {
  return (await currentSigningKey()).id;
}

/** Ed25519 signature (base64) of the UTF-8 text. */
export function signText(key: SigningKey, text: string): string {
  return sign(null, Buffer.from(text, "utf8"), key.privateKey).toString("base64");
}

/**
 * `npm run ledger:rotate-key`: a new key file becomes current; the previous key is retired (and
 * stays published). The new file replaces the old one atomically before the database is told, so
 * that a crash in between leaves the new key in place, registered at its first use.
 */
export async function rotateSigningKey(source: KeySource = configuredKeySource(), now = new Date()) {
  if (source.pem) throw new EnvironmentKeyRotationError();
  const previous = await db.ledgerSigningKey.findFirst({ where: { retiredAt: null } });
  writePrivateFile(keyFile(source.dataDir), newPrivateKeyPem(), "replace");
  cached = null;
  const key = await currentSigningKey(source, now);
  return { key, previousId: previous?.id ?? null };
}

export interface PublishedKey {
  id: string;
  fingerprint: string;
  algorithm: typeof SIGNATURE_ALGORITHM;
  publicKey: string;
  publicKeyPem: string;
  createdAt: string;
  retiredAt: string | null;
}

/** Every key that ever signed, oldest first, as /registre/cles.json publishes them. */
export async function publishedKeys(): Promise<PublishedKey[]> {
  const keys = await db.ledgerSigningKey.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return keys.map((key) => ({
    id: key.id,
    fingerprint: groupedFingerprint(key.id),
    algorithm: SIGNATURE_ALGORITHM,
    publicKey: key.publicKey,
    publicKeyPem: publicKeyPem(key.publicKey),
    createdAt: key.createdAt.toISOString(),
    retiredAt: key.retiredAt?.toISOString() ?? null,
  }));
}

/** Forgets the key kept in memory (tests, and after a rotation in this process). */
export function forgetCachedSigningKey(): void {
  cached = null;
}
