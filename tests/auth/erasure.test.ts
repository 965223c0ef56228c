// Erasing a person (decision 0027): account closing by the person (password, not the only admin of
// an organisation with other members) and erasure on a GDPR request by a platform admin. The ledger
// keeps every record, redacted, and still verifies; nothing else of the person remains.
import BetterSqlite3 from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { closedAccountAddress } from "~/auth/closed-accounts";
import {
  closeOwnAccount,
  eraseOnRequest,
  previewErasure,
  UNKNOWN_PERSON_MESSAGE,
  WRONG_PASSWORD_MESSAGE,
} from "~/auth/erasure.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import { connectDatabase, db, write } from "~/db/db.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import { REDACTED_TEXT } from "~/ledger/canonical";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";
import { bookSlot } from "~/meetings/bookings.server";
import { register } from "~/meetings/registrations.server";
import { ORIGIN, publishedFair, createSupplier } from "../meetings/fair-fixtures";
import { createWebinar } from "../meetings/registrations-fixtures";

const PASSWORD = "une phrase de passe solide";

beforeAll(async () => {
  await connectDatabase();
});

/** A supplier whose admin is Hélène Dupont, who booked a slot, registered to a webinar and was named by the buyer. */
async function heleneScenario(suffix: string) {
  const fair = await publishedFair();
  const supplier = await createSupplier(`Menuiserie ${suffix}`);
  const email = `helene.dupont.${suffix}@exemple.fr`;
  const name = `Hélène Dupont-${suffix}`;
  const helene = await write((tx) =>
    tx.user.update({ where: { id: supplier.user.id }, data: { email, name, passwordHash: "" } }),
  );
  await write(async (tx) =>
    tx.user.update({ where: { id: helene.id }, data: { passwordHash: await hashPassword(PASSWORD) } }),
  );
  const slot = await db.slot.findFirstOrThrow({ where: { standId: fair.standId }, orderBy: { startsAt: "asc" } });
  const booked = await bookSlot({ id: helene.id, name, email }, supplier.organization.id, slot.id, { origin: ORIGIN });
  expect(booked.ok).toBe(true);
  const webinar = await createWebinar(fair.buyer.organization.id, fair.buyer.user.id);
  expect(
    (
      await register({
        eventId: webinar.id,
        userId: helene.id,
        organizationId: supplier.organization.id,
        waitingList: false,
      })
    ).ok,
  ).toBe(true);
  // The buyer wrote down a call, naming her in the summary and her address in the payload.
  await write((tx) =>
    appendExchange(tx, {
      kind: "manual.exchange",
      actor: { userId: fair.buyer.user.id, label: fair.buyer.user.name },
      organizationIds: [fair.buyer.organization.id, supplier.organization.id],
      summary: `Appel de ${name.toUpperCase()} au sujet du salon`,
      payload: { channel: "phone", contact: { email: email.toUpperCase() }, text: "Rappel prévu" },
    }),
  );
  await write((tx) => createSession(tx, helene.id));
  return { fair, supplier, helene: { id: helene.id, email, name }, webinarId: webinar.id };
}

function everyLedgerText() {
  return db.ledgerRecord
    .findMany()
    .then((records) =>
      records.map((record) => [record.actorUserId, record.actorLabel, record.summary, record.payload].join(" ")),
    );
}

