// What the buyer reads: progress, per-question summaries, each response, exports. Every function
// takes the buyer organisation's id and finds nothing for another organisation's questionnaire:
// answers are visible only to the buyer organisation's members and to the answering supplier.
// The buyer reads submitted answers only: a draft belongs to the supplier's members until they
// submit it (the answer page promises so), so no function here counts, lists or shows one.
import { db, write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { parseAnswers, readVersion } from "./content";
import { responsesCsv, summarise, type ResponseRow } from "./summary";

/** The only responses a buyer ever reads. */
const SUBMITTED = { status: "submitted" } as const;

async function ownedQuestionnaire(buyerOrganizationId: string, questionnaireId: string) {
  return db.questionnaire.findFirst({
    where: { id: questionnaireId, organizationId: buyerOrganizationId },
    select: { id: true, title: true, plannedProcurementId: true, currentVersionNumber: true, organizationId: true },
  });
}

/** Whether the questionnaire is this buyer organisation's. */
export async function ownsQuestionnaire(buyerOrganizationId: string, questionnaireId: string): Promise<boolean> {
  return (await ownedQuestionnaire(buyerOrganizationId, questionnaireId)) !== null;
}

export async function progressOf(buyerOrganizationId: string, questionnaireId: string) {
  const questionnaire = await ownedQuestionnaire(buyerOrganizationId, questionnaireId);
  if (!questionnaire) return null;
  const [invited, opened, responses] = await Promise.all([
    db.questionnaireInvitation.count({ where: { questionnaireId } }),
    db.questionnaireOpening.count({ where: { questionnaireId } }),
    db.questionnaireResponse.findMany({
      where: { questionnaireId, ...SUBMITTED },
      select: { supplierOrganizationId: true, version: { select: { number: true } } },
    }),
  ]);
  const submittedOnCurrent = responses.filter(
    (response) => response.version.number === questionnaire.currentVersionNumber,
  ).length;
  return {
    invited,
    opened,
    submitted: new Set(responses.map((response) => response.supplierOrganizationId)).size,
    submittedOnCurrent,
  };
}

/** The version to read: the requested number if it exists, else the current one. */
async function versionOf(questionnaireId: string, number: number | null, fallback: number | null) {
  const wanted = number ?? fallback;
  if (!wanted) return null;
  return db.questionnaireVersion.findUnique({
    where: { questionnaireId_number: { questionnaireId, number: wanted } },
    select: { id: true, number: true, content: true, contentHash: true, publishedAt: true, deadline: true },
  });
}

async function submittedRows(versionId: string): Promise<ResponseRow[]> {
  const responses = await db.questionnaireResponse.findMany({
    where: { versionId, ...SUBMITTED },
    orderBy: { submittedAt: "asc" },
    select: {
      id: true,
      status: true,
      submittedAt: true,
      updatedAt: true,
      answers: true,
      supplierOrganization: { select: { name: true, siret: true } },
    },
  });
  return responses.map((response) => ({
    id: response.id,
    supplierName: response.supplierOrganization.name,
    supplierSiret: response.supplierOrganization.siret,
    status: response.status,
    submittedAt: response.submittedAt,
    updatedAt: response.updatedAt,
    answers: parseAnswers(response.answers),
  }));
}

/** Summaries of the submitted answers to one version (default: the current one). */
export async function summaryOf(
  buyerOrganizationId: string,
  questionnaireId: string,
  versionNumber: number | null = null,
) {
  const questionnaire = await ownedQuestionnaire(buyerOrganizationId, questionnaireId);
  if (!questionnaire) return null;
  const version = await versionOf(questionnaireId, versionNumber, questionnaire.currentVersionNumber);
  if (!version) return { questionnaire, version: null, document: null, rows: [], summaries: [] };
  const document = readVersion(version.content);
  const rows = await submittedRows(version.id);
  return { questionnaire, version, document, rows, summaries: summarise(document.content, rows) };
}

export const RESPONSE_NOT_FOUND_MESSAGE =
  "Cette réponse n'existe pas, ou ne concerne pas un questionnaire de votre organisation.";

/** One submitted response, for the buyer that owns the questionnaire (null for a draft). */
export async function buyerResponse(buyerOrganizationId: string, questionnaireId: string, responseId: string) {
  const response = await db.questionnaireResponse.findFirst({
    where: { id: responseId, questionnaireId, questionnaire: { organizationId: buyerOrganizationId }, ...SUBMITTED },
    include: {
      version: { select: { number: true, content: true, contentHash: true } },
      supplierOrganization: { select: { name: true, siret: true, departement: true, size: true, essStatus: true } },
    },
  });
  if (!response) return null;
  return { response, document: readVersion(response.version.content), answers: parseAnswers(response.answers) };
}

export async function responsesList(buyerOrganizationId: string, questionnaireId: string) {
  const questionnaire = await ownedQuestionnaire(buyerOrganizationId, questionnaireId);
  if (!questionnaire) return null;
  return db.questionnaireResponse.findMany({
    where: { questionnaireId, ...SUBMITTED },
    orderBy: [{ updatedAt: "desc" }],
    select: {
      id: true,
      status: true,
      submittedAt: true,
      updatedAt: true,
      version: { select: { number: true } },
      supplierOrganization: { select: { name: true } },
    },
  });
}

export type ExportFormat = "csv" | "json";

/**
 * The export file's text, with its ledger record (null: not this buyer's). Only a POST may call it:
 * a GET must change nothing, and a link from anywhere could otherwise write on the ledger.
 */
export async function exportResponses(
  actor: { id: string; name: string },
  buyerOrganizationId: string,
  questionnaireId: string,
  format: ExportFormat,
  versionNumber: number | null = null,
) {
  const questionnaire = await ownedQuestionnaire(buyerOrganizationId, questionnaireId);
  if (!questionnaire) return null;
  let body: string;
  let count = 0;
  let exportedVersion: number | null = null;
  if (format === "csv") {
    const version = await versionOf(questionnaireId, versionNumber, questionnaire.currentVersionNumber);
    if (!version) return null;
    const rows = await submittedRows(version.id);
    body = responsesCsv(readVersion(version.content).content, rows);
    count = rows.length;
    exportedVersion = version.number;
  } else {
    const versions = await db.questionnaireVersion.findMany({ where: { questionnaireId }, orderBy: { number: "asc" } });
    const all = await Promise.all(
      versions.map(async (version) => {
        const rows = await submittedRows(version.id);
        count += rows.length;
        return {
          number: version.number,
          publishedAt: version.publishedAt.toISOString(),
          deadline: version.deadline,
          contentHash: version.contentHash,
          changeNote: version.changeNote,
          questionnaire: JSON.parse(version.content) as unknown,
          responses: rows.map((row) => ({
            supplier: { name: row.supplierName, siret: row.supplierSiret },
            submittedAt: row.submittedAt?.toISOString() ?? null,
            answers: row.answers,
          })),
        };
      }),
    );
    body = `${JSON.stringify({ questionnaireId, title: questionnaire.title, exportedAt: new Date().toISOString(), versions: all }, null, 2)}\n`;
  }
  await write((tx) =>
    appendExchange(tx, {
      kind: "sourcing.exported",
      actor: { userId: actor.id, label: actor.name },
      organizationIds: [buyerOrganizationId],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary: `${actor.name} a exporté les ${count} réponse${count > 1 ? "s" : ""} déposée${count > 1 ? "s" : ""} au questionnaire « ${questionnaire.title} » (${format.toUpperCase()}${exportedVersion ? `, version n° ${exportedVersion}` : ", toutes les versions"}).`,
      payload: { questionnaireId, format, versionNumber: exportedVersion, responseCount: count },
    }),
  );
  return { body, title: questionnaire.title, count };
}
