// Inviting suppliers to answer: by email address or from the supplier directory. Every invitation
// carries the same message (rendered once) and is recorded on the ledger in the same transaction.
// An invitation only points to the public questionnaire: it gives no advantage.
//
// A post only checks, counts the quotas and queues: the job worker sends the invitations in small
// batches (one transaction each), so that inviting many suppliers never holds the writer for long.
// At most MAX_INVITATIONS_PER_REQUEST addresses per post, and daily quotas (LIMITS.sourcingInvite*)
// per organisation, account, IP and invited address.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isUndeliverableAddress } from "~/auth/closed-accounts";
import { LIMITS, MAX_INVITATIONS_PER_REQUEST } from "~/auth/limits";
import { addressKey, consumeLimitsIn, idKey, ipKey, LimitExceeded, type LimitRefusal } from "~/auth/rate-limit.server";
import { formatDateFr } from "~/calendar/dates";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { parseJobPayload, schedule, type JobHandler } from "~/jobs/queue.server";
import { canonicalJson, sha256Hex } from "~/ledger/canonical";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail, type RenderedEmail } from "~/mail/outbox.server";
import { questionnaireUrl, type Actor, type BuyerOrganization } from "./questionnaires.server";

export const SOURCING_INVITATIONS_JOB = "sourcing.invitations";
/** Invitations sent by one job, in one transaction (each: a row, a message, a ledger record). */
export const INVITATIONS_PER_JOB = 10;

export interface DirectoryFilters {
  cpvDivision?: string;
  departement?: string;
  size?: string;
  essStatus?: string;
}

/**
 * Supplier organisations matching the filters. Organisations carry no CPV code (their NAF code is
 * another nomenclature), so the CPV division filter keeps suppliers that have already submitted an
 * answer to a questionnaire about a procurement of that division: a fact, not a guess.
 */
export function supplierDirectory(filters: DirectoryFilters, limit = 50) {
  return db.organization.findMany({
    where: {
      kind: "supplier",
      ...(filters.departement ? { departement: filters.departement } : {}),
      ...(filters.size ? { size: filters.size } : {}),
      ...(filters.essStatus ? { essStatus: filters.essStatus } : {}),
      ...(filters.cpvDivision
        ? {
            sourcingResponses: {
              some: {
                status: "submitted",
                questionnaire: { plannedProcurement: { cpvCode: { startsWith: filters.cpvDivision } } },
              },
            },
          }
        : {}),
    },
    orderBy: { name: "asc" },
    take: limit,
    select: {
      id: true,
      name: true,
      departement: true,
      size: true,
      essStatus: true,
      memberships: {
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
        take: 1,
        select: { user: { select: { email: true } } },
      },
    },
  });
}

export function listInvitations(questionnaireId: string) {
  return db.questionnaireInvitation.findMany({ where: { questionnaireId }, orderBy: { createdAt: "desc" } });
}

export type InviteResult =
  { ok: true; queued: number; skipped: number } | { ok: false; message: string; retryAfterSeconds?: number };

const NOT_FOUND = "Ce questionnaire n'existe pas, ou n'appartient pas à votre organisation.";
const NOT_PUBLISHED = "Publiez le questionnaire avant d'inviter des entreprises.";
const CLOSED = "Ce questionnaire est clos : il ne prend plus de réponses, personne ne peut plus y être invité.";

function questionnaireForInvitations(organizationId: string, questionnaireId: string) {
  return db.questionnaire.findFirst({
    where: { id: questionnaireId, organizationId },
    select: {
      id: true,
      status: true,
      title: true,
      openUntil: true,
      closedEarlyAt: true,
      plannedProcurementId: true,
      plannedProcurement: { select: { title: true } },
    },
  });
}

function quotaMessage(refusal: LimitRefusal, addressOf: Map<string, string>): string {
  const { rule, remaining, retryMessage } = refusal;
  if (rule === LIMITS.sourcingInvitePerAddress)
    return `L'adresse ${addressOf.get(refusal.key) ?? ""} a déjà reçu ${rule.limit} invitations à répondre en 24 heures. Retirez-la, ou ${retryMessage.charAt(0).toLowerCase()}${retryMessage.slice(1)}`;
  const who = rule === LIMITS.sourcingInvitePerOrganization ? "votre organisation" : "vous";
  const left = remaining > 0 ? ` Il en reste ${remaining} : invitez moins d'entreprises, ou patientez.` : "";
  return `Limite de ${rule.limit} invitations par 24 heures atteinte pour ${who} : rien n'a été envoyé.${left} ${retryMessage}`;
}

