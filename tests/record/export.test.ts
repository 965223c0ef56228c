// The record's exports (decision 0024), read back as a buyer's reader would: the PDF parsed with
// unpdf (headings, counts, the equal-treatment facts computed from the entries, page numbers, a
// broken chain named on its first page and in its integrity section), the CSV parsed field by field
// (byte order mark, ";", quoted ";", quotes and line breaks, French headers), and each export's
// own ledger record, which the file includes. Also 2,000 entries, a redacted entry, and the pure
// pieces.
import BetterSqlite3 from "better-sqlite3";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInParis } from "~/calendar/dates";
import { connectDatabase, db } from "~/db/db.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import { canonicalJson, fieldDigest, REDACTED_TEXT } from "~/ledger/canonical";
import { parsePayload } from "~/record/entries";
import { RECORD_CSV_HEADERS } from "~/record/export/csv.server";
import { exportRecord, recordExportFileName, type RecordExportActor } from "~/record/export/export.server";
import { pdfText } from "~/record/export/pdf-text";
import { checkInvitations } from "~/record/export/report";
import { recordManualExchange } from "~/record/manual.server";
import { loadRecordScope } from "~/record/record.server";
import { inviteSuppliers } from "~/sourcing/invitations.server";
import { publishQuestionnaire, saveDraftDetails } from "~/sourcing/questionnaires.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { createBuyer, input } from "../plan/fixtures";
import { draftRevision, publishedQuestionnaire } from "../sourcing/fixtures";
import { openDayFrom } from "../support/days";
import { sendQueuedInvitations } from "../support/invitations";
import { must } from "../support/must";
import { appendQuickly, fullRecord, recordActorOf } from "./fixtures";

let built: Awaited<ReturnType<typeof fullRecord>>;
let actor: RecordExportActor;

beforeAll(async () => {
  await connectDatabase();
  built = await fullRecord();
  actor = recordActorOf(built.buyer);
}, 120_000);

async function exportOf(organizationId: string, procurementId: string, format: "pdf" | "csv", who = actor) {
  const scope = (await loadRecordScope(organizationId, procurementId))!;
  return exportRecord(who, scope, format);
}

/** The text of each page, whitespace collapsed (PDF text comes back in runs). */
async function pdfPages(body: ReadableStream<Uint8Array> | Uint8Array): Promise<string[]> {
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(await new Response(body).arrayBuffer());
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, " ").trim());
}

