// Every email goes through the outbox: it is written in the same transaction as the change that
// causes it (so a rolled-back change sends nothing and a committed one always has its message),
// then the mail worker delivers it.
//
// A message may carry extra headers (List-Unsubscribe of alert emails, RFC 8058), stored with it so
// that retries send them too.
//
// A message that carries a secret (a code, a verification, reset, invitation or unsubscribe link) is marked
// when it is queued: the admin outbox only ever shows it masked, and once it is sent (or given up)
// its body is erased, so that neither the database nor a backup holds a usable secret.
import { isUndeliverableAddress } from "~/auth/closed-accounts";
import { db, write, type WriteTransaction } from "~/db/db.server";
import type { OutboxMessage } from "~/generated/prisma/client";
import { renderEmail, secretValuesOf, type EmailProps, type EmailTemplateName } from "./render.server";
import { escapeHtml } from "~/ui/escape";

export interface RenderedEmail {
  template: string;
  subject: string;
  html: string;
  text: string;
  /** The secret values in the message (see secretProps in render.server.ts); never stored. */
  secrets: readonly string[];
  /** Extra headers (name → value); a secret in them must also be a secret prop of the template. */
  headers?: Readonly<Record<string, string>>;
}

/** What replaces a secret in the admin outbox and in the subject kept after sending. */
export const MASKED = "[masqué]";

export const ERASED_AFTER_SENDING =
  "Contenu effacé après envoi : il contenait un secret (code, lien de vérification, de réinitialisation, d'invitation ou de désabonnement).";
export const ERASED_AFTER_FAILURE =
  "Contenu effacé après l'échec définitif de l'envoi : il contenait un secret (code, lien de vérification, de réinitialisation, d'invitation ou de désabonnement). La personne doit en demander un nouveau.";

/** `text` with every occurrence of each secret replaced (secrets sorted longest first: a code inside a link goes with it). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join(MASKED);
  return masked;
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
  options: { headers?: Readonly<Record<string, string>> } = {},
): Promise<RenderedEmail> {
  return {
    template,
    ...(await renderEmail(template, props)),
    secrets: secretValuesOf(template, props),
    headers: options.headers ?? {},
  };
}

/** A marker no prop value contains and that rendering leaves as it is (letters and digits only). */
function blankMarker(index: number): string {
  return `AMONTBLANK${index}X${"Q".repeat(8)}`;
}

/**
 * For many messages that differ only by a few plain-text props (an alert's name, a personal link):
 * renders the template once with markers in those props, then fills them in for each recipient,
 * escaped as React escapes text and attributes. The result is, byte for byte, what prepareEmail()
 * gives for the same props (tests/mail/blanks.property.test.ts). A blank's value must be trimmed,
 * without runs of white space (the plain-text conversion collapses them), which the callers ensure.
 */
export async function prepareEmailWithBlanks<T extends EmailTemplateName, K extends keyof EmailProps[T] & string>(
  template: T,
  props: Omit<EmailProps[T], K>,
  blanks: readonly K[],
): Promise<(values: Record<K, string>, options?: { headers?: Readonly<Record<string, string>> }) => RenderedEmail> {
  const markers = blanks.map((_, index) => blankMarker(index));
  // The blanks complete the props: each omitted prop gets its marker.
  const withMarkers = {
    ...props,
    ...Object.fromEntries(blanks.map((name, index) => [name, markers[index]])),
  } as unknown as EmailProps[T];
  const rendered = await renderEmail(template, withMarkers);
  const fill = (text: string, values: Record<K, string>, escape: (value: string) => string) =>
    blanks.reduce((result, name, index) => result.split(markers[index]!).join(escape(values[name])), text);
  return (values, options = {}) => ({
    template,
    subject: fill(rendered.subject, values, (value) => value),
    html: fill(rendered.html, values, escapeHtml),
    text: fill(rendered.text, values, (value) => value),
    secrets: secretValuesOf(template, { ...withMarkers, ...values }),
    headers: options.headers ?? {},
  });
}

