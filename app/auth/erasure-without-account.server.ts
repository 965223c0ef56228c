// Erasing a person who has no account, on their request (decision 0027, amended 2026-12-08): a
// contact a buyer invited to a questionnaire by typing their address, a person a buyer named in a
// manual entry of a procurement's record (a sole trader's name and SIRET, a summary, an attachment).
// A platform admin types their address, their full name, or both, sees what would be erased, then
// confirms. The same matcher and ledger redaction as an account's erasure (erasure.server.ts), in
// one write transaction: invitations keep a placeholder address, messages to the address go, the
// others are masked, pending invitations to it are not sent, ledger records are redacted and one
// `ledger.redacted` record (naming no one) says so, with the attachments the admin chose to delete.
// The files are removed once that transaction has committed.
//
// An address that belongs to an account is refused: that person is erased with their account,
// entirely, never half.
import { db, write } from "~/db/db.server";
import {
  previewRedaction,
  redactPerson,
  scanForPerson,
  type RecordToRedact,
  type RedactionPreview,
} from "~/ledger/redaction.server";
import { foldText, type PersonToRedact } from "~/ledger/redaction";
import { attachmentNote } from "~/record/attachment-erasure";
import { attachmentErasures, deleteErasedFiles } from "~/record/attachment-erasure.server";
import { ATTACHMENT_TYPES, formatFileSize } from "~/record/attachments";
import { parsePayload, readManualEntry } from "~/record/entries";
import { SOURCING_INVITATIONS_JOB } from "~/sourcing/invitations.server";
import { ERASED_INVITEE_DOMAIN, erasedInviteeAddress } from "./closed-accounts";
import { eraseAddressCounters, eraseMentionsInOutbox, forgetOldPages, outboxMentionsWhere } from "./erasure.server";

export const ACCOUNT_ADDRESS_MESSAGE =
  "Cette adresse est celle d'un compte Amont : effacez cette personne avec « La personne a un compte », plus haut. Son compte sera fermé et ses données effacées partout ; ici, une partie seulement le serait.";
export const NOTHING_FOUND_MESSAGE =
  "Rien dans Amont ne concerne cette adresse ni ce nom : rien n'a été effacé. Vérifiez l'orthographe ; le nom est cherché en entier (prénom et nom), sans tenir compte des accents ni des majuscules.";
export const STALE_ATTACHMENT_MESSAGE =
  "Une des pièces jointes cochées ne fait plus partie de ce qui concerne cette personne : rien n'a été effacé. Regardez de nouveau ce qui sera effacé.";

/** Who to erase: their address, their full name, or both (the schema requires one). */
export interface PersonWithoutAccount {
  email?: string | null;
  name?: string | null;
}

export interface AttachmentChoice {
  sha256: string;
  fileName: string;
  /** "PDF, 120 Ko" */
  description: string;
  /** The manual entries (record numbers) that name the person and attach this file. */
  sequences: number[];
  /** Its file name names the person: the name is redacted on the record either way. */
  nameMentionsPerson: boolean;
  /** Other entries that attach the same file (the same content is stored once): they lose it too. */
  otherEntries: number;
}

export interface ErasureWithoutAccountPreview extends RedactionPreview {
  email: string | null;
  name: string | null;
  /** Questionnaire invitations sent to the address: "« Questionnaire » (Organisation)". */
  questionnaireInvitations: string[];
  /** Organisations that invited the address to join them (not accepted: there is no account). */
  organizationInvitations: string[];
  messagesTo: number;
  messagesMentioning: number;
  /** Invitations to the address queued and not sent yet. */
  pendingInvitations: number;
  /** Manual entries that name the person, with the procurement's record they belong to. */
  manualEntries: { sequence: number; procurement: string | null }[];
  attachments: AttachmentChoice[];
  /** Accounts whose name is this name: maybe the same person, who must then be erased with their account. */
  accountsWithName: number;
  /** What stays: procurements that give the person as their contact (the buyer changes it). */
  procurementContacts: number;
}

export type LookupField = "email" | "name" | "attachments";
export type ErasureWithoutAccountLookup =
  { ok: true; preview: ErasureWithoutAccountPreview } | { ok: false; field: LookupField; message: string };

function personOf(input: PersonWithoutAccount): PersonToRedact {
  // No account id: the matcher looks for the address and the name only.
  return { id: "", email: input.email?.trim().toLowerCase() ?? "", name: input.name?.trim() ?? "" };
}

/** Jobs still holding the address: sourcing invitations queued by a buyer (see sourcing/invitations.server.ts). */
function jobsWithAddress(email: string) {
  return email ? db.job.findMany({ where: { payload: { contains: email } }, select: { id: true, status: true } }) : [];
}

