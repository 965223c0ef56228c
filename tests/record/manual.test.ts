// Manual entries of a procurement's record, on a real database and a real data folder: an entry is
// one ledger record (with its attachment stored once by its SHA-256), bad input stores nothing (no
// record, no file), the price guard asks for a justification, and a correction is a new entry that
// names the original.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addDays, formatDateFr, todayInParis } from "~/calendar/dates";
import { connectDatabase, db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import type * as LedgerModule from "~/ledger/ledger.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MESSAGES } from "~/record/attachments";
import { attachmentsDirectory } from "~/record/attachments.server";
import { MANUAL_ENTRY_MESSAGES } from "~/record/manual-schema";
import {
  MANUAL_MESSAGES,
  recordAttachment,
  recordManualExchange,
  searchSupplierDirectory,
} from "~/record/manual.server";
import { listRecordEntries, loadRecordScope, type RecordScope } from "~/record/record.server";
import type { Upload } from "~/record/upload.server";
import { simplePdf } from "../../prisma/seed-record";
import { createBuyer, input } from "../plan/fixtures";
import { createSupplier } from "../sourcing/fixtures";
import { must } from "../support/must";
import { makeSiret } from "../support/siret";
import { recordActorOf } from "./fixtures";

// A failing append, on demand: the file stored for it must not stay behind.
const failures = vi.hoisted(() => ({ nextAppend: false }));
vi.mock("~/ledger/ledger.server", async (importOriginal) => {
  const original = await importOriginal<typeof LedgerModule>();
  return {
    ...original,
    appendExchange: (...args: Parameters<typeof original.appendExchange>) => {
      if (failures.nextAppend) {
        failures.nextAppend = false;
        throw new Error("simulated failure inside the transaction");
      }
      return original.appendExchange(...args);
    },
  };
});

let buyer: Awaited<ReturnType<typeof createBuyer>>;
let scope: RecordScope;
let supplier: Awaited<ReturnType<typeof createSupplier>>;
const today = todayInParis();

beforeAll(async () => {
  await connectDatabase();
  buyer = await createBuyer({ name: "Ville de Bron", departement: "69" });
  const procurement = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
  scope = (await loadRecordScope(buyer.organization.id, procurement.id))!;
  supplier = await createSupplier("Menuiserie Laurent");
});

const actor = () => recordActorOf(buyer);

const entry = (overrides: Record<string, unknown> = {}) => ({
  exchangedOn: addDays(today, -2),
  channel: "phone" as const,
  supplierOrganizationId: supplier.organization.id,
  summary: "Appel de l'entreprise sur le calendrier prévu des travaux.",
  ...overrides,
});

const upload = (bytes: Buffer, fileName = "compte-rendu.pdf"): Upload => ({
  fileName,
  size: bytes.byteLength,
  bytes,
});

function storedFiles(): string[] {
  const directory = attachmentsDirectory();
  return existsSync(directory) ? readdirSync(directory).sort() : [];
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

let ledgerBefore: number;
let filesBefore: string[];
beforeEach(async () => {
  ledgerBefore = await db.ledgerRecord.count();
  filesBefore = storedFiles();
});

async function expectNothingStored() {
  expect(await db.ledgerRecord.count()).toBe(ledgerBefore);
  // Not even a temporary file.
  expect(storedFiles()).toEqual(filesBefore);
}

describe("a manual entry", () => {
  it("is one ledger record naming the buyer and the supplier, with the attachment stored by its hash", async () => {
    const pdf = simplePdf(["Compte rendu de l'appel du mardi."]);
    const result = must(await recordManualExchange(actor(), scope, entry(), upload(pdf, "Compte rendu d'appel.pdf")));
    expect(result.attachment).toMatchObject({
      sha256: sha256(pdf),
      fileName: "Compte rendu d'appel.pdf",
      contentType: "application/pdf",
      size: pdf.byteLength,
      alreadyStored: false,
    });
    const file = path.join(attachmentsDirectory(), sha256(pdf));
    expect(readFileSync(file)).toEqual(pdf);
    expect(storedFiles()).toEqual([...filesBefore, sha256(pdf)].sort());

    const record = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: result.sequence } });
    expect(record).toMatchObject({ kind: "manual.exchange", plannedProcurementId: scope.procurement.id });
    expect(JSON.parse(record.organizationIds)).toEqual([buyer.organization.id, supplier.organization.id].sort());
    expect(record.summary).toBe(
      `Échange hors plateforme (téléphone) avec Menuiserie Laurent le ${formatDateFr(addDays(today, -2))}.`,
    );
    expect(JSON.parse(record.payload)).toMatchObject({
      exchangedOn: addDays(today, -2),
      channel: "phone",
      supplier: { organizationId: supplier.organization.id, name: "Menuiserie Laurent" },
      text: "Appel de l'entreprise sur le calendrier prévu des travaux.",
      attachment: { sha256: sha256(pdf), fileName: "Compte rendu d'appel.pdf", contentType: "application/pdf" },
      corrects: null,
      priceGuard: null,
    });
    // The download finds it through the record, for this procurement only.
    const download = await recordAttachment(buyer.organization.id, scope.procurement.id, result.sequence);
    expect(download).toMatchObject({ status: "stored", bytes: pdf });
    const otherProcurement = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
    expect(await recordAttachment(buyer.organization.id, otherProcurement.id, result.sequence)).toBeNull();
    const stranger = await createBuyer({ name: "Commune voisine", departement: "69" });
    expect(await recordAttachment(stranger.organization.id, scope.procurement.id, result.sequence)).toBeNull();
    expect((await verifyLedger()).ok).toBe(true);
  });

  it("stores the same file once, however many entries attach it", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("photo")]);
    const first = must(await recordManualExchange(actor(), scope, entry(), upload(png, "photo.png")));
    const second = must(await recordManualExchange(actor(), scope, entry(), upload(png, "la-meme-photo.png")));
    expect(first.attachment).toMatchObject({ sha256: sha256(png), contentType: "image/png", alreadyStored: false });
    expect(second.attachment).toMatchObject({
      sha256: sha256(png),
      fileName: "la-meme-photo.png",
      alreadyStored: true,
    });
    expect(storedFiles()).toEqual([...filesBefore, sha256(png)].sort());
    expect(await db.ledgerRecord.count()).toBe(ledgerBefore + 2);
  });

  it("accepts a JPEG of exactly 5 Mo, recognised by its content whatever its name", async () => {
    const jpeg = Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x20);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
    const result = must(await recordManualExchange(actor(), scope, entry(), upload(jpeg, "scan sans extension")));
    expect(result.attachment).toMatchObject({ contentType: "image/jpeg", size: ATTACHMENT_MAX_BYTES });
  });

  it("links a supplier typed by name to the directory when its SIRET is known, and keeps an unknown one as typed", async () => {
    const known = must(
      await recordManualExchange(
        actor(),
        scope,
        entry({
          supplierOrganizationId: undefined,
          supplierName: "Laurent",
          supplierSiret: supplier.organization.siret,
        }),
        null,
      ),
    );
    const stranger = must(
      await recordManualExchange(
        actor(),
        scope,
        entry({ supplierOrganizationId: undefined, supplierName: "Atelier Dupré", supplierSiret: makeSiret(4242) }),
        null,
      ),
    );
    const records = await db.ledgerRecord.findMany({
      where: { sequence: { in: [known.sequence, stranger.sequence] } },
      orderBy: { sequence: "asc" },
    });
    expect(JSON.parse(records[0]!.payload).supplier).toEqual({
      organizationId: supplier.organization.id,
      name: "Menuiserie Laurent",
      siret: supplier.organization.siret,
    });
    expect(JSON.parse(records[1]!.payload).supplier).toEqual({
      organizationId: null,
      name: "Atelier Dupré",
      siret: makeSiret(4242),
    });
    expect(JSON.parse(records[1]!.organizationIds)).toEqual([buyer.organization.id]);
  });
});