/** The outbox row of a message (masked copies for a message that carries a secret). */
function outboxRow(to: string, email: RenderedEmail, attachments: readonly EmailAttachment[] = []) {
  const { secrets, headers, ...message } = email;
  const carriesSecret = secrets.length > 0;
  return {
    to,
    ...message,
    attachments: JSON.stringify(attachments),
    headers: JSON.stringify(headers ?? {}),
    carriesSecret,
    maskedSubject: carriesSecret ? maskSecrets(message.subject, secrets) : null,
    maskedText: carriesSecret ? maskSecrets(message.text, secrets) : null,
  };
}

/** Queues the message; a message to an erased person's placeholder address (under .invalid) is dropped (null). */
export async function queueEmail(
  tx: WriteTransaction,
  to: string,
  email: RenderedEmail,
  attachments: readonly EmailAttachment[] = [],
): Promise<OutboxMessage | null> {
  if (isUndeliverableAddress(to)) return null;
  return tx.outboxMessage.create({ data: outboxRow(to, email, attachments) });
}

/**
 * Many messages in one statement (a batch of alert emails): the same rows as queueEmail() writes,
 * closed accounts' addresses dropped alike, without the cost of one statement each. Keep batches
 * small (SQLite takes 999 parameters per statement).
 */
export function queueEmails(tx: WriteTransaction, messages: readonly { to: string; email: RenderedEmail }[]) {
  return tx.outboxMessage.createMany({
    data: messages.filter(({ to }) => !isUndeliverableAddress(to)).map(({ to, email }) => outboxRow(to, email)),
  });
}

/** The body of a message that carried a secret, once it is no longer needed: only the envelope and a note remain. */
function erasedBody(message: Pick<OutboxMessage, "maskedSubject">, note: string) {
  return {
    subject: message.maskedSubject ?? MASKED,
    html: "",
    text: note,
    attachments: "[]",
    headers: "{}",
    maskedText: null,
    erasedAt: new Date(),
  };
}

export function parseAttachments(stored: string): EmailAttachment[] {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? (parsed as EmailAttachment[]) : [];
}

/** A message's extra headers, as stored (anything unreadable is dropped rather than sent). */
export function parseHeaders(stored: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
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

type SentMessage = Pick<OutboxMessage, "id" | "carriesSecret" | "maskedSubject">;

export function markSent(message: SentMessage, providerId: string | null) {
  const sentAt = new Date();
  return write((tx) =>
    tx.outboxMessage.update({
      where: { id: message.id },
      data: {
        status: "sent",
        sentAt,
        providerId,
        attempts: { increment: 1 },
        lastError: null,
        ...(message.carriesSecret ? erasedBody(message, ERASED_AFTER_SENDING) : {}),
      },
    }),
  );
}

export function markFailedAttempt(message: SentMessage, attemptsSoFar: number, error: string, now = new Date()) {
  const attempts = attemptsSoFar + 1;
  const giveUp = attempts >= MAX_SEND_ATTEMPTS;
  return write((tx) =>
    tx.outboxMessage.update({
      where: { id: message.id },
      data: {
        attempts,
        lastError: error.slice(0, 2_000),
        status: giveUp ? "failed" : "pending",
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        // A secret that could not be delivered is of no use to anyone: the person asks for a new one.
        ...(giveUp && message.carriesSecret ? erasedBody(message, ERASED_AFTER_FAILURE) : {}),
      },
    }),
  );
}

/** An administrator puts a failed message back in the queue (not one whose content was erased). */
export async function retryMessage(id: string): Promise<boolean> {
  const { count } = await write((tx) =>
    tx.outboxMessage.updateMany({
      where: { id, status: "failed", erasedAt: null },
      data: { status: "pending", nextAttemptAt: new Date(), attempts: 0 },
    }),
  );
  return count > 0;
}

/** A message's state as the administration page says it. */
export const OUTBOX_STATUS_LABELS: Record<string, string> = {
  pending: "En attente",
  sent: "Envoyé",
  failed: "Échec définitif",
};

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
