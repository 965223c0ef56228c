// Manual entries of a procurement's record: an exchange with a supplier that happened outside Amont
// (a phone call, a visit, an email, a meeting), written by a buyer member as a `manual.exchange`
// ledger record, with an optional attachment stored by its SHA-256. Nothing is ever edited: a
// correction is a new entry whose payload names the original (`corrects`: its record number).
import { instantWithinParisDate, todayInParis } from "~/calendar/dates";
import { formatDateFr } from "~/calendar/format";
import { db, write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import {
  GUARD_JUSTIFICATION_MIN_LENGTH,
  scanForPriceNegotiation,
  type PriceGuardFinding,
} from "~/price-guard/price-guard";
import { attachmentErasures } from "./attachment-erasure.server";
import { ATTACHMENT_TYPES, checkAttachment, type AttachmentType } from "./attachments";
import { discardStagedFile, placeStagedFile, readStoredFile, removeStoredFile, stageFile } from "./attachments.server";
import { parsePayload, readManualEntry, type StoredAttachment } from "./entries";
import { CHANNELS, MANUAL_ENTRY_MESSAGES, type Channel, type ManualEntryInput } from "./manual-schema";
import type { RecordScope } from "./record.server";
import type { Upload } from "./upload.server";

export interface RecordActor {
  userId: string;
  name: string;
  organizationId: string;
  organizationName: string;
}

export const MANUAL_MESSAGES = {
  unknownSupplier:
    "Cette entreprise n'est pas dans l'annuaire d'Amont : choisissez-en une dans la liste, ou écrivez son nom.",
  unknownOriginal: "L'entrée à corriger n'existe pas dans le dossier de cet achat : rien n'a été enregistré.",
  justificationNeeded: `Ce résumé semble parler de prix ou de conditions du contrat. Reformulez-le, ou expliquez en ${GUARD_JUSTIFICATION_MIN_LENGTH} caractères au moins pourquoi il doit rester ainsi : la justification sera gardée au registre des échanges.`,
} as const;

export type ManualEntryField = "form" | "exchangedOn" | "supplierOrganizationId" | "guardJustification" | "attachment";

export type ManualEntryResult =
  | { ok: true; sequence: number; attachment: (StoredAttachment & { alreadyStored: boolean }) | null }
  | { ok: false; field: ManualEntryField; message: string; findings?: PriceGuardFinding[] };

type Supplier = { organizationId: string | null; name: string; siret: string | null };

/** Who the exchange was with: a directory organisation, or a name typed in (linked when its SIRET is known). */
async function resolveSupplier(
  input: Pick<ManualEntryInput, "supplierOrganizationId" | "supplierName" | "supplierSiret">,
): Promise<Supplier | null> {
  if (input.supplierOrganizationId) {
    const organization = await db.organization.findFirst({
      where: { id: input.supplierOrganizationId, kind: "supplier" },
      select: { id: true, name: true, siret: true },
    });
    return organization
      ? { organizationId: organization.id, name: organization.name, siret: organization.siret }
      : null;
  }
  const siret = input.supplierSiret ?? null;
  if (siret) {
    const registered = await db.organization.findFirst({
      where: { siret, kind: "supplier" },
      select: { id: true, name: true },
    });
    if (registered) return { organizationId: registered.id, name: registered.name, siret };
  }
  return { organizationId: null, name: input.supplierName ?? "", siret };
}

/** The original manual entry of the procurement that a correction refers to (the first of its chain). */
async function originalEntry(scope: RecordScope, sequence: number): Promise<number | null> {
  const record = await db.ledgerRecord.findFirst({
    where: { sequence, kind: "manual.exchange", plannedProcurementId: scope.procurement.id },
    select: { sequence: true, payload: true },
  });
  if (!record) return null;
  // Corrections always name the original, even when correcting a correction.
  return readManualEntry(parsePayload(record.payload))?.corrects ?? record.sequence;
}

/**
 * Writes a manual entry. Checks everything first (the day, the supplier, the attachment by its
 * content, the price guard, the original of a correction); then the file is stored and the record
 * appended together, or neither.
 */
export async function recordManualExchange(
  actor: RecordActor,
  scope: RecordScope,
  input: Omit<ManualEntryInput, "intent">,
  upload: Upload | null,
  now = new Date(),
): Promise<ManualEntryResult> {
  if (input.exchangedOn > todayInParis(now))
    return { ok: false, field: "exchangedOn", message: MANUAL_ENTRY_MESSAGES.dateInFuture };
  let contentType: AttachmentType | null = null;
  if (upload) {
    const check = checkAttachment({ fileName: upload.fileName, size: upload.size, head: upload.bytes });
    if (!check.ok) return { ok: false, field: "attachment", message: check.message };
    contentType = check.contentType;
  }
  const supplier = await resolveSupplier(input);
  if (!supplier) return { ok: false, field: "supplierOrganizationId", message: MANUAL_MESSAGES.unknownSupplier };
  const corrects = input.corrects ? await originalEntry(scope, input.corrects) : null;
  if (input.corrects && corrects === null)
    return { ok: false, field: "form", message: MANUAL_MESSAGES.unknownOriginal };
  const findings = scanForPriceNegotiation([{ field: "summary", label: "Résumé de l'échange", text: input.summary }]);
  const justification = input.guardJustification?.trim() ?? "";
  if (findings.length > 0 && justification.length < GUARD_JUSTIFICATION_MIN_LENGTH)
    return { ok: false, field: "guardJustification", message: MANUAL_MESSAGES.justificationNeeded, findings };

  const staged = upload && contentType ? await stageFile(upload.bytes) : null;
  const attachment: StoredAttachment | null =
    staged && upload && contentType
      ? { sha256: staged.sha256, fileName: upload.fileName, contentType, size: staged.size }
      : null;
  const channel = CHANNELS[input.channel].toLowerCase();
  const day = formatDateFr(input.exchangedOn);
  try {
    return await write(async (tx): Promise<ManualEntryResult> => {
      const created = staged ? await placeStagedFile(staged) : false;
      try {
        const record = await appendExchange(tx, {
          kind: "manual.exchange",
          actor: { userId: actor.userId, label: `${actor.name} (${actor.organizationName})` },
          organizationIds: [actor.organizationId, ...(supplier.organizationId ? [supplier.organizationId] : [])],
          plannedProcurementId: scope.procurement.id,
          summary: corrects
            ? `Correction de l'entrée n° ${corrects} : échange hors plateforme (${channel}) avec ${supplier.name} le ${day}.`
            : `Échange hors plateforme (${channel}) avec ${supplier.name} le ${day}.`,
          payload: {
            exchangedOn: input.exchangedOn,
            channel: input.channel,
            supplier,
            text: input.summary,
            attachment: attachment ? { ...attachment } : null,
            corrects,
            priceGuard:
              findings.length > 0
                ? { findings: findings.map((finding) => ({ rule: finding.rule, match: finding.match })), justification }
                : null,
            recordedAt: now.toISOString(),
          },
          // The record carries the day of the exchange; recordedAt says when it was written down.
          occurredAt: instantWithinParisDate(input.exchangedOn),
        });
        return {
          ok: true,
          sequence: record.sequence,
          attachment: attachment ? { ...attachment, alreadyStored: !created } : null,
        };
      } catch (error) {
        // This attempt's file must not outlive its record (the write may be retried, and link again).
        if (created && staged) await removeStoredFile(staged.sha256);
        throw error;
      }
    });
  } finally {
    if (staged) await discardStagedFile(staged);
  }
}

// ---- the supplier field -----------------------------------------------------------------------------

export interface SupplierChoice {
  value: string;
  label: string;
}

/** Supplier organisations of the directory whose name contains the words, or whose SIRET starts with the digits. */
export async function searchSupplierDirectory(query: string, limit = 20): Promise<SupplierChoice[]> {
  const words = query.trim();
  if (words.length < 2) return [];
  const digits = words.replace(/[\s.]/g, "");
  const suppliers = await db.organization.findMany({
    where: {
      kind: "supplier",
      OR: [{ name: { contains: words } }, ...(/^\d{3,14}$/.test(digits) ? [{ siret: { startsWith: digits } }] : [])],
    },
    select: { id: true, name: true, siret: true, departement: true },
    orderBy: { name: "asc" },
    take: limit,
  });
  return suppliers.map((supplier) => ({
    value: supplier.id,
    label: `${supplier.name} (SIRET ${supplier.siret ?? "inconnu"}, ${supplier.departement})`,
  }));
}

// ---- attachments for download -------------------------------------------------------------------

export type AttachmentDownload =
  | { status: "stored"; attachment: StoredAttachment; bytes: Buffer }
  /** Deleted at the request of the person concerned (decision 0027): the entry keeps its hash. */
  | { status: "erased" };

/** The name a file is served under when its own name was redacted (it named an erased person). */
export function neutralAttachmentName(sequence: number): string {
  return `piece-jointe-${sequence}`;
}

async function attachmentOf(record: { sequence: number; payload: string }): Promise<AttachmentDownload | null> {
  const entry = readManualEntry(parsePayload(record.payload));
  if (!entry || (!entry.attachment && !entry.attachmentRedacted)) return null;
  const erasures = await attachmentErasures({
    sha256s: entry.attachment ? [entry.attachment.sha256] : [],
    sequences: [record.sequence],
  });
  let attachment = entry.attachment;
  if (!attachment) {
    const erased = erasures.bySequence.get(record.sequence);
    if (!erased) return null;
    const { sha256, contentType, size } = erased;
    attachment = { sha256, contentType, size, fileName: neutralAttachmentName(record.sequence) };
  }
  if (!(attachment.contentType in ATTACHMENT_TYPES)) return null;
  if (erasures.isDeleted(attachment.sha256, record.sequence)) return { status: "erased" };
  const bytes = await readStoredFile(attachment.sha256);
  if (!bytes) {
    console.error(
      `[record] attachment ${attachment.sha256} of record ${record.sequence} is missing from the data folder`,
    );
    return null;
  }
  return { status: "stored", attachment, bytes };
}

/**
 * The attachment of a manual entry of this organisation's procurement, or null (not its procurement,
 * no such entry, no file).
 */
export async function recordAttachment(
  organizationId: string,
  procurementId: string,
  sequence: number,
): Promise<AttachmentDownload | null> {
  const owned = await db.plannedProcurement.findFirst({
    where: { id: procurementId, organizationId },
    select: { id: true },
  });
  if (!owned) return null;
  const record = await db.ledgerRecord.findFirst({
    where: { sequence, kind: "manual.exchange", plannedProcurementId: owned.id },
    select: { sequence: true, payload: true },
  });
  return record ? attachmentOf(record) : null;
}

/**
 * The attachment of any manual entry: for a platform admin who must open it before deciding whether
 * an erasure on request deletes it (the caller checks who asks, and logs it).
 */
export async function manualEntryAttachment(sequence: number): Promise<AttachmentDownload | null> {
  const record = await db.ledgerRecord.findFirst({
    where: { sequence, kind: "manual.exchange" },
    select: { sequence: true, payload: true },
  });
  return record ? attachmentOf(record) : null;
}

// ---- correcting -------------------------------------------------------------------------------------

export interface CorrectableEntry {
  sequence: number;
  /** The form's starting values: the original's, to change what was wrong. */
  values: {
    exchangedOn: string;
    channel: Channel;
    supplierOrganizationId: string;
    supplierName: string;
    supplierSiret: string;
    summary: string;
  };
  /** The original's supplier, so that the list offers it even when nothing else names it. */
  supplierChoice: SupplierChoice | null;
}

/** A manual entry of this procurement's record, as the correction form starts from it (null: none). */
export async function correctableEntry(scope: RecordScope, sequence: number): Promise<CorrectableEntry | null> {
  const record = await db.ledgerRecord.findFirst({
    where: { sequence, kind: "manual.exchange", plannedProcurementId: scope.procurement.id },
    select: { sequence: true, payload: true },
  });
  const entry = record ? readManualEntry(parsePayload(record.payload)) : null;
  if (!record || !entry) return null;
  // A correction of a correction is a correction of the original.
  const target = entry.corrects ?? record.sequence;
  const { organizationId, name, siret } = entry.supplier;
  return {
    sequence: target,
    values: {
      exchangedOn: entry.exchangedOn,
      channel: entry.channel,
      supplierOrganizationId: organizationId ?? "",
      supplierName: organizationId ? "" : name,
      supplierSiret: organizationId ? "" : (siret ?? ""),
      summary: entry.text,
    },
    supplierChoice: organizationId ? { value: organizationId, label: name } : null,
  };
}