async function manualEntriesOf(records: readonly RecordToRedact[]) {
  const sequences = records.map((record) => record.sequence);
  // The scan redacts the attachment's description when its file name names the person.
  const namedInFileName = new Set(
    records.filter((record) => record.fields.includes("payload.attachment")).map((record) => record.sequence),
  );
  const rows = [];
  for (let start = 0; start < sequences.length; start += 500) {
    rows.push(
      ...(await db.ledgerRecord.findMany({
        where: { sequence: { in: sequences.slice(start, start + 500) }, kind: "manual.exchange" },
        select: { sequence: true, payload: true, plannedProcurementId: true },
        orderBy: { sequence: "asc" },
      })),
    );
  }
  const procurements = new Map(
    (
      await db.plannedProcurement.findMany({
        where: { id: { in: [...new Set(rows.flatMap((row) => row.plannedProcurementId ?? []))] } },
        select: { id: true, title: true, organization: { select: { name: true } } },
      })
    ).map((procurement) => [procurement.id, `« ${procurement.title} » (${procurement.organization.name})`]),
  );
  const entries = rows.map((row) => ({
    sequence: row.sequence,
    procurement: row.plannedProcurementId ? (procurements.get(row.plannedProcurementId) ?? null) : null,
    attachment: readManualEntry(parsePayload(row.payload))?.attachment ?? null,
  }));
  // Files deleted by an earlier erasure are not offered again.
  const erasures = await attachmentErasures({
    sha256s: entries.flatMap((entry) => (entry.attachment ? [entry.attachment.sha256] : [])),
    sequences: [],
  });
  const files = new Map<string, AttachmentChoice>();
  for (const { sequence, attachment } of entries) {
    if (!attachment || erasures.isDeleted(attachment.sha256, sequence)) continue;
    const known = files.get(attachment.sha256);
    const nameMentionsPerson = namedInFileName.has(sequence);
    if (known) {
      known.sequences.push(sequence);
      known.nameMentionsPerson ||= nameMentionsPerson;
      continue;
    }
    files.set(attachment.sha256, {
      sha256: attachment.sha256,
      fileName: attachment.fileName,
      description: `${ATTACHMENT_TYPES[attachment.contentType].label}, ${formatFileSize(attachment.size)}`,
      sequences: [sequence],
      nameMentionsPerson,
      otherEntries: 0,
    });
  }
  for (const file of files.values()) {
    const attaching = await db.ledgerRecord.count({
      where: { kind: "manual.exchange", payload: { contains: file.sha256 } },
    });
    file.otherEntries = Math.max(0, attaching - file.sequences.length);
  }
  return {
    entries: entries.map(({ sequence, procurement }) => ({ sequence, procurement })),
    attachments: [...files.values()],
  };
}

/** Accounts whose name, accents and case aside, is this name (an admin's page: a full read is fine). */
async function accountsNamed(name: string): Promise<number> {
  const wanted = foldText(name);
  if (!wanted) return 0;
  const users = await db.user.findMany({ select: { name: true } });
  return users.filter((user) => foldText(user.name) === wanted).length;
}

async function lookUp(input: PersonWithoutAccount) {
  const person = personOf(input);
  const field: LookupField = person.email ? "email" : "name";
  if (person.email && (await db.user.findUnique({ where: { email: person.email }, select: { id: true } })))
    return { ok: false as const, field: "email" as const, message: ACCOUNT_ADDRESS_MESSAGE };
  const scan = await scanForPerson(person);
  const address = person.email;
  const [redaction, questionnaireInvitations, organizationInvitations, messagesTo, messagesMentioning, jobs] =
    await Promise.all([
      previewRedaction(scan),
      address
        ? db.questionnaireInvitation.findMany({
            where: { email: address },
            select: { questionnaire: { select: { title: true, organization: { select: { name: true } } } } },
            orderBy: { createdAt: "asc" },
          })
        : [],
      address
        ? db.invitation.findMany({
            where: { email: address },
            select: { organization: { select: { name: true } } },
            orderBy: { createdAt: "asc" },
          })
        : [],
      address ? db.outboxMessage.count({ where: { to: address } }) : 0,
      db.outboxMessage.count({
        where: { AND: [outboxMentionsWhere(person), ...(address ? [{ to: { not: address } }] : [])] },
      }),
      jobsWithAddress(address),
    ]);
  const manual = await manualEntriesOf(scan.records.filter((record) => record.kind === "manual.exchange"));
  const [accountsWithName, procurementContacts] = await Promise.all([
    person.name ? accountsNamed(person.name) : 0,
    db.plannedProcurement.count({
      where: {
        OR: [...(address ? [{ contactEmail: address }] : []), ...(person.name ? [{ contactName: person.name }] : [])],
      },
    }),
  ]);
  const preview: ErasureWithoutAccountPreview = {
    ...redaction,
    email: address || null,
    name: person.name || null,
    questionnaireInvitations: questionnaireInvitations.map(
      ({ questionnaire }) => `« ${questionnaire.title} » (${questionnaire.organization.name})`,
    ),
    organizationInvitations: [...new Set(organizationInvitations.map(({ organization }) => organization.name))],
    messagesTo,
    messagesMentioning,
    pendingInvitations: jobs.filter((job) => job.status === "pending" || job.status === "running").length,
    manualEntries: manual.entries,
    attachments: manual.attachments,
    accountsWithName,
    procurementContacts,
  };
  const nothing =
    scan.records.length === 0 &&
    questionnaireInvitations.length === 0 &&
    organizationInvitations.length === 0 &&
    messagesTo === 0 &&
    messagesMentioning === 0 &&
    jobs.length === 0;
  if (nothing) {
    const contact =
      procurementContacts > 0
        ? ` Elle est le contact indiqué pour ${procurementContacts} achat(s) d'un plan : c'est à l'acheteur de le changer.`
        : "";
    return { ok: false as const, field, message: `${NOTHING_FOUND_MESSAGE}${contact}` };
  }
  return { ok: true as const, person, scan, preview };
}