describe("bad input stores nothing", () => {
  const cases: [string, Upload, string][] = [
    [
      "a file over 5 Mo",
      { fileName: "gros.pdf", size: ATTACHMENT_MAX_BYTES + 1, bytes: Buffer.from("%PDF-1.4 …") },
      ATTACHMENT_MESSAGES.tooLarge,
    ],
    ["an empty file", upload(Buffer.alloc(0), "vide.pdf"), ATTACHMENT_MESSAGES.empty],
    ["a text file", upload(Buffer.from("Bonjour"), "notes.txt"), ATTACHMENT_MESSAGES.notAccepted],
    [
      "a program named .pdf",
      upload(Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(64)]), "devis.pdf"),
      ATTACHMENT_MESSAGES.disguised(".pdf"),
    ],
    [
      "a web page named .jpg",
      upload(Buffer.from("<!doctype html><script>alert(1)</script>"), "photo.JPG"),
      ATTACHMENT_MESSAGES.disguised(".jpg"),
    ],
  ];
  for (const [name, file, message] of cases) {
    it(`refuses ${name}, with a French message next to the attachment field`, async () => {
      expect(await recordManualExchange(actor(), scope, entry(), file)).toEqual({
        ok: false,
        field: "attachment",
        message,
      });
      await expectNothingStored();
    });
  }

  it("refuses an exchange dated in the future, an unknown supplier, an unknown original", async () => {
    expect(await recordManualExchange(actor(), scope, entry({ exchangedOn: addDays(today, 1) }), null)).toEqual({
      ok: false,
      field: "exchangedOn",
      message: MANUAL_ENTRY_MESSAGES.dateInFuture,
    });
    expect(
      await recordManualExchange(actor(), scope, entry({ supplierOrganizationId: buyer.organization.id }), null),
    ).toEqual({ ok: false, field: "supplierOrganizationId", message: MANUAL_MESSAGES.unknownSupplier });
    expect(await recordManualExchange(actor(), scope, entry({ corrects: 999_999 }), null)).toEqual({
      ok: false,
      field: "form",
      message: MANUAL_MESSAGES.unknownOriginal,
    });
    await expectNothingStored();
  });

  it("removes the stored file when the transaction fails", async () => {
    const pdf = simplePdf(["Un fichier jamais enregistré."]);
    failures.nextAppend = true;
    await expect(recordManualExchange(actor(), scope, entry(), upload(pdf))).rejects.toThrow(/simulated failure/);
    await expectNothingStored();
    expect(existsSync(path.join(attachmentsDirectory(), sha256(pdf)))).toBe(false);
  });
});