/** A minimal RFC 4180 reader for ";" (quoted fields may hold ";", doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ";") {
      row.push(field);
      field = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += character;
  }
  return rows;
}

async function exportedRecords(procurementId: string) {
  return db.ledgerRecord.findMany({
    where: { kind: "record.exported", plannedProcurementId: procurementId },
    orderBy: { sequence: "asc" },
  });
}

describe("the PDF of a full record", () => {
  let pages: string[];
  let text: string;
  let compact: string;
  let mark: { sequence: number; recordCount: number };

  beforeAll(async () => {
    const file = await exportOf(built.organization.id, built.procurementId, "pdf");
    expect(file.contentType).toBe("application/pdf");
    mark = file.mark;
    pages = await pdfPages(file.body);
    text = pages.join(" ");
    compact = text.replace(/\s+/g, "");
  }, 60_000);

  it("is itself a ledger record, and covers the record up to and including it", async () => {
    const [exported] = await exportedRecords(built.procurementId);
    expect(exported).toMatchObject({ sequence: mark.sequence, actorUserId: built.buyer.user.id });
    const scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
    const total = await db.ledgerRecord.count({ where: { AND: [scope.where, { sequence: { lte: mark.sequence } }] } });
    expect(parsePayload(exported!.payload)).toEqual({
      format: "pdf",
      recordCount: total,
      lastSequence: mark.sequence,
    });
    expect(text).toContain(
      `${total} entrées du dossier, jusqu'à l'entrée n° ${mark.sequence} du registre comprise : l'inscription de cet export lui-même.`,
    );
    // The annex lists every entry, the export's own last.
    const annex = text.slice(text.indexOf("Annexe : chronologie complète"));
    expect(annex).toContain(`Les ${total} entrées du dossier`);
    expect(annex).toContain(
      `a exporté le dossier des échanges de « Réfection de la toiture du gymnase » (PDF) : ${total} entrées, jusqu'à celle-ci (n° ${mark.sequence}).`,
    );
    expect(annex).not.toContain("Vitres Claires");
  });

  it("has the report's headings, in French, and the buyer's and procurement's identification", () => {
    for (const heading of [
      "Dossier des échanges de sourcing",
      "1. Identification",
      "2. Synthèse des mesures de sourcing",
      "3. Égalité de traitement",
      "3.1 Questionnaires rendus publics",
      "3.2 Précisions publiées pour toutes les entreprises",
      "3.3 Invitations à répondre",
      "3.4 Supports des événements",
      "3.5 Comptes rendus d'entretien",
      "3.6 Justifications données à la vigilance prix",
      "4. Entreprises concernées",
      "5. Intégrité et vérification",
      "Annexe : chronologie complète",
    ])
      expect(text).toContain(heading);
    expect(text.indexOf("1. Identification")).toBeLessThan(text.indexOf("5. Intégrité et vérification"));
    expect(pages[0]).toContain("Ville de Vénissieux");
    expect(pages[0]).toContain("Réfection de la toiture du gymnase");
    expect(pages[0]).toContain("1er semestre 2027");
    expect(pages[0]).toContain("avis BOAMP 27-000123");
  });

  it("counts the sourcing measures from the entries", async () => {
    const scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
    const count = (kind: string) =>
      db.ledgerRecord.count({ where: { AND: [scope.where, { kind }, { sequence: { lte: mark.sequence } }] } });
    expect(text).toContain(`Invitations à répondre ${await count("sourcing.invitation_sent")} `);
    expect(text).toContain(`Rendez-vous réservés ${await count("meeting.slot_booked")} `);
    expect(text).toContain(`Événements publiés ${await count("meeting.event_published")} `);
    expect(text).toContain(`Échanges hors plateforme ${await count("manual.exchange")} `);
    expect(text).toContain("Liens de connexion et rappels envoyés 0 — —");
    expect(text).toContain("4 entreprises concernées, 1 questionnaire, 3 événements.");
    expect(text).toContain("Échanges hors plateforme inscrits à la main : courriel : 1, téléphone : 1.");
  });

  it("states the equal-treatment facts: versions and their hashes, clarifications, identical invitations, materials, notes", async () => {
    const version = await db.questionnaireVersion.findFirstOrThrow({
      where: { questionnaireId: built.questionnaireId },
    });
    expect(compact).toContain(version.contentHash);
    expect(text).toContain("Question : Une visite du site est-elle prévue ?");
    expect(text).toContain("Réponse : Oui, ouverte à toutes les entreprises, pendant la consultation.");
    const invitations = await db.ledgerRecord.findMany({
      where: { kind: "sourcing.invitation_sent", plannedProcurementId: built.procurementId },
    });
    const hashes = new Set(invitations.map((record) => parsePayload(record.payload).messageHash));
    expect(invitations).toHaveLength(2);
    expect(hashes.size).toBe(1);
    expect(text).toContain("Les 2 invitations ont reçu exactement le même message");
    expect(compact).toContain(`(empreinteSHA-256${[...hashes][0]})`);
    expect(text).toContain("Zinguerie du Rhône choisie dans l'annuaire");
    expect(text).toContain("contact@couverture-exemple.fr adresse saisie");
    expect(text).toContain("Diaporama du webinaire");
    expect(text).toContain("publié pour toutes les entreprises");
    expect(text).toContain("Onze entreprises ont suivi la présentation des besoins.");
    expect(text).toContain("Aucune justification n'a été nécessaire.");
  });

  it("lists the suppliers involved and what concerns each", () => {
    const section = text.slice(text.indexOf("4. Entreprises concernées"), text.indexOf("5. Intégrité et vérification"));
    for (const name of ["Couvreurs Associés", "Zinguerie du Rhône", "Toits Verts", "Charpentes Perret"])
      expect(section).toContain(name);
    expect(section).toContain(built.suppliers.a.organization.siret!);
    expect(section).toContain("Réponse déposée (1)");
    expect(section).toContain("Échange hors plateforme (2)");
  });

  it("numbers its pages, and says the chain holds and how to verify it", async () => {
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} sur ${pages.length}`));
    expect(text).toContain("s'enchaînent sans rupture");
    expect(text).not.toContain("Alerte");
    // The checkpoint signed for this export covers it, with the fingerprint of the published key.
    const checkpoint = await db.ledgerCheckpoint.findFirst({ orderBy: { id: "desc" } });
    expect(checkpoint).toMatchObject({ reason: "export", status: "intact" });
    expect(text).toContain(
      `Point de contrôle signé entrée n° ${checkpoint!.sequence}, empreinte ${checkpoint!.headHash}`,
    );
    expect(text).toContain(`Empreinte de la clé publique ${checkpoint!.keyId.match(/.{4}/g)!.join(" ")}`);
    expect(text).toContain("node scripts/verify-export.mjs export.json");
    expect(text).toContain("http://localhost:3000/registre/verifier");
    expect(text).toContain("http://localhost:3000/registre/cles.json");
  });
});

describe("invitations that did not all carry the same message", () => {
  it("says so, with the invitations of each message", async () => {
    const setup = await publishedQuestionnaire({ buyerName: "Commune de Givors" });
    const { buyer, organization, questionnaireId } = setup;
    must(
      await inviteSuppliers(
        buyer.actor,
        organization,
        questionnaireId,
        { emails: ["premiere@exemple.fr"], organizationIds: [] },
        { ip: "10.0.0.2" },
      ),
    );
    await sendQueuedInvitations();
    // The deadline moves (version 2): an invitation sent afterwards announces another date.
    must(
      await saveDraftDetails(organization, questionnaireId, await draftRevision(questionnaireId), {
        title: "Toitures : connaître le marché",
        introduction: "Nous préparons la réfection d'une toiture.",
        deadline: openDayFrom(60),
      }),
    );
    must(
      await publishQuestionnaire(buyer.actor, organization, questionnaireId, {
        revision: await draftRevision(questionnaireId),
        changeNote: "La date limite est repoussée de deux semaines.",
      }),
    );
    must(
      await inviteSuppliers(
        buyer.actor,
        organization,
        questionnaireId,
        { emails: ["seconde@exemple.fr"], organizationIds: [] },
        { ip: "10.0.0.2" },
      ),
    );
    await sendQueuedInvitations();
    const invitations = await db.ledgerRecord.findMany({
      where: { kind: "sourcing.invitation_sent", plannedProcurementId: setup.procurementId },
      orderBy: { sequence: "asc" },
    });
    const [first, second] = invitations.map((record) => ({
      sequence: record.sequence,
      hash: parsePayload(record.payload).messageHash as string,
    }));
    expect(first!.hash).not.toBe(second!.hash);

    const file = await exportOf(organization.id, setup.procurementId, "pdf", recordActorOf(buyer));
    const text = (await pdfPages(file.body)).join(" ");
    expect(text).toContain("Les invitations n'ont pas toutes reçu le même message : 2 messages différents.");
    expect(text).toContain(`Empreinte ${first!.hash.slice(0, 16)}… : 1 invitation (n° ${first!.sequence}).`);
    expect(text).toContain(`Empreinte ${second!.hash.slice(0, 16)}… : 1 invitation (n° ${second!.sequence}).`);
    expect(text).not.toContain("ont reçu exactement le même message");
    // The new version and its change note are in the questionnaires' table.
    expect(text).toContain("Changement : La date limite est repoussée de deux semaines.");
  });
});

describe("the CSV", () => {
  it("has a byte order mark, French headers, one line per entry, and quotes ';', quotes and line breaks", async () => {
    const scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
    const tricky = 'Appel ; l\'entreprise a dit "oui, sans réserve".\nDeuxième ligne du résumé.';
    const entry = must(
      await recordManualExchange(
        actor,
        scope,
        {
          exchangedOn: addDays(todayInParis(), -2),
          channel: "phone",
          supplierName: "Étanchéité Dubois",
          summary: tricky,
        },
        null,
      ),
    );
    const file = await exportOf(built.organization.id, built.procurementId, "csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await new Response(file.body).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const raw = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(raw.split("\r\n")[0]).toBe(RECORD_CSV_HEADERS.map((header) => `"${header}"`).join(";"));
    expect(raw.split("\r\n")[0]).toContain('"N°";"Inscrit le";"Jour de l\'échange";"Type"');
    expect(raw).toContain('"Appel ; l\'entreprise a dit ""oui, sans réserve"".\nDeuxième ligne du résumé."');

    const [header, ...rows] = parseCsv(raw);
    const column = (name: string) => header!.indexOf(name);
    const total = await db.ledgerRecord.count({
      where: { AND: [scope.where, { sequence: { lte: file.mark.sequence } }] },
    });
    expect(rows).toHaveLength(total);
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
    const written = rows.find((row) => row[column("N°")] === String(entry.sequence))!;
    expect(written[column("Texte de l'échange")]).toBe(tricky);
    expect(written[column("Type")]).toBe("Échange hors plateforme");
    expect(written[column("Organisations")]).toBe("Ville de Vénissieux");
    expect(written[column("Entreprises")]).toBe("Étanchéité Dubois");
    const stored = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: entry.sequence } });
    expect(written[column("Empreinte SHA-256")]).toBe(stored.hash);
    expect(written[column("Contenu inscrit (JSON)")]).toBe(stored.payload);
    // The export's own record is the last line.
    const last = rows.at(-1)!;
    expect(last[column("N°")]).toBe(String(file.mark.sequence));
    expect(last[column("Code du type")]).toBe("record.exported");
    expect(parsePayload(last[column("Contenu inscrit (JSON)")]!)).toEqual({
      format: "csv",
      recordCount: total,
      lastSequence: file.mark.sequence,
    });
  });
});

describe("a record of 2,000 entries", () => {
  it("exports whole to PDF and CSV", { timeout: 120_000 }, async () => {
    const buyer = await createBuyer({ name: "Département du Rhône", departement: "69" });
    const procurement = must(await createPlannedProcurement(buyer.actor, buyer.organization, input()));
    await appendQuickly(
      buyer.organization.id,
      Array.from({ length: 2_000 }, (_, index) => ({
        plannedProcurementId: procurement.id,
        summary: `Échange n° ${index + 1} avec une entreprise du territoire au sujet du calendrier des travaux et des contraintes d'accès au site.`,
      })),
    );
    const who = recordActorOf(buyer);
    const pdf = await exportOf(buyer.organization.id, procurement.id, "pdf", who);
    const pages = await pdfPages(pdf.body);
    expect(pages.length).toBeGreaterThan(40);
    const text = pages.join(" ");
    expect(text).toContain("Les 2 001 entrées du dossier");
    expect(text).toContain("Échange n° 2000 avec une entreprise");
    expect(pages.at(-1)).toContain(`Page ${pages.length} sur ${pages.length}`);
    expect(pages.at(-1)).toContain(`jusqu'à celle-ci (n° ${pdf.mark.sequence})`);

    const csv = await exportOf(buyer.organization.id, procurement.id, "csv", who);
    const rows = parseCsv(new TextDecoder().decode(await new Response(csv.body).arrayBuffer()));
    expect(rows).toHaveLength(1 + 2_002);
  });
});

describe("pure pieces", () => {
  it("writes text the standard fonts can print", () => {
    expect(pdfText("Œuvre « été » — 12 000 € ; naïve")).toBe("Œuvre « été » — 12 000 € ; naïve");
    expect(pdfText("Łódź Spółka")).toBe("Lódz Spólka");
    expect(pdfText("2\u202f001 entrées")).toBe("2\u00a0001 entrées");
    expect(pdfText("Ωmega ✓")).toBe("?mega ?");
    expect(pdfText("a\r\nb\tc\u200bd")).toBe("a\nb cd");
  });

  it("names the file after the reference, or the id, and the day", () => {
    expect(recordExportFileName({ id: "abc", reference: "MAPA 2027/04 – Toitures" }, "pdf", "2027-03-08")).toBe(
      "dossier-MAPA-2027-04-Toitures-2027-03-08.pdf",
    );
    expect(recordExportFileName({ id: "abc", reference: null }, "csv", "2027-03-08")).toBe(
      "dossier-abc-2027-03-08.csv",
    );
    expect(recordExportFileName({ id: "abc", reference: "«»" }, "csv", "2027-03-08")).toBe(
      "dossier-abc-2027-03-08.csv",
    );
  });

  it("compares the invitations' messages", () => {
    const at = new Date();
    const invitation = (sequence: number, messageHash: string | null, subject = "Invitation") => ({
      sequence,
      at,
      invitee: `n${sequence}`,
      fromDirectory: false,
      messageHash,
      subject,
    });
    expect(checkInvitations("Q", [invitation(1, "a"), invitation(2, "a")])).toMatchObject({
      identical: true,
      unrecorded: 0,
    });
    expect(checkInvitations("Q", [invitation(1, "a"), invitation(2, "b"), invitation(3, "b")])).toMatchObject({
      identical: false,
      groups: [
        { messageHash: "b", sequences: [2, 3] },
        { messageHash: "a", sequences: [1] },
      ],
    });
    // Written before the hash was kept: compared by subject only.
    expect(checkInvitations("Q", [invitation(1, null), invitation(2, null)])).toMatchObject({
      identical: true,
      unrecorded: 2,
      unrecordedSubjects: ["Invitation"],
    });
    expect(checkInvitations("Q", [invitation(1, null, "A"), invitation(2, null, "B")])).toMatchObject({
      identical: false,
    });
  });
});

describe("a text longer than a page", () => {
  it("is cut with an ellipsis in the PDF's annex, and kept whole in the CSV", async () => {
    const scope = (await loadRecordScope(built.organization.id, built.procurementId))!;
    const address = `https://exemple.fr/${"a".repeat(300)}`;
    const lines = Array.from({ length: 180 }, (_, index) => `Ligne ${index + 1} du compte rendu.`);
    const text = [address, ...lines].join("\n");
    const entry = must(
      await recordManualExchange(
        actor,
        scope,
        { exchangedOn: todayInParis(), channel: "meeting", supplierName: "Bureau d'études Arnaud", summary: text },
        null,
      ),
    );
    const pages = await pdfPages((await exportOf(built.organization.id, built.procurementId, "pdf")).body);
    const annex = pages.join(" ").slice(pages.join(" ").indexOf("Annexe : chronologie complète"));
    const row = annex.slice(annex.indexOf(`Bureau d'études Arnaud le`));
    // The address, longer than the column, is cut between characters rather than lost.
    expect(row.replace(/\s+/g, "")).toContain(address);
    expect(row).toContain("Ligne 1 du compte rendu.");
    expect(row).not.toContain("Ligne 180 du compte rendu.");
    expect(row).toMatch(/Ligne \d+ du compte[^.]*… [0-9a-f]{12}/);

    const csv = await exportOf(built.organization.id, built.procurementId, "csv");
    const [header, ...rows] = parseCsv(new TextDecoder().decode(await new Response(csv.body).arrayBuffer()));
    const written = rows.find((cells) => cells[0] === String(entry.sequence))!;
    expect(written[header!.indexOf("Texte de l'échange")]).toBe(text);
  });
});

describe("an entry whose personal data was erased", () => {
  it("still verifies, and the PDF and the CSV say which entry was redacted", async () => {
    // What a redaction does (decision 0022): tombstones, the fields' salts erased, their digests kept.
    const stored = await db.ledgerRecord.findUniqueOrThrow({ where: { sequence: built.manualSequence } });
    const salts = JSON.parse(stored.salts!) as Record<string, string>;
    const payload = parsePayload(stored.payload);
    const digests = {
      summary: fieldDigest(salts.summary!, "summary", stored.summary),
      "payload.text": fieldDigest(salts["payload.text"]!, "payload.text", payload.text!),
    };
    delete salts.summary;
    delete salts["payload.text"];
    const raw = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    try {
      raw
        .prepare(
          `UPDATE "LedgerRecord" SET summary = ?, payload = ?, salts = ?, redactedDigests = ?, redactedAt = ? WHERE sequence = ?`,
        )
        .run(
          REDACTED_TEXT,
          canonicalJson({ ...payload, text: REDACTED_TEXT }),
          canonicalJson(salts),
          canonicalJson(digests),
          Date.now(),
          built.manualSequence,
        );
    } finally {
      raw.close();
    }

    const pdf = await exportOf(built.organization.id, built.procurementId, "pdf");
    const text = (await pdfPages(pdf.body)).join(" ");
    expect(text).not.toContain("Alerte");
    expect(text).toContain("s'enchaînent sans rupture");
    expect(text).toContain("1 entrée a vu des données personnelles effacées à la demande de la personne");
    expect(text).toContain("Données personnelles effacées");
    expect(text).not.toContain("Appel de Toits Verts : questions sur le calendrier");

    const csv = await exportOf(built.organization.id, built.procurementId, "csv");
    const [header, ...rows] = parseCsv(new TextDecoder().decode(await new Response(csv.body).arrayBuffer()));
    const row = rows.find((cells) => cells[0] === String(built.manualSequence))!;
    expect(row[header!.indexOf("Données effacées")]).toBe("contenu : text, résumé");
    expect(row[header!.indexOf("Résumé")]).toBe(REDACTED_TEXT);
  });
});

// Last: it breaks the chain of this file's database (and mends it afterwards).
describe("a chain broken behind the triggers", () => {
  it("is named on the PDF's first page and in its integrity section", { timeout: 60_000 }, async () => {
    const file = sqlitePath(process.env.DATABASE_URL!);
    // The launch: a record of the dossier that was not redacted above.
    const original = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "procurement.launched", plannedProcurementId: built.procurementId },
    });
    const sequence = original.sequence;
    const raw = new BetterSqlite3(file);
    let trigger = "";
    try {
      trigger = (
        raw
          .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'LedgerRecord_no_update'`)
          .get() as {
          sql: string;
        }
      ).sql;
      raw.exec(`DROP TRIGGER "LedgerRecord_no_update"`);
      raw.prepare(`UPDATE "LedgerRecord" SET summary = ? WHERE sequence = ?`).run("Réécrit", sequence);
    } finally {
      raw.close();
    }
    try {
      const pdf = await exportOf(built.organization.id, built.procurementId, "pdf");
      const pages = await pdfPages(pdf.body);
      const broken = `l'enregistrement n° ${sequence} ne correspond plus à ce qui a été inscrit (le contenu a été modifié après son enregistrement)`;
      // First page, above the identification.
      expect(pages[0]).toContain("Alerte : le registre des échanges a été modifié");
      expect(pages[0]!.indexOf(broken)).toBeGreaterThan(-1);
      expect(pages[0]!.indexOf(broken)).toBeLessThan(pages[0]!.indexOf("1. Identification"));
      const text = pages.join(" ");
      const integrity = text.slice(text.indexOf("5. Intégrité et vérification"));
      expect(integrity).toContain("Le registre des échanges n'est plus intact");
      expect(integrity).toContain(`Première entrée en défaut : n° ${sequence}.`);
      expect(integrity).not.toContain("s'enchaînent sans rupture (chacune");
      // The annex shows the record as it now reads.
      expect(text).toContain("Réécrit");
    } finally {
      const mend = new BetterSqlite3(file);
      try {
        mend.prepare(`UPDATE "LedgerRecord" SET summary = ? WHERE sequence = ?`).run(original.summary, sequence);
        mend.exec(trigger);
      } finally {
        mend.close();
      }
    }
  });
});
