// Closing a questionnaire before its deadline (the project is postponed, the buyer has learnt
// enough): from that moment no answer is taken; every supplier who answered, started an answer or
// was invited gets the same email, queued in the closing transaction, and the reason is public.
import { formatDateFr, todayInParis } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { ALREADY_CLOSED_MESSAGE, closingRefusal } from "./closing";
import {
  concernedContacts,
  NOT_FOUND_MESSAGE,
  questionnaireUrl,
  type Actor,
  type BuyerOrganization,
} from "./questionnaires.server";

export type ClosingResult = { ok: true; notified: number } | { ok: false; message: string; notFound?: true };

function findOwn(organizationId: string, id: string) {
  return db.questionnaire.findFirst({
    where: { id, organizationId },
    select: {
      id: true,
      title: true,
      status: true,
      openUntil: true,
      closedEarlyAt: true,
      closedEarlyReason: true,
      plannedProcurementId: true,
    },
  });
}

/** What the closing page shows: whether it can be closed, and how many addresses will be told. */
export async function closingPreview(organizationId: string, id: string, now = new Date()) {
  const questionnaire = await findOwn(organizationId, id);
  if (!questionnaire) return null;
  return {
    questionnaire,
    refusal: closingRefusal(questionnaire, todayInParis(now)),
    recipientCount: (await concernedContacts(db, id)).length,
  };
}

export async function closeQuestionnaireEarly(
  actor: Actor,
  organization: BuyerOrganization,
  id: string,
  reason: string,
  now = new Date(),
): Promise<ClosingResult> {
  const questionnaire = await findOwn(organization.id, id);
  if (!questionnaire) return { ok: false, message: NOT_FOUND_MESSAGE, notFound: true };
  const today = todayInParis(now);
  const refused = closingRefusal(questionnaire, today);
  if (refused) return { ok: false, message: refused };
  // One rendering for everybody: the same words at the same moment.
  const email = await prepareEmail("sourcing-closed", {
    buyerName: organization.name,
    questionnaireTitle: questionnaire.title,
    closedOn: formatDateFr(today),
    plannedDeadline: formatDateFr(questionnaire.openUntil!),
    reason,
    questionnaireUrl: questionnaireUrl(id),
  });
  const closedAt = new Date(Math.floor(now.getTime()));
  return write(async (tx): Promise<ClosingResult> => {
    // Conditional update: a second click, or another member closing at the same moment, changes nothing.
    const closed = await tx.questionnaire.updateMany({
      where: { id, organizationId: organization.id, status: "published", closedEarlyAt: null },
      data: { closedEarlyAt: closedAt, closedEarlyReason: reason },
    });
    if (closed.count !== 1) return { ok: false, message: ALREADY_CLOSED_MESSAGE };
    const recipients = await concernedContacts(tx, id);
    for (const recipient of recipients) await queueEmail(tx, recipient.email, email);
    await appendExchange(tx, {
      kind: "sourcing.closed_early",
      actor: { userId: actor.id, label: actor.name },
      organizationIds: [
        organization.id,
        ...recipients.flatMap((recipient) => (recipient.organizationId ? [recipient.organizationId] : [])),
      ],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary: `${actor.name} a clos le questionnaire « ${questionnaire.title} » avant la date limite du ${formatDateFr(questionnaire.openUntil!)}. Raison : ${reason} ${recipients.length} adresse${recipients.length > 1 ? "s" : ""} prévenue${recipients.length > 1 ? "s" : ""} par le même message.`,
      payload: {
        questionnaireId: id,
        reason,
        plannedDeadline: questionnaire.openUntil,
        recipientCount: recipients.length,
        noticeSubject: email.subject,
      },
      occurredAt: closedAt,
    });
    return { ok: true, notified: recipients.length };
  });
}
