import { describe, expect, it } from "vitest";
import { closedAccountAddress, erasedInviteeAddress } from "~/auth/closed-accounts";
import { db, write } from "~/db/db.server";
import {
  ERASED_AFTER_FAILURE,
  ERASED_AFTER_SENDING,
  MASKED,
  MAX_SEND_ATTEMPTS,
  prepareEmail,
  queueEmail,
  retryDelayMs,
  retryMessage,
} from "~/mail/outbox.server";
import type { MailTransport } from "~/mail/transport.server";
import { deliverDueMessages } from "~/mail/worker.server";

/** A message queued for a real address (queueEmail drops those of closed accounts). */
function queued<T>(message: T | null): T {
  expect(message).not.toBeNull();
  return message!;
}

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
  return queued(await write((tx) => queueEmail(tx, to, email)));
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

  it("queues nothing for an erased person's placeholder address, which can never receive mail", async () => {
    const email = await prepareEmail("password-reset", { name: "Test", resetUrl: "https://amont.example/x" });
    for (const address of [closedAccountAddress("cl0sedaccount"), erasedInviteeAddress("erasedinvitation")]) {
      expect(await write((tx) => queueEmail(tx, address, email))).toBeNull();
      expect(await db.outboxMessage.count({ where: { to: address } })).toBe(0);
    }
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

describe("messages that carry a secret", () => {
  const code = "482913";
  const verifyUrl = "https://amont.example/verification?token=secretlinktoken0123456789abcdef";

  async function queueVerification(to: string) {
    const email = await prepareEmail("verify-email", { name: "Nadia", code, verifyUrl });
    return queued(await write((tx) => queueEmail(tx, to, email)));
  }

  function textOf(row: object): string {
    return JSON.stringify(row);
  }

  it("are marked when queued, with a masked subject and text for the admin outbox", async () => {
    const message = await queueVerification("masque@exemple.fr");
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row.carriesSecret).toBe(true);
    // The body itself is needed to send the message: it is kept until then.
    expect(row.subject).toContain(code);
    expect(row.text).toContain(verifyUrl);
    expect(row.maskedSubject).toBe(`${MASKED} — votre code de confirmation Amont`);
    expect(row.maskedText).toContain(MASKED);
    expect(row.maskedText).not.toContain(code);
    expect(row.maskedText).not.toContain("secretlinktoken");
  });

  it("are sent in full, then keep only their envelope and a note", async () => {
    const message = await queueVerification("efface@exemple.fr");
    const delivered: { subject: string; text: string; html: string }[] = [];
    const transport: MailTransport = {
      name: "recording",
      send: async (outgoing) => {
        delivered.push(outgoing);
        return { providerId: "re_secret" };
      },
    };
    await deliverDueMessages(transport, new Date(Date.now() + 1_000));
    const sent = delivered.find((outgoing) => outgoing.subject.includes(code));
    expect(sent?.text).toContain(verifyUrl);
    expect(sent?.html).toContain(code);

    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({
      status: "sent",
      to: "efface@exemple.fr",
      template: "verify-email",
      subject: `${MASKED} — votre code de confirmation Amont`,
      text: ERASED_AFTER_SENDING,
      html: "",
      maskedText: null,
      providerId: "re_secret",
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.erasedAt).toBeInstanceOf(Date);
    expect(textOf(row)).not.toContain(code);
    expect(textOf(row)).not.toContain("secretlinktoken");
  });

  it("are erased when given up too, and cannot be sent again", async () => {
    const message = await queueVerification("abandon@exemple.fr");
    let clock = Date.now();
    for (let attempt = 0; attempt < MAX_SEND_ATTEMPTS; attempt++) {
      clock += 7 * 60 * 60 * 1000;
      await deliverDueMessages(unreachableProvider, new Date(clock));
    }
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ status: "failed", text: ERASED_AFTER_FAILURE, html: "" });
    expect(textOf(row)).not.toContain(code);
    expect(await retryMessage(message.id)).toBe(false);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("failed");
  });

  it("leaves other messages whole after sending", async () => {
    const email = await prepareEmail("sourcing-closed", {
      buyerName: "Ville",
      questionnaireTitle: "Mobilier",
      closedOn: "lundi 4 janvier 2027",
      plannedDeadline: "vendredi 15 janvier 2027",
      reason: "Besoin couvert.",
      questionnaireUrl: "https://amont.example/sourcing/q1",
    });
    const message = queued(await write((tx) => queueEmail(tx, "entier@exemple.fr", email)));
    expect(message.carriesSecret).toBe(false);
    const { transport } = recordingProvider();
    await deliverDueMessages(transport, new Date(Date.now() + 1_000));
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ status: "sent", subject: email.subject, text: email.text, erasedAt: null });
  });
});

describe("extra headers (List-Unsubscribe of alert emails)", () => {
  const unsubscribeUrl = "https://amont.example/alertes/desabonnement/unsubscribesecret0123456789";
  const headers = {
    "List-Unsubscribe": `<${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };

  it("are stored with the message, sent with it, and erased with the body that held the same secret", async () => {
    const email = await prepareEmail(
      "alert-immediate",
      {
        headline: "Ville a publié sa programmation",
        alertName: "Menuiserie",
        alertsUrl: "https://amont.example/fournisseur/alertes",
        unsubscribeUrl,
        procurements: [],
        questionnaires: [],
        events: [],
        moreCount: 1,
      },
      { headers },
    );
    const message = queued(await write((tx) => queueEmail(tx, "entetes@exemple.fr", email)));
    expect(message.carriesSecret).toBe(true);
    expect(JSON.parse(message.headers)).toEqual(headers);

    const delivered: { to: string; headers?: Record<string, string> }[] = [];
    const transport: MailTransport = {
      name: "recording",
      send: async (outgoing) => {
        delivered.push(outgoing);
        return { providerId: "re_headers" };
      },
    };
    await deliverDueMessages(transport, new Date(Date.now() + 1_000));
    expect(delivered.find((outgoing) => outgoing.to === "entetes@exemple.fr")?.headers).toEqual(headers);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ status: "sent", headers: "{}", html: "" });
    expect(JSON.stringify(row)).not.toContain("unsubscribesecret");
  });

  it("are none for an ordinary message", async () => {
    const email = await prepareEmail("password-reset", { name: "Test", resetUrl: "https://amont.example/x" });
    const message = queued(await write((tx) => queueEmail(tx, "sans-entetes@exemple.fr", email)));
    expect(message.headers).toBe("{}");
  });
});