/**
 * Invites each address (and each directory organisation, through its first administrator's
 * address). Addresses already invited are skipped. Only a published questionnaire can be sent.
 * The invitations are queued (see the top of this file); `queued` says how many.
 */
export async function inviteSuppliers(
  actor: Actor,
  organization: BuyerOrganization,
  questionnaireId: string,
  input: { emails: string[]; organizationIds: string[] },
  context: { ip: string; now?: Date },
): Promise<InviteResult> {
  const now = context.now ?? new Date();
  const questionnaire = await questionnaireForInvitations(organization.id, questionnaireId);
  if (!questionnaire) return { ok: false, message: NOT_FOUND };
  if (questionnaire.status !== "published" || !questionnaire.openUntil) return { ok: false, message: NOT_PUBLISHED };
  if (questionnaire.closedEarlyAt) return { ok: false, message: CLOSED };
  const directory = input.organizationIds.length
    ? await db.organization.findMany({
        where: { id: { in: input.organizationIds }, kind: "supplier" },
        select: {
          id: true,
          memberships: {
            orderBy: [{ role: "asc" }, { createdAt: "asc" }],
            take: 1,
            select: { user: { select: { email: true } } },
          },
        },
      })
    : [];
  if (directory.length !== new Set(input.organizationIds).size)
    return { ok: false, message: "Une des entreprises choisies n'existe pas dans l'annuaire. Rien n'a été envoyé." };
  const targets = new Map<string, string | null>();
  for (const email of input.emails) targets.set(email.trim().toLowerCase(), null);
  for (const supplier of directory) {
    const email = supplier.memberships[0]?.user.email;
    if (email) targets.set(email.toLowerCase(), supplier.id);
  }
  if (targets.size === 0)
    return { ok: false, message: "Indiquez au moins une adresse ou choisissez au moins une entreprise." };
  if (targets.size > MAX_INVITATIONS_PER_REQUEST)
    return {
      ok: false,
      message: `Au plus ${MAX_INVITATIONS_PER_REQUEST} adresses par envoi : vous en avez indiqué ${targets.size}. Rien n'a été envoyé ; invitez-les en plusieurs fois.`,
    };
  const already = new Set(
    (
      await db.questionnaireInvitation.findMany({
        where: { questionnaireId, email: { in: [...targets.keys()] } },
        select: { email: true },
      })
    ).map((row) => row.email),
  );
  const fresh = [...targets]
    .filter(([address]) => !already.has(address))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([email, supplierOrganizationId]) => ({ email, supplierOrganizationId }));
  const skipped = targets.size - fresh.length;
  if (fresh.length === 0) return { ok: true, queued: 0, skipped };

  const addressOf = new Map(fresh.map((target) => [addressKey(target.email), target.email]));
  const batch = randomUUID();
  try {
    await write(async (tx) => {
      await consumeLimitsIn(
        tx,
        [
          {
            rule: LIMITS.sourcingInvitePerOrganization,
            key: idKey("organization", organization.id),
            amount: fresh.length,
          },
          { rule: LIMITS.sourcingInvitePerAccount, key: idKey("user", actor.id), amount: fresh.length },
          { rule: LIMITS.sourcingInvitePerIp, key: ipKey(context.ip), amount: fresh.length },
          ...[...addressOf.keys()].map((key) => ({ rule: LIMITS.sourcingInvitePerAddress, key })),
        ],
        now,
      );
      for (let index = 0; index * INVITATIONS_PER_JOB < fresh.length; index++) {
        const payload: InvitationJobPayload = {
          questionnaireId,
          organizationId: organization.id,
          actor: { id: actor.id, name: actor.name },
          targets: fresh.slice(index * INVITATIONS_PER_JOB, (index + 1) * INVITATIONS_PER_JOB),
        };
        await schedule(tx, {
          kind: SOURCING_INVITATIONS_JOB,
          dedupeKey: `${SOURCING_INVITATIONS_JOB}:${questionnaireId}:${batch}:${index}`,
          runAt: now,
          payload,
        });
      }
    });
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
    return {
      ok: false,
      message: quotaMessage(error.refusal, addressOf),
      retryAfterSeconds: error.refusal.retryAfterSeconds,
    };
  }
  return { ok: true, queued: fresh.length, skipped };
}

const invitationJobPayload = z.object({
  questionnaireId: z.string(),
  organizationId: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }),
  targets: z.array(z.object({ email: z.string(), supplierOrganizationId: z.string().nullable() })),
});
type InvitationJobPayload = z.infer<typeof invitationJobPayload>;