describe("closing one's account", () => {
  it("refuses a wrong password, and the only admin of an organisation with other members, changing nothing", async () => {
    const { supplier, helene } = await heleneScenario("a");
    const ledgerBefore = await db.ledgerRecord.count();

    expect(await closeOwnAccount(helene.id, "pas le bon mot de passe")).toEqual({
      ok: false,
      field: "password",
      message: WRONG_PASSWORD_MESSAGE,
    });

    const colleague = await write((tx) =>
      tx.user.create({ data: { email: "paul.a@exemple.fr", name: "Paul Martin", passwordHash: "x" } }),
    );
    await write((tx) =>
      tx.membership.create({
        data: { userId: colleague.id, organizationId: supplier.organization.id, role: "member" },
      }),
    );
    const refused = await closeOwnAccount(helene.id, PASSWORD);
    expect(refused).toMatchObject({ ok: false, field: "form" });
    expect(!refused.ok && refused.message).toContain(
      `Vous êtes le seul administrateur de « ${supplier.organization.name} »`,
    );

    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);
    expect(await db.user.findUniqueOrThrow({ where: { id: helene.id } })).toMatchObject({
      email: helene.email,
      name: helene.name,
    });
    expect(await db.session.count({ where: { userId: helene.id } })).toBe(1);
  });

  it("erases the person everywhere and redacts their ledger records, which still verify", async () => {
    const { supplier, helene, webinarId } = await heleneScenario("b");
    // A message kept for someone else that names her (a notice to the buyer, say).
    const notice = await write((tx) =>
      tx.outboxMessage.create({
        data: {
          template: "test",
          to: "acheteur.b@exemple.fr",
          subject: `${helene.name} a réservé un créneau`,
          text: `Bonjour, ${helene.name} (${helene.email}) a réservé.`,
          html: `<p>${helene.name} a réservé.</p>`,
          status: "sent",
        },
      }),
    );
    const before = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });

    expect(await closeOwnAccount(helene.id, PASSWORD)).toEqual({ ok: true });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      to: "acheteur.b@exemple.fr",
      subject: `${REDACTED_TEXT} a réservé un créneau`,
      text: `Bonjour, ${REDACTED_TEXT} (${REDACTED_TEXT}) a réservé.`,
      html: `<p>${REDACTED_TEXT} a réservé.</p>`,
    });

    const user = await db.user.findUniqueOrThrow({ where: { id: helene.id } });
    expect(user).toMatchObject({
      email: closedAccountAddress(helene.id),
      name: REDACTED_TEXT,
      passwordHash: "",
      emailVerifiedAt: null,
    });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(false);
    expect(await db.session.count({ where: { userId: helene.id } })).toBe(0);
    expect(await db.membership.count({ where: { userId: helene.id } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: helene.email } })).toBe(0);
    // The webinar place went back (cancelled first, as she would have done), with no address left.
    expect(await db.registration.findFirstOrThrow({ where: { eventId: webinarId, userId: helene.id } })).toMatchObject({
      status: "cancelled",
      email: closedAccountAddress(helene.id),
    });
    // The booking is the organisation's: it stays.
    expect(await db.booking.count({ where: { supplierOrganizationId: supplier.organization.id } })).toBe(1);

    // The ledger: every record kept, hers redacted, the chain intact.
    const after = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });
    expect(after.slice(0, before.length).map((record) => record.hash)).toEqual(before.map((record) => record.hash));
    const texts = (await everyLedgerText()).join("\n").toLowerCase();
    for (const trace of [helene.email, helene.name.toLowerCase(), helene.id]) expect(texts).not.toContain(trace);
    const redaction = after.find((record) => record.kind === "ledger.redacted")!;
    expect(redaction.actorUserId).toBeNull();
    const payload = JSON.parse(redaction.payload) as {
      reason: string;
      records: { sequence: number; fields: string[] }[];
    };
    expect(payload.reason).toBe("account_closed");
    const redactedSequences = after.filter((record) => record.redactedAt).map((record) => record.sequence);
    expect(payload.records.map((record) => record.sequence)).toEqual(redactedSequences);
    const call = after.findLast((record) => record.kind === "manual.exchange")!;
    expect(call).toMatchObject({ summary: REDACTED_TEXT, actorLabel: expect.not.stringContaining(REDACTED_TEXT) });
    expect(JSON.parse(call.payload)).toEqual({ channel: "phone", contact: REDACTED_TEXT, text: "Rappel prévu" });
    expect(payload.records.find((record) => record.sequence === call.sequence)?.fields).toEqual([
      "summary",
      "payload.contact",
    ]);
    expect(await verifyLedger()).toMatchObject({ ok: true, count: after.length, redacted: redactedSequences.length });

    // The database guard still refuses any other change to a redacted record.
    const raw = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    try {
      expect(() =>
        raw.prepare(`UPDATE "LedgerRecord" SET summary = 'Réécrit' WHERE sequence = ?`).run(call.sequence),
      ).toThrow(/append-only/);
      expect(() =>
        raw.prepare(`UPDATE "LedgerRecord" SET redactedDigests = NULL WHERE sequence = ?`).run(call.sequence),
      ).toThrow(/append-only/);
      for (const payload of [
        { channel: "email", contact: REDACTED_TEXT, text: "Rappel prévu" },
        { channel: "phone", contact: REDACTED_TEXT },
        { channel: "phone", contact: REDACTED_TEXT, text: "Rappel prévu", added: "x" },
      ]) {
        expect(() =>
          raw
            .prepare(`UPDATE "LedgerRecord" SET payload = ?, redactedAt = redactedAt WHERE sequence = ?`)
            .run(JSON.stringify(payload), call.sequence),
        ).toThrow(/append-only/);
      }
    } finally {
      raw.close();
    }
  });
});

describe("erasure on a GDPR request", () => {
  it("answers an unknown address with a French message and stores nothing", async () => {
    const admin = await write((tx) =>
      tx.user.create({
        data: { email: "admin.c@exemple.fr", name: "Camille Roux", passwordHash: "x", isPlatformAdmin: true },
      }),
    );
    const ledgerBefore = await db.ledgerRecord.count();
    expect(await previewErasure("personne@exemple.fr", admin.id)).toEqual({
      ok: false,
      message: UNKNOWN_PERSON_MESSAGE,
    });
    expect(await eraseOnRequest(admin, "personne@exemple.fr")).toEqual({ ok: false, message: UNKNOWN_PERSON_MESSAGE });
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore);
  });

  it("previews then erases, the admin named as the one who acted", async () => {
    const admin = await write((tx) =>
      tx.user.create({
        data: { email: "admin.d@exemple.fr", name: "Camille Roux", passwordHash: "x", isPlatformAdmin: true },
      }),
    );
    const { supplier, helene } = await heleneScenario("d");
    const lookup = await previewErasure(helene.email, admin.id);
    expect(lookup.ok).toBe(true);
    const preview = lookup.ok ? lookup.preview : null;
    expect(preview).toMatchObject({ userId: helene.id, refusal: null, memberships: [supplier.organization.name] });
    expect(preview!.records).toBe(3); // the booking, the registration, the call
    expect(preview!.organizations.map((organization) => organization.id)).toContain(supplier.organization.id);

    const result = await eraseOnRequest(admin, helene.email);
    // The preview did not count the cancellation of her webinar registration, written just before.
    expect(result).toEqual({ ok: true, records: preview!.records + 1 });
    const redaction = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "ledger.redacted" },
      orderBy: { sequence: "desc" },
    });
    expect(redaction).toMatchObject({ actorUserId: admin.id, actorLabel: "Camille Roux" });
    expect(JSON.parse(redaction.payload)).toMatchObject({ reason: "gdpr_request" });
    expect(await db.user.findUnique({ where: { email: helene.email } })).toBeNull();
    expect(await previewErasure(helene.email, admin.id)).toEqual({ ok: false, message: UNKNOWN_PERSON_MESSAGE });
    expect(await verifyLedger()).toMatchObject({ ok: true });
  });
});
