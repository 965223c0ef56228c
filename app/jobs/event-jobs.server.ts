// The scheduled messages of webinars and information meetings. Each handler reads the event again
// when it runs: a cancelled, unpublished or moved event, or a link already sent, changes what it
// does, so a job scheduled long ago can never send stale or duplicate messages.
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { joinLinkDueAt, reminderDueAt } from "~/meetings/registration-format";
import { eventSummaryProps, eventUrl, loadEvent } from "~/meetings/registrations.server";
import { RescheduleJob, type JobHandler } from "./queue.server";

/** A job that finds itself this early (the event moved later) waits for its new moment. */
const EARLY_TOLERANCE_MS = 60_000;

function eventIdOf(payload: Record<string, unknown>): string | null {
  return typeof payload.eventId === "string" ? payload.eventId : null;
}

/** Thrown inside the completing transaction when the event changed since the message was rendered. */
class EventChangedWhileSending extends Error {
  constructor() {
    super("L’événement a changé pendant l’envoi : nouvel essai au prochain passage.");
    this.name = "EventChangedWhileSending";
  }
}

/**
 * 24 hours before the start: one message, rendered once, queued for every confirmed registrant in
 * one transaction that also sets Event.joinLinkSentAt and writes the ledger record. Registrants
 * confirmed later get the link in their confirmation.
 */
export const sendJoinLink: JobHandler = async (job, { now }) => {
  const eventId = eventIdOf(job.payload);
  const event = eventId ? await loadEvent(eventId) : null;
  if (!event || event.status !== "published" || event.joinLinkSentAt || now >= event.endsAt) return;
  const dueAt = joinLinkDueAt(event);
  if (now.getTime() < dueAt.getTime() - EARLY_TOLERANCE_MS)
    throw new RescheduleJob(dueAt, "L’événement a été déplacé : envoi reporté.");
  if (!event.onlineUrl) {
    // An in-person meeting has no link to send; an online one without a link is a visible failure.
    if (event.location) return;
    throw new Error("Le lien de connexion de l’événement n’est pas renseigné.");
  }
  const joinUrl = event.onlineUrl;
  const email = await prepareEmail("event-join-link", {
    ...eventSummaryProps(event),
    joinUrl,
    eventUrl: eventUrl(event.id),
  });

  return async (tx) => {
    const current = await tx.event.findUnique({
      where: { id: event.id },
      select: {
        status: true,
        joinLinkSentAt: true,
        onlineUrl: true,
        startsAt: true,
        endsAt: true,
        title: true,
        location: true,
      },
    });
    if (!current || current.joinLinkSentAt || current.status !== "published") return;
    if (
      current.onlineUrl !== joinUrl ||
      current.startsAt.getTime() !== event.startsAt.getTime() ||
      current.endsAt.getTime() !== event.endsAt.getTime() ||
      current.title !== event.title ||
      current.location !== event.location
    ) {
      throw new EventChangedWhileSending();
    }
    const recipients = await tx.registration.findMany({
      where: { eventId: event.id, status: "confirmed" },
      orderBy: { createdAt: "asc" },
      select: { id: true, email: true, organizationId: true },
    });
    for (const recipient of recipients) await queueEmail(tx, recipient.email, email);
    await tx.event.update({ where: { id: event.id }, data: { joinLinkSentAt: now } });
    await appendExchange(tx, {
      kind: "meeting.join_link_sent",
      actor: { userId: null, label: "Amont (envoi programmé)" },
      organizationIds: [event.organizationId, ...recipients.map((recipient) => recipient.organizationId)],
      eventId: event.id,
      summary: `Lien de connexion de « ${event.title} » envoyé en même temps à ${recipients.length} inscrit${recipients.length > 1 ? "s" : ""}`,
      payload: {
        recipients: recipients.length,
        registrationIds: recipients.map((recipient) => recipient.id),
        subject: email.subject,
      },
      occurredAt: now,
    });
  };
};

/** The day before: the same reminder for every confirmed registrant (with the link once sent). */
export const sendReminder: JobHandler = async (job, { now }) => {
  const eventId = eventIdOf(job.payload);
  const event = eventId ? await loadEvent(eventId) : null;
  if (!event || event.status !== "published" || now >= event.startsAt) return;
  const dueAt = reminderDueAt(event);
  if (now.getTime() < dueAt.getTime() - EARLY_TOLERANCE_MS)
    throw new RescheduleJob(dueAt, "L’événement a été déplacé : rappel reporté.");
  const joinUrl = event.joinLinkSentAt && event.onlineUrl ? event.onlineUrl : null;
  const email = await prepareEmail("event-reminder", {
    ...eventSummaryProps(event),
    joinUrl,
    eventUrl: eventUrl(event.id),
  });

  return async (tx) => {
    const current = await tx.event.findUnique({
      where: { id: event.id },
      select: { status: true, joinLinkSentAt: true, startsAt: true, title: true, onlineUrl: true },
    });
    if (!current || current.status !== "published") return;
    if (
      (current.joinLinkSentAt?.getTime() ?? null) !== (event.joinLinkSentAt?.getTime() ?? null) ||
      current.startsAt.getTime() !== event.startsAt.getTime() ||
      current.title !== event.title ||
      current.onlineUrl !== event.onlineUrl
    ) {
      throw new EventChangedWhileSending();
    }
    const recipients = await tx.registration.findMany({
      where: { eventId: event.id, status: "confirmed" },
      orderBy: { createdAt: "asc" },
      select: { id: true, email: true, organizationId: true },
    });
    for (const recipient of recipients) await queueEmail(tx, recipient.email, email);
    await appendExchange(tx, {
      kind: "meeting.reminder_sent",
      actor: { userId: null, label: "Amont (envoi programmé)" },
      organizationIds: [event.organizationId, ...recipients.map((recipient) => recipient.organizationId)],
      eventId: event.id,
      summary: `Rappel de « ${event.title} » envoyé en même temps à ${recipients.length} inscrit${recipients.length > 1 ? "s" : ""}`,
      payload: {
        recipients: recipients.length,
        registrationIds: recipients.map((recipient) => recipient.id),
        subject: email.subject,
      },
      occurredAt: now,
    });
  };
};
