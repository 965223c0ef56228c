// How the procurement record reads ledger records (pure): which records of an event concern the
// procurement, what a manual entry or a launch holds, and the few payload facts worth showing.
import { REDACTED_TEXT, type JsonValue } from "~/ledger/canonical";
import { isSha256Hex, type AttachmentType, ATTACHMENT_TYPES } from "./attachments";
import { CHANNELS, type Channel } from "./manual-schema";

export type JsonObject = { [key: string]: JsonValue };

export function parsePayload(text: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
  } catch {
    return {};
  }
}

const text = (value: JsonValue | undefined): string | null => (typeof value === "string" ? value : null);
const integer = (value: JsonValue | undefined): number | null =>
  typeof value === "number" && Number.isInteger(value) ? value : null;

// ---- which records of an event belong to the record ------------------------------------------------

/** Records about the whole event: everyone concerned by any of its procurements was told the same. */
export const EVENT_WIDE_KINDS: readonly string[] = [
  "meeting.event_published",
  "meeting.event_moved",
  "meeting.event_cancelled",
  "meeting.materials_published",
];

export interface EventLink {
  procurementId: string;
  /** A reverse fair: its bookings, waiting lists and notes belong to one stand. */
  isFair: boolean;
  /** The event itself presents the procurement (not only one of its stands). */
  linkedDirectly: boolean;
  /** The stands that present the procurement (for an event linked directly, also its stands linked to nothing). */
  standIds: ReadonlySet<string>;
  slotIds: ReadonlySet<string>;
  bookingIds: ReadonlySet<string>;
}

/**
 * Whether a record of a linked event concerns the procurement. Webinars and meetings have no
 * stands: all their records count when the event presents the procurement. At a fair, a booking,
 * a waiting list or a note counts when it is about one of the procurement's stands.
 */
export function eventRecordConcerns(
  record: { kind: string; plannedProcurementId: string | null; payload: JsonObject },
  link: EventLink,
): boolean {
  if (record.plannedProcurementId === link.procurementId) return true;
  if (EVENT_WIDE_KINDS.includes(record.kind)) return true;
  if (!link.isFair) return link.linkedDirectly;
  // A stand-level record written for one other procurement.
  if (record.plannedProcurementId !== null) return false;
  const { payload } = record;
  const procurementIds = payload.plannedProcurementIds;
  if (Array.isArray(procurementIds) && procurementIds.includes(link.procurementId)) return true;
  const standId = text(payload.standId);
  if (standId && link.standIds.has(standId)) return true;
  const slotId = text(payload.slotId);
  if (slotId && link.slotIds.has(slotId)) return true;
  const bookingId = payload.target === "booking" ? text(payload.id) : text(payload.bookingId);
  if (bookingId && link.bookingIds.has(bookingId)) return true;
  return false;
}

// ---- manual entries and launches ------------------------------------------------------------------

export interface StoredAttachment {
  sha256: string;
  fileName: string;
  contentType: AttachmentType;
  size: number;
}

export interface ManualEntryView {
  exchangedOn: string;
  channel: Channel;
  channelLabel: string;
  supplier: { organizationId: string | null; name: string; siret: string | null };
  text: string;
  attachment: StoredAttachment | null;
  /**
   * The attachment's description was redacted (its file name named a person erased on request):
   * the `ledger.redacted` record that did it still gives its hash (app/record/attachment-erasure.ts).
   */
  attachmentRedacted: boolean;
  corrects: number | null;
  guardJustification: string | null;
  recordedAt: string | null;
}

export function readAttachment(value: JsonValue | undefined): StoredAttachment | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const contentType = text(value.contentType);
  const size = integer(value.size);
  const fileName = text(value.fileName);
  if (!isSha256Hex(value.sha256) || !contentType || !(contentType in ATTACHMENT_TYPES) || size === null || !fileName)
    return null;
  return { sha256: value.sha256, fileName, contentType: contentType as AttachmentType, size };
}

function readSupplier(value: JsonValue | undefined): ManualEntryView["supplier"] | null {
  // Redacted at the request of the person it named (a sole trader): name and SIRET went together.
  if (value === REDACTED_TEXT) return { organizationId: null, name: REDACTED_TEXT, siret: null };
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const name = text(value.name);
  return name ? { organizationId: text(value.organizationId), name, siret: text(value.siret) } : null;
}