describe("the price guard", () => {
  const pricey = "Nous lui avons demandé ses prix unitaires et une remise pour une commande groupée.";

  it("asks for a justification when the summary talks about prices, and keeps it on the record", async () => {
    const refused = await recordManualExchange(actor(), scope, entry({ summary: pricey }), null);
    expect(refused).toMatchObject({
      ok: false,
      field: "guardJustification",
      message: MANUAL_MESSAGES.justificationNeeded,
    });
    expect(refused.ok ? [] : refused.findings?.map((finding) => finding.rule)).toEqual(
      expect.arrayContaining(["price", "rebate"]),
    );
    await expectNothingStored();

    const justification = "L'entreprise a cité ses prix d'elle-même ; nous ne les avons pas discutés.";
    const kept = must(
      await recordManualExchange(actor(), scope, entry({ summary: pricey, guardJustification: justification }), null),
    );
    const payload = JSON.parse(
      (await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: kept.sequence } })).payload,
    );
    expect(payload.priceGuard.justification).toBe(justification);
    expect(payload.priceGuard.findings.map((finding: { rule: string }) => finding.rule)).toContain("price");
  });
});

describe("corrections", () => {
  it("are new entries naming the original, which stays as it was; the record links both ways", async () => {
    const original = must(await recordManualExchange(actor(), scope, entry({ channel: "visit" }), null));
    const before = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: original.sequence } });
    const correction = must(
      await recordManualExchange(
        actor(),
        scope,
        entry({
          channel: "meeting",
          summary: "Réunion, et non visite, sur le calendrier des travaux.",
          corrects: original.sequence,
        }),
        null,
      ),
    );
    // Correcting the correction still names the original.
    const again = must(
      await recordManualExchange(
        actor(),
        scope,
        entry({ summary: "Réunion du matin sur le calendrier des travaux.", corrects: correction.sequence }),
        null,
      ),
    );
    expect(await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: original.sequence } })).toEqual(before);
    const page = await listRecordEntries(scope, { kind: "manual.exchange" });
    const bySequence = new Map(page.entries.map((item) => [item.sequence, item]));
    expect(bySequence.get(original.sequence)!.correctedBy).toEqual([correction.sequence, again.sequence]);
    expect(bySequence.get(correction.sequence)!.corrects).toBe(original.sequence);
    expect(bySequence.get(again.sequence)!.corrects).toBe(original.sequence);
    expect(bySequence.get(correction.sequence)!.summary).toMatch(/^Correction de l'entrée n° \d+ : /);

    // An entry of another procurement cannot be corrected from this one.
    const other = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
    const otherScope = (await loadRecordScope(buyer.organization.id, other.id))!;
    expect(await recordManualExchange(actor(), otherScope, entry({ corrects: original.sequence }), null)).toMatchObject(
      {
        ok: false,
        message: MANUAL_MESSAGES.unknownOriginal,
      },
    );
    expect((await verifyLedger()).ok).toBe(true);
  });
});

describe("the directory search", () => {
  it("finds supplier organisations by name or SIRET, never buyers", async () => {
    expect((await searchSupplierDirectory("Laurent")).map((choice) => choice.value)).toEqual([
      supplier.organization.id,
    ]);
    expect((await searchSupplierDirectory(supplier.organization.siret!.slice(0, 9))).map((c) => c.value)).toContain(
      supplier.organization.id,
    );
    expect(await searchSupplierDirectory("Ville de Bron")).toEqual([]);
    expect(await searchSupplierDirectory("L")).toEqual([]);
  });
});
