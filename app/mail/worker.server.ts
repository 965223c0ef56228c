// Delivers due outbox messages. It runs in the server process on a timer, but its state lives in
// the database (status, attempts, nextAttemptAt), so a restart loses nothing.
import { truncateWriteAheadLog } from "~/db/db.server";
import {
  dueMessages,
  markFailedAttempt,
  markSent,
  MAX_SEND_ATTEMPTS,
  parseAttachments,
  parseHeaders,
} from "./outbox.server";
import type { MailTransport } from "./transport.server";

/** Bodies were erased and the write-ahead log, which still holds them, was not emptied yet. */
let walHoldsErasedBodies = false;

export async function deliverDueMessages(
  transport: MailTransport,
  now = new Date(),
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const message of await dueMessages(now)) {
    try {
      const { providerId } = await transport.send({
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: parseAttachments(message.attachments),
        headers: parseHeaders(message.headers),
      });
      await markSent(message, providerId);
      sent++;
      walHoldsErasedBodies ||= message.carriesSecret;
    } catch (error) {
      failed++;
      const description = error instanceof Error ? error.message : String(error);
      console.error(
        `[mail] sending ${message.id} to ${message.to} failed (attempt ${message.attempts + 1}): ${description}`,
      );
      await markFailedAttempt(message, message.attempts, description, now);
      walHoldsErasedBodies ||= message.carriesSecret && message.attempts + 1 >= MAX_SEND_ATTEMPTS;
    }
  }
  if (walHoldsErasedBodies) {
    walHoldsErasedBodies = !(await truncateWriteAheadLog());
    if (walHoldsErasedBodies)
      console.warn("[mail] the write-ahead log could not be emptied yet (a reader is busy): retried at the next round");
  }
  return { sent, failed };
}

export function startMailWorker(transport: MailTransport, intervalMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueMessages(transport)
      .catch((error: unknown) => console.error("[mail] worker error", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
