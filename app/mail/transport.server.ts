// Where mail goes: Resend when configured, otherwise nowhere (messages stay in the outbox, where
// an administrator and the tests read them). Never a transport that pretends to have sent.
import { Resend } from "resend";
import { env } from "~/env.server";

export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: string }[];
  /** Extra headers, such as List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

export interface MailTransport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ providerId: string | null }>;
}

export function resendTransport(apiKey: string, from: string): MailTransport {
  const client = new Resend(apiKey);
  return {
    name: "resend",
    async send(message) {
      const { headers, ...rest } = message;
      const { data, error } = await client.emails.send({
        from,
        ...rest,
        ...(headers && Object.keys(headers).length > 0 ? { headers } : {}),
      });
      if (error) throw new Error(`Resend: ${error.name}: ${error.message}`);
      return { providerId: data?.id ?? null };
    },
  };
}

/** The configured transport, or null when mail must stay in the outbox. */
export function configuredTransport(): MailTransport | null {
  const config = env();
  if (config.mailTransport === "resend" && config.RESEND_API_KEY)
    return resendTransport(config.RESEND_API_KEY, config.MAIL_FROM);
  return null;
}
