// What the ledger publishes (docs/ledger-verification.md): its public keys (/registre/cles.json)
// and its state, the signed checkpoints (/registre/etat and /registre/etat.json). Reading only:
// keys are registered at start and checkpoints signed by the job and the exports.
import { allCheckpoints, countCheckpoints, latestCheckpoints, type PublishedCheckpoint } from "./checkpoints.server";
import { publishedKeys, type PublishedKey } from "./signing.server";

export const KEYS_FORMAT = "amont-cles-v1";
export const STATE_FORMAT = "amont-etat-v1";

export interface KeysDocument {
  format: typeof KEYS_FORMAT;
  keys: PublishedKey[];
}

export async function keysDocument(): Promise<KeysDocument> {
  return { format: KEYS_FORMAT, keys: await publishedKeys() };
}

export interface StateDocument {
  format: typeof STATE_FORMAT;
  generatedAt: string;
  keys: PublishedKey[];
  /** Every signed checkpoint, oldest first. */
  checkpoints: PublishedCheckpoint[];
}

export async function stateDocument(now = new Date()): Promise<StateDocument> {
  const [keys, checkpoints] = await Promise.all([publishedKeys(), allCheckpoints()]);
  return { format: STATE_FORMAT, generatedAt: now.toISOString(), keys, checkpoints };
}

export const STATE_PAGE_CHECKPOINTS = 30;

/** The public page: the latest checkpoints, the newest first, and the keys. */
export async function statePage(): Promise<{
  keys: PublishedKey[];
  checkpoints: PublishedCheckpoint[];
  total: number;
  shown: number;
}> {
  const [keys, checkpoints, all] = await Promise.all([
    publishedKeys(),
    latestCheckpoints(STATE_PAGE_CHECKPOINTS),
    countCheckpoints(),
  ]);
  return { keys, checkpoints, total: all, shown: STATE_PAGE_CHECKPOINTS };
}
