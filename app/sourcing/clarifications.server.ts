// Clarifications: a supplier asks privately; the buyer answers (and may rephrase the question) and
// publishes both for everyone, without the asker's identity; suppliers who answered or were
// invited get one identical email, queued in the publishing transaction.
import { todayInParis } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { CLOSED_EARLY_MESSAGE } from "./closing";
import type { Supplier } from "./responses.server";
import { concernedContacts, questionnaireUrl, type Actor, type BuyerOrganization } from "./questionnaires.server";

export type ClarificationResult = { ok: true; id: string } | { ok: false; message: string };

export async function askClarification(
  supplier: Supplier,
  questionnaireId: string,
  question: string,
  now = new Date(),
): Promise<ClarificationResult> {
  const questionnaire = await db.questionnaire.findFirst({
    where: { id: questionnaireId, status: "published" },
    select: {
      id: true,
      organizationId: true,
      plannedProcurementId: true,
      openUntil: true,
      closedEarlyAt: true,
      title: true,
    },
  });
  if (!questionnaire) return { ok: false, message: "Ce questionnaire n'existe pas ou n'est pas publié." };
  if (questionnaire.closedEarlyAt) return { ok: false, message: CLOSED_EARLY_MESSAGE };
  if (!questionnaire.openUntil || questionnaire.openUntil < todayInParis(now))
    return { ok: false, message: "La date limite est passée : vous ne pouvez plus poser de question." };
  return write(async (tx) => {
    const clarification = await tx.clarification.create({
      data: {
        questionnaireId,
        askedByOrganizationId: supplier.organizationId,
        askedById: supplier.userId,
        question,
        askedAt: now,
      },
    });
    await appendExchange(tx, {
      kind: "sourcing.clarification_asked",
      actor: { userId: supplier.userId, label: `${supplier.userName} (${supplier.organizationName})` },
      organizationIds: [questionnaire.organizationId, supplier.organizationId],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary: `${supplier.organizationName} a posé une question de précision sur le questionnaire « ${questionnaire.title} ».`,
      payload: { questionnaireId, clarificationId: clarification.id, question },
      occurredAt: now,
    });
    return { ok: true, id: clarification.id };
  });
}

/** Clarifications waiting for an answer, oldest first, for the buyer. */
export function pendingClarifications(buyerOrganizationId: string, questionnaireId?: string) {
  return db.clarification.findMany({
    where: {
      publishedAt: null,
      questionnaire: { organizationId: buyerOrganizationId, ...(questionnaireId ? { id: questionnaireId } : {}) },
    },
    orderBy: { askedAt: "asc" },
    select: { id: true, question: true, askedAt: true, questionnaire: { select: { id: true, title: true } } },
  });
}

/** The clarifications published on a questionnaire, latest first (what every supplier reads). */
export function publishedClarifications(questionnaireId: string) {
  return db.clarification.findMany({
    where: { questionnaireId, publishedAt: { not: null } },
    orderBy: { publishedAt: "desc" },
    select: { id: true, publishedQuestion: true, answer: true, publishedAt: true },
  });
}

export function ownClarifications(questionnaireId: string, supplierOrganizationId: string) {
  return db.clarification.findMany({
    where: { questionnaireId, askedByOrganizationId: supplierOrganizationId },
    orderBy: { askedAt: "desc" },
    select: { id: true, question: true, askedAt: true, publishedAt: true },
  });
}

export async function answerClarification(
  actor: Actor,
  organization: BuyerOrganization,
  clarificationId: string,
  input: { publishedQuestion: string; answer: string },
  now = new Date(),
): Promise<ClarificationResult> {
  const clarification = await db.clarification.findFirst({
    where: { id: clarificationId, questionnaire: { organizationId: organization.id } },
    select: {
      id: true,
      publishedAt: true,
      askedByOrganizationId: true,
      questionnaire: { select: { id: true, title: true, plannedProcurementId: true } },
    },
  });
  if (!clarification)
    return { ok: false, message: "Cette question n'existe pas, ou ne concerne pas vos questionnaires." };
  if (clarification.publishedAt) return { ok: false, message: "Cette question a déjà reçu une réponse publiée." };
  const questionnaire = clarification.questionnaire;
  const email = await prepareEmail("sourcing-clarification", {
    buyerName: organization.name,
    questionnaireTitle: questionnaire.title,
    question: input.publishedQuestion,
    answer: input.answer,
    questionnaireUrl: questionnaireUrl(questionnaire.id),
  });
  const publishedAt = new Date(Math.floor(now.getTime()));
  return write(async (tx): Promise<ClarificationResult> => {
    const updated = await tx.clarification.updateMany({
      where: { id: clarificationId, publishedAt: null },
      data: { publishedQuestion: input.publishedQuestion, answer: input.answer, answeredById: actor.id, publishedAt },
    });
    if (updated.count !== 1) return { ok: false, message: "Cette question a déjà reçu une réponse publiée." };
    const recipients = await concernedContacts(tx, questionnaire.id);
    for (const recipient of recipients) await queueEmail(tx, recipient.email, email);
    await appendExchange(tx, {
      kind: "sourcing.clarification_answered",
      actor: { userId: actor.id, label: actor.name },
      organizationIds: [
        organization.id,
        clarification.askedByOrganizationId,
        ...recipients.flatMap((recipient) => (recipient.organizationId ? [recipient.organizationId] : [])),
      ],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary: `${actor.name} a publié pour tous une précision sur le questionnaire « ${questionnaire.title} » ; ${recipients.length} entreprise${recipients.length > 1 ? "s" : ""} prévenue${recipients.length > 1 ? "s" : ""} par le même message.`,
      payload: {
        questionnaireId: questionnaire.id,
        clarificationId,
        publishedQuestion: input.publishedQuestion,
        answer: input.answer,
        recipientCount: recipients.length,
      },
      occurredAt: publishedAt,
    });
    return { ok: true, id: clarificationId };
  });
}
