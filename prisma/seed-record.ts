// Demo record entries (issue 15): the Métropole's procurement that has the open questionnaire and
// the reverse fair gets two exchanges recorded by hand (a phone call, and a visit with its report
// attached as a small PDF written here), and the Agglomération's procurement whose questionnaire is
// closed is marked launched. Built through the domain (recordManualExchange, markProcurementLaunched),
// so the ledger and the data folder hold what real use would.
import { addDays, todayInParis } from "../app/calendar/dates";
import { db } from "../app/db/db.server";
import { markProcurementLaunched } from "../app/plan/launch.server";
import { recordManualExchange } from "../app/record/manual.server";
import { loadRecordScope } from "../app/record/record.server";

export interface DemoRecordSummary {
  manualEntries: number;
  launched: number;
  ledgerRecords: number;
}

/**
 * A one-page PDF (A4, Helvetica) with these lines, valid enough for any reader: the cross-reference
 * table's offsets are computed. Text is Latin-1 (WinAnsiEncoding covers French accents).
 */
export function simplePdf(lines: readonly string[]): Buffer {
  const escape = (line: string) => line.replace(/[\\()]/g, (character) => `\\${character}`);
  const content = ["BT", "/F1 11 Tf", "16 TL", "56 800 Td", ...lines.map((line) => `(${escape(line)}) '`), "ET"].join(
    "\n",
  );
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  for (const [index, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(pdf, "latin1"));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

async function adminOf(slug: string) {
  const organization = await db.organization.findUniqueOrThrow({
    where: { slug },
    select: {
      id: true,
      name: true,
      memberships: {
        where: { role: "admin" },
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { user: { select: { id: true, name: true } } },
      },
    },
  });
  const admin = organization.memberships[0]?.user;
  if (!admin) throw new Error(`Demo organisation ${slug} has no administrator`);
  return { organization, admin };
}

function must<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`Demo record: ${what} failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

export async function seedDemoRecord(): Promise<DemoRecordSummary> {
  const before = await db.ledgerRecord.count();
  const today = todayInParis();

  // ---- the Métropole: the procurement with the open questionnaire and the fair ----------------------
  const metropole = await adminOf("metropole-rhone-confluence");
  const procurement = await db.plannedProcurement.findFirst({
    where: {
      organizationId: metropole.organization.id,
      questionnaires: { some: { status: "published" } },
      events: { some: {} },
    },
    select: { id: true },
  });
  if (!procurement) throw new Error("Demo record: no Métropole procurement has both a questionnaire and an event");
  const scope = (await loadRecordScope(metropole.organization.id, procurement.id))!;
  const actor = {
    userId: metropole.admin.id,
    name: metropole.admin.name,
    organizationId: metropole.organization.id,
    organizationName: metropole.organization.name,
  };
  // Not Menuiserie Perrin: fournisseur@amont.test keeps a clean slate to try the demo.
  const garnier = await db.organization.findUniqueOrThrow({
    where: { slug: "electricite-garnier" },
    select: { id: true },
  });
  must(
    await recordManualExchange(
      actor,
      scope,
      {
        exchangedOn: addDays(today, -12),
        channel: "phone",
        supplierOrganizationId: garnier.id,
        summary:
          "Appel de Damien Garnier, qui n'a pas fini sa réponse au questionnaire : il demande si l'électricité fera un lot à part. Réponse : le découpage en lots n'est pas arrêté ; la question et sa réponse seront publiées pour toutes les entreprises sur la page du questionnaire.",
      },
      null,
    ),
    "the phone call",
  );
  const visitDay = addDays(today, -6);
  const report = simplePdf([
    "Métropole Rhône-Confluence - Direction des bâtiments",
    "",
    "Compte rendu de visite du groupe scolaire Jean-Macé",
    `Visite du ${visitDay.split("-").reverse().join("/")}, avec l'entreprise Thermi-Loire, à sa demande.`,
    "",
    "Objet : montrer l'état des chaufferies et des combles avant la consultation.",
    "Aucun prix ni aucune condition du futur marché n'ont été évoqués.",
    "La même visite sera proposée à toutes les entreprises pendant la consultation.",
  ]);
  const thermi = await db.organization.findUniqueOrThrow({
    where: { slug: "thermi-loire" },
    select: { name: true, siret: true },
  });
  must(
    await recordManualExchange(
      actor,
      scope,
      {
        exchangedOn: visitDay,
        channel: "visit",
        // Typed by name and SIRET, as a buyer would for a company met elsewhere: Amont links it to the directory.
        supplierName: thermi.name,
        supplierSiret: thermi.siret ?? undefined,
        summary:
          "Visite du groupe scolaire avec Thermi-Loire, qui l'avait demandée : état des chaufferies et des combles. Compte rendu joint.",
      },
      { fileName: "compte-rendu-visite-jean-mace.pdf", size: report.byteLength, bytes: report },
    ),
    "the visit",
  );

  // ---- the Agglomération: the procurement whose questionnaire is closed is launched -----------------
  const agglo = await adminOf("agglo-picardie-somme");
  const closed = await db.plannedProcurement.findFirst({
    where: { organizationId: agglo.organization.id, questionnaires: { some: { status: "published" } } },
    select: { id: true },
  });
  if (!closed) throw new Error("Demo record: the Agglomération has no procurement with a questionnaire");
  must(
    await markProcurementLaunched(
      { id: agglo.admin.id, name: agglo.admin.name },
      { id: agglo.organization.id, name: agglo.organization.name },
      closed.id,
      {
        launchedOn: addDays(today, -4),
        noticeReference: `BOAMP ${today.slice(2, 4)}-104512`,
        // The buyer profile of a demo buyer: a reserved .example address, never a real notice.
        noticeUrl: `https://marches.agglo-picardie-somme.example/consultations/${today.slice(0, 4)}-014`,
      },
    ),
    "the launch",
  );

  return { manualEntries: 2, launched: 1, ledgerRecords: (await db.ledgerRecord.count()) - before };
}
