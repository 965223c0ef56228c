// Attachment files, under the data folder (DATA_DIR, by default the database's folder), in
// attachments/<sha256>: the name is the content's SHA-256, so the same file sent twice is stored
// once, and the ledger record that names the hash proves which file was attached.
//
// A file is first written under a temporary name (outside any transaction: 5 Mo take a moment),
// then linked to its final name inside the transaction that appends the record; if that
// transaction fails, the link made by this attempt is removed, and the temporary file always is.
import { createHash, randomBytes } from "node:crypto";
import { copyFile, constants, link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "~/env.server";
import { isSha256Hex } from "./attachments";

export function attachmentsDirectory(): string {
  return path.join(env().dataDir, "attachments");
}

function storedPath(sha256: string): string {
  if (!isSha256Hex(sha256)) throw new Error("Not a SHA-256: refusing to build a path from it");
  return path.join(attachmentsDirectory(), sha256);
}

export interface StagedFile {
  sha256: string;
  size: number;
  temporaryPath: string;
}

export async function stageFile(bytes: Uint8Array): Promise<StagedFile> {
  const directory = attachmentsDirectory();
  await mkdir(directory, { recursive: true });
  const temporaryPath = path.join(directory, `.en-cours-${randomBytes(12).toString("hex")}`);
  await writeFile(temporaryPath, bytes, { flag: "wx" });
  return { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength, temporaryPath };
}

function errorCode(error: unknown): string | undefined {
  return error && typeof error === "object" && "code" in error ? String(error.code) : undefined;
}

/** Gives the staged file its final name; false when a file with that content was already stored. */
export async function placeStagedFile(staged: StagedFile): Promise<boolean> {
  const target = storedPath(staged.sha256);
  try {
    await link(staged.temporaryPath, target);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    // File systems without hard links: an exclusive copy keeps "never overwrite" all the same.
    if (errorCode(error) !== "EPERM" && errorCode(error) !== "ENOTSUP") throw error;
  }
  try {
    await copyFile(staged.temporaryPath, target, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  }
}

export async function discardStagedFile(staged: StagedFile): Promise<void> {
  await rm(staged.temporaryPath, { force: true });
}

/** Removes a stored file that no committed record names (a failed transaction's). */
export async function removeStoredFile(sha256: string): Promise<void> {
  await rm(storedPath(sha256), { force: true });
}

/** A stored file's bytes, or null when it is missing. */
export async function readStoredFile(sha256: string): Promise<Buffer | null> {
  try {
    return await readFile(storedPath(sha256));
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
}
