// Delivers due outbox messages. It runs in the server process on a timer, but its state lives in
// the database (status, attempts, nextAttemptAt), so a restart loses nothing.
import { dueMessages, markFailedAttempt, markSent, parseAttachments } from "./outbox.server";
import type { MailTransport } from "./transport.server";

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
      });
      await markSent(message.id, providerId);
      sent++;
    } catch (error) {
      failed++;
      const description = error instanceof Error ? error.message : String(error);
      console.error(
        `[mail] sending ${message.id} to ${message.to} failed (attempt ${message.attempts + 1}): ${description}`,
      );
      await markFailedAttempt(message.id, message.attempts, description, now);
    }
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
