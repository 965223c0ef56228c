// Erasing a person who has no account, on their request (decision 0027, amended 2026-12-08): a
// contact invited to a questionnaire by their typed address, and a sole trader named in a buyer's
// manual entry with an attachment. What the preview says, what the erasure leaves (placeholders,
// redacted records that still verify, the ticked file gone, its hash kept), and what it refuses: an
// address that belongs to an account, nothing matching, a name too short, a file not offered.
import { existsSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { erasedInviteeAddress } from "~/auth/closed-accounts";
import {
  ACCOUNT_ADDRESS_MESSAGE,
  eraseWithoutAccount,
  NOTHING_FOUND_MESSAGE,
  previewErasureWithoutAccount,
  STALE_ATTACHMENT_MESSAGE,
} from "~/auth/erasure-without-account.server";
import { erasureWithoutAccountSchema } from "~/auth/schemas";
import { addDays, todayInParis } from "~/calendar/dates";
import { connectDatabase, db, truncateWriteAheadLog, write } from "~/db/db.server";
import { REDACTED_TEXT } from "~/ledger/canonical";
import { verifyLedger } from "~/ledger/ledger.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { attachmentsDirectory } from "~/record/attachments.server";
import { recordAttachment } from "~/record/manual.server";
import { recordManualExchange } from "~/record/manual.server";
import { listRecordEntries, loadRecordScope } from "~/record/record.server";
import { inviteSuppliers, sendSourcingInvitations, SOURCING_INVITATIONS_JOB } from "~/sourcing/invitations.server";
import { simplePdf } from "../../prisma/seed-record";
import { createBuyer, input } from "../plan/fixtures";
import { recordActorOf } from "../record/fixtures";
import { createSupplier, publishedQuestionnaire } from "../sourcing/fixtures";
import { databaseBytes } from "../support/database-bytes";
import { sendQueuedInvitations } from "../support/invitations";
import { must } from "../support/must";
import { makeSiret } from "../support/siret";

let admin: { id: string; name: string };

beforeAll(async () => {
  await connectDatabase();
  admin = await write((tx) =>
    tx.user.create({
      data: { email: "admin.sans-compte@exemple.fr", name: "Camille Roux", passwordHash: "x", isPlatformAdmin: true },
      select: { id: true, name: true },
    }),
  );
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function everyLedgerText(): Promise<string> {
  const records = await db.ledgerRecord.findMany();
  return records.map((record) => [record.actorLabel, record.summary, record.payload].join(" ")).join("\n");
}

/** What an erasure would change: counted before and after a refusal, which must change nothing. */
async function snapshot() {
  return {
    ledger: await db.ledgerRecord.count(),
    redacted: await db.ledgerRecord.count({ where: { redactedAt: { not: null } } }),
    outbox: await db.outboxMessage.count(),
    invitations: await db.questionnaireInvitation.findMany({ select: { email: true }, orderBy: { id: "asc" } }),
  };
}

describe("a contact invited to a questionnaire by their typed address", () => {
  const address = "marie.durand@exemple.fr";

  it("previews, then erases: invitations keep a placeholder, messages go, records are redacted and still verify", async () => {
    const sent = await publishedQuestionnaire({ buyerName: "Ville de Vaulx-en-Velin" });
    must(
      await inviteSuppliers(
        sent.buyer.actor,
        sent.organization,
        sent.questionnaireId,
        { emails: [address], organizationIds: [] },
        { ip: "10.0.0.1" },
      ),
    );
    await sendQueuedInvitations();
    // Another buyer's invitation to her, queued and not sent yet.
    const queued = await publishedQuestionnaire({ buyerName: "Ville de Bron" });
    must(
      await inviteSuppliers(
        queued.buyer.actor,
        queued.organization,
        queued.questionnaireId,
        { emails: [address, "autre.contact@exemple.fr"], organizationIds: [] },
        { ip: "10.0.0.1" },
      ),
    );
    // A message kept for someone else that gives her address.
    const notice = await write((tx) =>
      tx.outboxMessage.create({
        data: {
          template: "test",
          to: "acheteur.vaulx@exemple.fr",
          subject: "Invitation envoyée",
          text: `Votre invitation à ${address} est partie.`,
          html: `<p>Votre invitation à ${address} est partie.</p>`,
          status: "sent",
        },
      }),
    );
    expect(await db.outboxMessage.count({ where: { to: address } })).toBe(1);
    const before = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });

    const lookup = await previewErasureWithoutAccount({ email: address });
    const preview = must(lookup).preview;
    expect(preview).toMatchObject({
      email: address,
      name: null,
      records: 1,
      questionnaireInvitations: ["« Toitures : connaître le marché » (Ville de Vaulx-en-Velin)"],
      messagesTo: 1,
      messagesMentioning: 1,
      pendingInvitations: 1,
      manualEntries: [],
      attachments: [],
      accountsWithName: 0,
    });
    expect(preview.procurements.map((procurement) => procurement.id)).toEqual([sent.procurementId]);
    expect(preview.organizations.map((organization) => organization.name)).toEqual(["Ville de Vaulx-en-Velin"]);
    // The preview wrote nothing.
    expect(await db.ledgerRecord.count()).toBe(before.length);

    expect(await eraseWithoutAccount(admin, { email: address })).toEqual({
      ok: true,
      records: 1,
      invitations: 1,
      messages: 2,
      filesDeleted: 0,
      filesFailed: [],
    });

    const invitation = await db.questionnaireInvitation.findFirstOrThrow({
      where: { questionnaireId: sent.questionnaireId },
    });
    expect(invitation.email).toBe(erasedInviteeAddress(invitation.id));
    expect(await db.outboxMessage.count({ where: { to: address } })).toBe(0);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      text: `Votre invitation à ${REDACTED_TEXT} est partie.`,
      html: `<p>Votre invitation à ${REDACTED_TEXT} est partie.</p>`,
    });
    // The queued invitation is not sent to her; the other address still gets its own.
    await sendQueuedInvitations();
    expect(
      (
        await db.questionnaireInvitation.findMany({
          where: { questionnaireId: queued.questionnaireId },
          select: { email: true },
        })
      ).map((row) => row.email),
    ).toEqual(["autre.contact@exemple.fr"]);
    expect(await db.job.count({ where: { payload: { contains: address } } })).toBe(0);

    // The ledger: every record kept, hers redacted, one record of the erasure naming no one.
    const after = await db.ledgerRecord.findMany({ orderBy: { sequence: "asc" } });
    expect(after.slice(0, before.length).map((record) => record.hash)).toEqual(before.map((record) => record.hash));
    expect((await everyLedgerText()).toLowerCase()).not.toContain(address);
    const erasure = after.find((record) => record.kind === "ledger.redacted")!;
    expect(erasure).toMatchObject({ actorUserId: admin.id, actorLabel: "Camille Roux" });
    const invited = after.find((record) => record.kind === "sourcing.invitation_sent" && record.redactedAt)!;
    expect(JSON.parse(erasure.payload)).toEqual({
      reason: "gdpr_request",
      records: [{ sequence: invited.sequence, fields: ["summary", "payload.email"] }],
    });
    expect(JSON.parse(invited.payload)).toMatchObject({ email: REDACTED_TEXT, invitationId: invitation.id });
    const redacted = await db.ledgerRecord.count({ where: { redactedAt: { not: null } } });
    expect(await verifyLedger()).toMatchObject({ ok: true, count: after.length, redacted });

    // Nothing of her address in the database file or its write-ahead log.
    expect(await truncateWriteAheadLog()).toBe(true);
    const contents = databaseBytes();
    expect(contents.some(({ bytes }) => bytes.includes("autre.contact@exemple.fr"))).toBe(true);
    for (const { path: file, bytes } of contents) expect(bytes.includes(address), `${address} in ${file}`).toBe(false);
  });

  it("is not undone by an invitation job that read its addresses just before the erasure", async () => {
    const address = "entre.deux@exemple.fr";
    const { buyer, organization, questionnaireId } = await publishedQuestionnaire({ buyerName: "Ville de Meyzieu" });
    must(
      await inviteSuppliers(
        buyer.actor,
        organization,
        questionnaireId,
        { emails: [address, "reste.invite@exemple.fr"], organizationIds: [] },
        { ip: "10.0.0.2" },
      ),
    );
    const row = await db.job.findFirstOrThrow({
      where: { kind: SOURCING_INVITATIONS_JOB, status: "pending", payload: { contains: address } },
    });
    // The job reads its payload and renders the message outside any transaction...
    const job = { ...row, payload: JSON.parse(row.payload) as Record<string, unknown>, attempts: 1, lockedBy: "test" };
    const effect = await sendSourcingInvitations(job, { now: new Date() });
    // ...the erasure commits meanwhile...
    const erased = await eraseWithoutAccount(admin, { email: address, name: null, attachments: [] });
    expect(erased.ok).toBe(true);
    // ...then the job writes its batch: the erased address is no longer in it.
    await write((tx) => effect!(tx));
    const invited = await db.questionnaireInvitation.findMany({ where: { questionnaireId }, select: { email: true } });
    expect(invited.map((invitation) => invitation.email)).toEqual(["reste.invite@exemple.fr"]);
    expect(await db.outboxMessage.count({ where: { to: address } })).toBe(0);
    expect(await everyLedgerText()).not.toContain(address);
  });
});