/** What the erasure of this person would do (platform admins). Nothing is written. */
export async function previewErasureWithoutAccount(input: PersonWithoutAccount): Promise<ErasureWithoutAccountLookup> {
  const lookup = await lookUp(input);
  return lookup.ok ? { ok: true, preview: lookup.preview } : lookup;
}

export type ErasureWithoutAccountResult =
  | {
      ok: true;
      records: number;
      invitations: number;
      messages: number;
      filesDeleted: number;
      /** Files that could not be removed from the disk (logged): the admin must remove them by hand. */
      filesFailed: string[];
    }
  | { ok: false; field: LookupField; message: string };

/**
 * The erasure, on a GDPR request, of a person without an account; `attachments` are the hashes of
 * the files the admin chose to delete, among those the preview offered.
 */
export async function eraseWithoutAccount(
  admin: { id: string; name: string },
  input: PersonWithoutAccount & { attachments?: readonly string[] },
  now = new Date(),
): Promise<ErasureWithoutAccountResult> {
  const lookup = await lookUp(input);
  if (!lookup.ok) return lookup;
  const { person, scan } = lookup;
  const offered = new Set(lookup.preview.attachments.map((attachment) => attachment.sha256));
  const chosen = new Set(input.attachments ?? []);
  if ([...chosen].some((sha256) => !offered.has(sha256)))
    return { ok: false, field: "attachments", message: STALE_ATTACHMENT_MESSAGE };
  const address = person.email;
  const done = await write(async (tx) => {
    let invitations = 0;
    let messages = 0;
    if (address) {
      const invited = await tx.questionnaireInvitation.findMany({ where: { email: address }, select: { id: true } });
      for (const invitation of invited)
        await tx.questionnaireInvitation.update({
          where: { id: invitation.id },
          data: { email: erasedInviteeAddress(invitation.id) },
        });
      invitations = invited.length;
      await tx.invitation.deleteMany({ where: { email: address } });
      messages = (await tx.outboxMessage.deleteMany({ where: { to: address } })).count;
      await eraseAddressCounters(tx, address);
      // Invitations queued and not sent yet are not sent: the person asked to be forgotten.
      const jobs = await tx.job.findMany({
        where: { payload: { contains: address } },
        select: { id: true, kind: true, payload: true },
      });
      for (const job of jobs)
        await tx.job.update({ where: { id: job.id }, data: { payload: withoutAddress(job, address) } });
    }
    messages += await eraseMentionsInOutbox(tx, person);
    const redaction = await redactPerson(tx, person, {
      scan,
      reason: "gdpr_request",
      actor: { userId: admin.id, label: admin.name },
      now,
      annotate: (records) => attachmentNote(records, chosen),
    });
    return { invitations, messages, redaction };
  });
  const deleted = [
    ...new Set((done.redaction.note?.attachments ?? []).filter((item) => item.deleted).map((item) => item.sha256)),
  ];
  const { failed } = await deleteErasedFiles(deleted);
  await forgetOldPages();
  // Nothing of the person in the log: who acted, and how much.
  console.log(
    `[auth] person without an account erased on request by platform admin ${admin.id}: ${done.redaction.redacted.length} ledger record(s), ${done.invitations} invitation(s), ${deleted.length} file(s)`,
  );
  return {
    ok: true,
    records: done.redaction.redacted.length,
    invitations: done.invitations,
    messages: done.messages,
    filesDeleted: deleted.length - failed.length,
    filesFailed: failed,
  };
}

/** A job's payload without the address: a queued invitation to it is dropped, elsewhere it is replaced. */
function withoutAddress(job: { id: string; kind: string; payload: string }, address: string): string {
  if (job.kind === SOURCING_INVITATIONS_JOB) {
    try {
      const payload = JSON.parse(job.payload) as { targets?: unknown };
      if (Array.isArray(payload.targets)) {
        payload.targets = payload.targets.filter(
          (target) => !(target && typeof target === "object" && "email" in target && target.email === address),
        );
        return JSON.stringify(payload);
      }
    } catch (error) {
      console.error(`[auth] erasure: job ${job.id} has an unreadable payload; its address is replaced`, error);
    }
  }
  return job.payload.replaceAll(address, `adresse-effacee@${ERASED_INVITEE_DOMAIN}`);
}
