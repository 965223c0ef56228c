import { describe, expect, it } from "vitest";
import { db, write } from "~/db/db.server";
import { MAX_SEND_ATTEMPTS, prepareEmail, queueEmail, retryDelayMs } from "~/mail/outbox.server";
import type { MailTransport } from "~/mail/transport.server";
import { deliverDueMessages } from "~/mail/worker.server";

/** A transport whose provider is down: it fails the way Resend's client does (it throws). */
const unreachableProvider: MailTransport = {
  name: "down",
  send: async () => {
    throw new Error("Resend: application_error: service unavailable");
  },
};

function recordingProvider() {
  const sent: string[] = [];
  const transport: MailTransport = {
    name: "recording",
    send: async (message) => {
      sent.push(message.to);
      return { providerId: `re_${sent.length}` };
    },
  };
  return { transport, sent };
}

async function queue(to: string) {
  const email = await prepareEmail("password-reset", {
    name: "Test",
    resetUrl: "https://amont.example/mot-de-passe/nouveau?token=abc",
  });
  return write((tx) => queueEmail(tx, to, email));
}

describe("outbox", () => {
  it("writes nothing when the transaction that queues the message fails", async () => {
    const email = await prepareEmail("password-reset", { name: "Test", resetUrl: "https://amont.example/x" });
    await expect(
      write(async (tx) => {
        await queueEmail(tx, "rollback@exemple.fr", email);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.outboxMessage.count({ where: { to: "rollback@exemple.fr" } })).toBe(0);
  });

  it("keeps a message whose sending fails, with the error, and retries later with a growing delay", async () => {
    const message = await queue("retry@exemple.fr");
    const now = new Date();
    expect(await deliverDueMessages(unreachableProvider, now)).toEqual({ sent: 0, failed: 1 });
    const afterOne = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(afterOne).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: expect.stringContaining("service unavailable"),
    });
    expect(afterOne.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    // Not due yet: nothing is attempted.
    expect(await deliverDueMessages(unreachableProvider, now)).toEqual({ sent: 0, failed: 0 });
    expect(retryDelayMs(3)).toBeGreaterThan(retryDelayMs(2));
  });

  it("marks a message failed (visible, not dropped) after the last attempt, and sends it once the provider is back", async () => {
    const message = await queue("gives-up@exemple.fr");
    let clock = Date.now();
    for (let attempt = 0; attempt < MAX_SEND_ATTEMPTS; attempt++) {
      clock += 7 * 60 * 60 * 1000;
      await deliverDueMessages(unreachableProvider, new Date(clock));
    }
    const failed = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_SEND_ATTEMPTS });

    const { transport, sent } = recordingProvider();
    await write((tx) =>
      tx.outboxMessage.update({
        where: { id: message.id },
        data: { status: "pending", nextAttemptAt: new Date(0), attempts: 0 },
      }),
    );
    await deliverDueMessages(transport, new Date(clock));
    expect(sent).toContain("gives-up@exemple.fr");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "sent",
      providerId: expect.stringMatching(/^re_/),
    });
  });
});