describe("a sole trader named in a buyer's manual entries", () => {
  const today = todayInParis();
  const name = "Jean-Marc Fabre";
  const pdf = simplePdf(["Devis de Jean-Marc Fabre, plombier", "Remplacement de la colonne d'eau"]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("chantier")]);

  async function scenario() {
    const buyer = await createBuyer({ name: "Ville de Givors", departement: "69" });
    const procurement = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
    const other = must(
      await createPlannedProcurement(buyer.actor, buyer.organization, input({ title: "Sanitaires du gymnase" })),
    );
    const scope = (await loadRecordScope(buyer.organization.id, procurement.id))!;
    const otherScope = (await loadRecordScope(buyer.organization.id, other.id))!;
    const actor = recordActorOf(buyer);
    const entry = (supplierName: string, summary: string, supplierSiret?: string) => ({
      exchangedOn: addDays(today, -2),
      channel: "visit" as const,
      supplierName,
      supplierSiret,
      summary,
    });
    const named = must(
      await recordManualExchange(
        actor,
        scope,
        entry(name, "Visite de JEAN-MARC FABRE, plombier, sur le chantier de l'école.", makeSiret(4242)),
        { fileName: "devis.pdf", size: pdf.byteLength, bytes: pdf },
      ),
    );
    // The same file, attached to an entry of another procurement that does not name him.
    const sameFile = must(
      await recordManualExchange(
        actor,
        otherScope,
        entry("Plomberie du Gier", "Plan de la colonne d'eau transmis par courrier."),
        {
          fileName: "devis-recu.pdf",
          size: pdf.byteLength,
          bytes: pdf,
        },
      ),
    );
    // A photo whose file name names him: the admin keeps the file.
    const photo = must(
      await recordManualExchange(actor, scope, entry("Plomberie du Gier", "Photo du chantier reçue."), {
        fileName: "Chantier Jean-Marc Fabre.png",
        size: png.byteLength,
        bytes: png,
      }),
    );
    return { buyer, procurement, other, scope, named, sameFile, photo };
  }

  it("deletes the ticked file after the erasure, keeps its hash, and the record says the attachment was erased", async () => {
    const { buyer, procurement, other, scope, named, sameFile, photo } = await scenario();
    const { title } = await db.plannedProcurement.findUniqueOrThrow({ where: { id: procurement.id } });
    const pdfPath = path.join(attachmentsDirectory(), sha256(pdf));
    expect(existsSync(pdfPath)).toBe(true);

    // Case and accents aside: the name as the admin typed it.
    const preview = must(await previewErasureWithoutAccount({ name: "jean-marc FABRE" })).preview;
    expect(preview).toMatchObject({
      email: null,
      name: "jean-marc FABRE",
      records: 2,
      questionnaireInvitations: [],
      manualEntries: [
        { sequence: named.sequence, procurement: `« ${title} » (Ville de Givors)` },
        { sequence: photo.sequence, procurement: `« ${title} » (Ville de Givors)` },
      ],
      attachments: [
        {
          sha256: sha256(pdf),
          fileName: "devis.pdf",
          sequences: [named.sequence],
          nameMentionsPerson: false,
          otherEntries: 1,
        },
        {
          sha256: sha256(png),
          fileName: "Chantier Jean-Marc Fabre.png",
          sequences: [photo.sequence],
          nameMentionsPerson: true,
          otherEntries: 0,
        },
      ],
    });
    expect(preview.attachments[0]!.description).toMatch(/^PDF, /);

    // Before: his name and SIRET are in the file (or its write-ahead log).
    const before = databaseBytes()
      .map(({ bytes }) => bytes)
      .join("");
    expect(before.toLowerCase()).toContain("fabre");
    expect(before).toContain(makeSiret(4242));

    const result = await eraseWithoutAccount(admin, { name: "jean-marc FABRE", attachments: [sha256(pdf)] });
    expect(result).toMatchObject({ ok: true, records: 2, filesDeleted: 1, filesFailed: [] });

    // The file is gone; the photo, kept, stays.
    expect(existsSync(pdfPath)).toBe(false);
    expect(existsSync(path.join(attachmentsDirectory(), sha256(png)))).toBe(true);

    // The entry keeps the file's hash; his name, SIRET and words are erased.
    const record = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: named.sequence } });
    expect(JSON.parse(record.payload)).toMatchObject({
      supplier: REDACTED_TEXT,
      text: REDACTED_TEXT,
      attachment: { sha256: sha256(pdf), fileName: "devis.pdf" },
    });
    expect(record.summary).toBe(REDACTED_TEXT);
    expect((await everyLedgerText()).toLowerCase()).not.toContain("fabre");

    // Downloads: the deleted file is gone for both entries that attached it; the photo is served
    // under a neutral name (its own named him).
    expect(await recordAttachment(buyer.organization.id, procurement.id, named.sequence)).toEqual({
      status: "erased",
    });
    expect(await recordAttachment(buyer.organization.id, other.id, sameFile.sequence)).toEqual({ status: "erased" });
    expect(await recordAttachment(buyer.organization.id, procurement.id, photo.sequence)).toMatchObject({
      status: "stored",
      attachment: { fileName: `piece-jointe-${photo.sequence}`, contentType: "image/png", sha256: sha256(png) },
      bytes: png,
    });

    // The record page's entries.
    const page = await listRecordEntries(scope);
    const shown = (sequence: number) => page.entries.find((entry) => entry.sequence === sequence)!;
    expect(shown(named.sequence).manual).toMatchObject({ supplier: { name: REDACTED_TEXT, siret: null } });
    expect(shown(named.sequence).attachment).toMatchObject({
      sha256: sha256(pdf),
      fileName: "devis.pdf",
      erased: true,
    });
    expect(shown(photo.sequence).attachment).toMatchObject({ sha256: sha256(png), fileName: null, erased: false });

    // One record of the erasure: the records, and the attachments by hash, naming no one.
    const erasure = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "ledger.redacted" },
      orderBy: { sequence: "desc" },
    });
    expect(erasure.summary).toContain("1 pièce(s) jointe(s) supprimée(s)");
    expect(JSON.parse(erasure.payload)).toMatchObject({
      reason: "gdpr_request",
      attachments: [
        { sequence: named.sequence, sha256: sha256(pdf), contentType: "application/pdf", deleted: true },
        { sequence: photo.sequence, sha256: sha256(png), contentType: "image/png", deleted: false },
      ],
    });
    expect(erasure.payload.toLowerCase()).not.toContain("fabre");
    expect(await verifyLedger()).toMatchObject({ ok: true });
    // Nor his name, nor his SIRET, anywhere in the database file or its write-ahead log.
    expect(await truncateWriteAheadLog()).toBe(true);
    for (const { path: file, bytes } of databaseBytes()) {
      expect(bytes.toLowerCase().includes("fabre"), `his name in ${file}`).toBe(false);
      expect(bytes.includes(makeSiret(4242)), `his SIRET in ${file}`).toBe(false);
    }

    // Asked again, the deleted file is no longer offered.
    const again = await previewErasureWithoutAccount({ name });
    expect(again).toMatchObject({ ok: false, field: "name" });
  });
});

