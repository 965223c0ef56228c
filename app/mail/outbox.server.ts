// Every email goes through the outbox: it is written in the same transaction as the change that
// causes it (so a rolled-back change sends nothing and a committed one always has its message),
// then the mail worker delivers it.
import { db, write, type WriteTransaction } from "~/db/db.server";
import { renderEmail, type EmailProps, type EmailTemplateName } from "./render.server";

export interface RenderedEmail {
  template: string;
  subject: string;
  html: string;
  text: string;
}

/** A text attachment (an .ics invitation), stored with the message so that retries resend it. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** Render before opening the transaction: rendering is slow compared with an insert. */
export async function prepareEmail<T extends EmailTemplateName>(
  template: T,
  props: EmailProps[T],
): Promise<RenderedEmail> {
  return { template, ...(await renderEmail(template, props)) };
}

export function queueEmail(
  tx: WriteTransaction,
  to: string,
  email: RenderedEmail,
  attachments: readonly EmailAttachment[] = [],
) {
  return tx.outboxMessage.create({ data: { to, ...email, attachments: JSON.stringify(attachments) } });
}

export function parseAttachments(stored: string): EmailAttachment[] {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? (parsed as EmailAttachment[]) : [];
}

export const MAX_SEND_ATTEMPTS = 8;

/** 1 min, 2 min, 4 min, ... capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

export function dueMessages(now = new Date(), limit = 20) {
  return db.outboxMessage.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
}

export function markSent(id: string, providerId: string | null) {
  return write((tx) =>
    tx.outboxMessage.update({
      where: { id },
      data: { status: "sent", sentAt: new Date(), providerId, attempts: { increment: 1 }, lastError: null },
    }),
  );
}

export function markFailedAttempt(id: string, attemptsSoFar: number, error: string, now = new Date()) {
  const attempts = attemptsSoFar + 1;
  const giveUp = attempts >= MAX_SEND_ATTEMPTS;
  return write((tx) =>
    tx.outboxMessage.update({
      where: { id },
      data: {
        attempts,
        lastError: error.slice(0, 2_000),
        status: giveUp ? "failed" : "pending",
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
      },
    }),
  );
}

/** An administrator puts a failed message back in the queue. */
export function retryMessage(id: string) {
  return write((tx) =>
    tx.outboxMessage.update({ where: { id }, data: { status: "pending", nextAttemptAt: new Date(), attempts: 0 } }),
  );
}

export function listOutbox(options: { status?: string; take?: number } = {}) {
  return db.outboxMessage.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: { createdAt: "desc" },
    take: options.take ?? 100,
  });
}

export function outboxCounts() {
  return db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
}