/** Thrown inside the sending transaction when the questionnaire changed since the message was rendered. */
class QuestionnaireChangedWhileSending extends Error {
  constructor() {
    super("Le questionnaire a changé pendant l'envoi des invitations : nouvel essai au prochain passage.");
    this.name = "QuestionnaireChangedWhileSending";
  }
}

/** Creates the invitations not sent yet, each with its message and its ledger record. */
async function recordInvitations(
  tx: WriteTransaction,
  payload: InvitationJobPayload,
  questionnaire: { title: string; plannedProcurementId: string },
  email: RenderedEmail,
) {
  const { questionnaireId, actor, organizationId } = payload;
  // What every invited company received, as one fingerprint: the record's export compares them
  // to show that all invitations carried the same message (app/record/export).
  const messageHash = invitationMessageHash(email);
  const already = new Set(
    (
      await tx.questionnaireInvitation.findMany({
        where: { questionnaireId, email: { in: payload.targets.map((target) => target.email) } },
        select: { email: true },
      })
    ).map((row) => row.email),
  );
  for (const { email: address, supplierOrganizationId } of payload.targets) {
    // Posted twice before the first batch went out: the second one finds it sent.
    if (already.has(address)) continue;
    const invitation = await tx.questionnaireInvitation.create({
      data: { questionnaireId, email: address, supplierOrganizationId, invitedById: actor.id },
    });
    await queueEmail(tx, address, email);
    await appendExchange(tx, {
      kind: "sourcing.invitation_sent",
      actor: { userId: actor.id, label: actor.name },
      organizationIds: [organizationId, ...(supplierOrganizationId ? [supplierOrganizationId] : [])],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary: `${actor.name} a invité ${address} à répondre au questionnaire « ${questionnaire.title} » (message identique pour toutes les entreprises invitées).`,
      payload: {
        questionnaireId,
        invitationId: invitation.id,
        email: address,
        supplierOrganizationId,
        subject: email.subject,
        messageHash,
      },
    });
  }
}

/** The job's addresses read again inside the sending transaction, without any an erasure replaced. */
async function currentTargets(tx: WriteTransaction, jobId: string): Promise<InvitationJobPayload["targets"]> {
  const row = await tx.job.findUnique({ where: { id: jobId }, select: { payload: true } });
  const parsed = row ? invitationJobPayload.safeParse(parseJobPayload(row.payload)) : null;
  if (!parsed?.success) return [];
  return parsed.data.targets.filter((target) => !isUndeliverableAddress(target.email));
}

/** SHA-256 of the message an invitation sends (subject, plain text and HTML), as canonical JSON. */
export function invitationMessageHash(email: RenderedEmail): string {
  return sha256Hex(canonicalJson({ subject: email.subject, text: email.text, html: email.html }));
}

/**
 * The job: sends one batch of invitations. A questionnaire closed or unpublished since the post
 * sends nothing more; one whose deadline changed while the message was rendered is retried.
 */
export const sendSourcingInvitations: JobHandler = async (job) => {
  const parsed = invitationJobPayload.safeParse(job.payload);
  if (!parsed.success) throw new Error("Invitations à répondre : contenu de la tâche illisible.");
  const payload = parsed.data;
  const questionnaire = await questionnaireForInvitations(payload.organizationId, payload.questionnaireId);
  if (!questionnaire || questionnaire.status !== "published" || !questionnaire.openUntil || questionnaire.closedEarlyAt)
    return;
  const buyer = await db.organization.findUnique({ where: { id: payload.organizationId }, select: { name: true } });
  if (!buyer) return;
  const openUntil = questionnaire.openUntil;
  const email = await prepareEmail("sourcing-invitation", {
    buyerName: buyer.name,
    questionnaireTitle: questionnaire.title,
    procurementTitle: questionnaire.plannedProcurement.title,
    deadline: formatDateFr(openUntil),
    questionnaireUrl: questionnaireUrl(questionnaire.id),
  });
  return async (tx) => {
    const current = await tx.questionnaire.findUnique({
      where: { id: questionnaire.id },
      select: { status: true, closedEarlyAt: true, openUntil: true, title: true },
    });
    if (!current || current.status !== "published" || current.closedEarlyAt) return;
    if (current.openUntil !== openUntil || current.title !== questionnaire.title)
      throw new QuestionnaireChangedWhileSending();
    // The addresses as they are now: an erasure committed since the payload was read above
    // removed its address from the job (decision 0027), and must not be undone by this batch.
    const targets = await currentTargets(tx, job.id);
    await recordInvitations(tx, { ...payload, targets }, questionnaire, email);
  };
};