describe("what the erasure of a person without an account refuses, changing nothing", () => {
  it("refuses an address that belongs to an account, and points to the account's erasure", async () => {
    const supplier = await createSupplier("Menuiserie Bernard");
    const before = await snapshot();
    const refusal = { ok: false, field: "email", message: ACCOUNT_ADDRESS_MESSAGE };
    expect(await previewErasureWithoutAccount({ email: supplier.user.email, name: "Paul Bernard" })).toEqual(refusal);
    expect(await eraseWithoutAccount(admin, { email: supplier.user.email })).toEqual(refusal);
    expect(ACCOUNT_ADDRESS_MESSAGE).toContain("« La personne a un compte »");
    expect(await snapshot()).toEqual(before);
  });

  it("answers next to the field when nothing matches", async () => {
    const before = await snapshot();
    expect(await previewErasureWithoutAccount({ email: "personne@exemple.fr" })).toEqual({
      ok: false,
      field: "email",
      message: NOTHING_FOUND_MESSAGE,
    });
    expect(await eraseWithoutAccount(admin, { name: "Personne Inconnue" })).toEqual({
      ok: false,
      field: "name",
      message: NOTHING_FOUND_MESSAGE,
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a name under 3 characters, and a form with neither address nor name", () => {
    const short = erasureWithoutAccountSchema.safeParse({ intent: "preview-without-account", name: " Al " });
    expect(short.success).toBe(false);
    expect(short.error?.flatten().fieldErrors.name?.[0]).toMatch(/^Indiquez le nom complet \(prénom et nom\) : 3/);
    const empty = erasureWithoutAccountSchema.safeParse({ intent: "preview-without-account" });
    expect(empty.error?.flatten().fieldErrors.email).toEqual([
      "Indiquez l'adresse électronique de la personne, son nom complet, ou les deux.",
    ]);
    expect(erasureWithoutAccountSchema.safeParse({ intent: "preview-without-account", name: "Léa Roy" }).success).toBe(
      true,
    );
  });

  it("refuses a ticked file the preview did not offer", async () => {
    const sent = await publishedQuestionnaire({ buyerName: "Ville de Décines" });
    must(
      await inviteSuppliers(
        sent.buyer.actor,
        sent.organization,
        sent.questionnaireId,
        { emails: ["luc.martin@exemple.fr"], organizationIds: [] },
        { ip: "10.0.0.2" },
      ),
    );
    await sendQueuedInvitations();
    const before = await snapshot();
    expect(await eraseWithoutAccount(admin, { email: "luc.martin@exemple.fr", attachments: ["a".repeat(64)] })).toEqual(
      { ok: false, field: "attachments", message: STALE_ATTACHMENT_MESSAGE },
    );
    expect(await snapshot()).toEqual(before);
  });
});