/**
 * A manual entry's payload as written by recordManualExchange(), or null when it is not one. Fields
 * redacted at a person's request (their texts are « [effacé] ») still read as an entry.
 */
export function readManualEntry(payload: JsonObject): ManualEntryView | null {
  const exchangedOn = text(payload.exchangedOn);
  const channel = text(payload.channel);
  const body = text(payload.text);
  if (!exchangedOn || !channel || !(channel in CHANNELS) || body === null) return null;
  const supplier = readSupplier(payload.supplier);
  if (!supplier) return null;
  const guard = payload.priceGuard;
  return {
    exchangedOn,
    channel: channel as Channel,
    channelLabel: CHANNELS[channel as Channel],
    supplier,
    text: body,
    attachment: readAttachment(payload.attachment),
    attachmentRedacted: payload.attachment === REDACTED_TEXT,
    corrects: integer(payload.corrects),
    guardJustification: guard && typeof guard === "object" && !Array.isArray(guard) ? text(guard.justification) : null,
    recordedAt: text(payload.recordedAt),
  };
}

export interface LaunchView {
  launchedOn: string;
  noticeReference: string;
  noticeUrl: string;
  corrects: number | null;
}

export function readLaunch(payload: JsonObject): LaunchView | null {
  const launchedOn = text(payload.launchedOn);
  const noticeReference = text(payload.noticeReference);
  const noticeUrl = text(payload.noticeUrl);
  if (!launchedOn || !noticeReference || !noticeUrl) return null;
  return { launchedOn, noticeReference, noticeUrl, corrects: integer(payload.corrects) };
}

/** The record number an entry corrects, for the kinds that can be corrected (manual entries, launches). */
export function correctedSequence(kind: string, payload: JsonObject): number | null {
  if (kind === "manual.exchange" || kind === "procurement.launched") return integer(payload.corrects);
  return null;
}

// ---- facts worth showing beside the summary --------------------------------------------------------

export type EntryFact = { label: string; value: string; kind?: "hash" | "link" | "text" };

/** Hashes, texts and links the summary does not already say in full. */
export function entryFacts(kind: string, payload: JsonObject): EntryFact[] {
  const facts: EntryFact[] = [];
  const contentHash = text(payload.contentHash);
  if (kind === "sourcing.version_published" && contentHash)
    facts.push({ label: "Empreinte SHA-256 de la version", value: contentHash, kind: "hash" });
  const answersHash = text(payload.answersHash);
  if (answersHash) facts.push({ label: "Empreinte SHA-256 de la réponse", value: answersHash, kind: "hash" });
  if (kind === "sourcing.clarification_answered") {
    const question = text(payload.publishedQuestion);
    const answer = text(payload.answer);
    if (question) facts.push({ label: "Question publiée", value: question, kind: "text" });
    if (answer) facts.push({ label: "Réponse publiée", value: answer, kind: "text" });
  }
  if (kind === "sourcing.clarification_asked") {
    const question = text(payload.question);
    if (question) facts.push({ label: "Question posée", value: question, kind: "text" });
  }
  if (kind === "meeting.note_written" || kind === "meeting.note_corrected") {
    const body = text(payload.body);
    if (body) facts.push({ label: "Compte rendu", value: body, kind: "text" });
  }
  const guard = payload.priceGuard;
  const justification =
    text(payload.guardJustification) ??
    (guard && typeof guard === "object" && !Array.isArray(guard) ? text(guard.justification) : null);
  if (justification) facts.push({ label: "Justification (vigilance prix)", value: justification, kind: "text" });
  if (kind === "meeting.materials_published") {
    const url = text(payload.url);
    if (url && /^https?:\/\//i.test(url)) facts.push({ label: "Support", value: url, kind: "link" });
  }
  if (kind === "procurement.launched") {
    const url = text(payload.noticeUrl);
    if (url && /^https?:\/\//i.test(url)) facts.push({ label: "Avis", value: url, kind: "link" });
  }
  return facts;
}
