// What suppliers see and do: open questionnaires (frozen versions only, never the draft), their
// own answers, saving a draft or submitting, tied to exactly one version.
import { todayInParis } from "~/calendar/dates";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import type { Supplier, Viewer } from "./access.server";
import { acceptsAnswers, CLOSED_EARLY_MESSAGE } from "./closing";
import {
  answersJson,
  carryOverAnswers,
  parseAnswers,
  readVersion,
  validateAnswers,
  type Answers,
  type RawAnswers,
} from "./content";

/** Published questionnaires whose deadline has not passed and that the buyer has not closed (the public list). */
export function listOpenQuestionnaires(today = todayInParis()) {
  return db.questionnaire.findMany({
    where: { status: "published", openUntil: { gte: today }, closedEarlyAt: null },
    orderBy: [{ openUntil: "asc" }, { title: "asc" }],
    select: {
      id: true,
      openUntil: true,
      currentVersionNumber: true,
      firstPublishedAt: true,
      organization: { select: { name: true, slug: true, departement: true } },
      plannedProcurement: { select: { id: true, title: true, category: true, cpvCode: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { title: true, publishedAt: true } },
    },
  });
}

/**
 * Published questionnaires for search engines (never drafts or withdrawn ones), open or not: their
 * page stays public. `changedAt` is the last change a visitor sees (a new version, a published
 * clarification, an early closing).
 */
export async function publishedQuestionnairePages(): Promise<{ id: string; changedAt: Date | null }[]> {
  const rows = await db.questionnaire.findMany({
    where: { status: "published", currentVersionNumber: { not: null } },
    orderBy: { firstPublishedAt: "desc" },
    select: {
      id: true,
      closedEarlyAt: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { publishedAt: true } },
      clarifications: {
        where: { publishedAt: { not: null } },
        orderBy: { publishedAt: "desc" },
        take: 1,
        select: { publishedAt: true },
      },
    },
  });
  return rows.map((row) => {
    const dates = [row.versions[0]?.publishedAt, row.clarifications[0]?.publishedAt, row.closedEarlyAt];
    const known = dates.filter((date): date is Date => date instanceof Date);
    return { id: row.id, changedAt: known.length ? new Date(Math.max(...known.map(Number))) : null };
  });
}

/** A published questionnaire as anyone sees it: its current frozen version and published clarifications. */
export async function getPublicQuestionnaire(id: string) {
  const questionnaire = await db.questionnaire.findFirst({
    where: { id, status: "published" },
    select: {
      id: true,
      organizationId: true,
      plannedProcurementId: true,
      currentVersionNumber: true,
      openUntil: true,
      closedEarlyAt: true,
      closedEarlyReason: true,
      organization: { select: { id: true, name: true, slug: true } },
      plannedProcurement: { select: { id: true, title: true } },
      clarifications: {
        where: { publishedAt: { not: null } },
        orderBy: { publishedAt: "asc" },
        select: { id: true, publishedQuestion: true, answer: true, publishedAt: true },
      },
    },
  });
  if (!questionnaire?.currentVersionNumber) return null;
  const version = await db.questionnaireVersion.findUnique({
    where: { questionnaireId_number: { questionnaireId: id, number: questionnaire.currentVersionNumber } },
    select: {
      id: true,
      number: true,
      content: true,
      contentHash: true,
      publishedAt: true,
      changeNote: true,
      deadline: true,
    },
  });
  if (!version) return null;
  const document = readVersion(version.content);
  return {
    questionnaire,
    version,
    document,
    isOpen: acceptsAnswers({ deadline: version.deadline, closedEarlyAt: questionnaire.closedEarlyAt }, todayInParis()),
  };
}
export type PublicQuestionnaire = NonNullable<Awaited<ReturnType<typeof getPublicQuestionnaire>>>;

/** Whether a questionnaire is published: the answer and question forms need no more than that. */
const PUBLISHED_QUESTIONNAIRE_FIELDS = {
  id: true,
  organizationId: true,
  plannedProcurementId: true,
  currentVersionNumber: true,
  closedEarlyAt: true,
} as const;
export type PublishedQuestionnaire = {
  id: string;
  organizationId: string;
  plannedProcurementId: string;
  currentVersionNumber: number | null;
  closedEarlyAt: Date | null;
};

/** A published questionnaire's identity and current version (what an answer form needs), or null. */
export function publishedQuestionnaire(id: string): Promise<PublishedQuestionnaire | null> {
  return db.questionnaire.findFirst({
    where: { id, status: "published", currentVersionNumber: { not: null } },
    select: PUBLISHED_QUESTIONNAIRE_FIELDS,
  });
}

/** The supplier organisation's own responses to this questionnaire, newest version first. */
export function ownResponses(questionnaireId: string, supplierOrganizationId: string) {
  return db.questionnaireResponse.findMany({
    where: { questionnaireId, supplierOrganizationId },
    orderBy: { createdAt: "desc" },
    include: { version: { select: { number: true, content: true } } },
  });
}

/**
 * The answers to show in the form for the current version: the organisation's response to it, or
 * its latest earlier response carried over for unchanged questions.
 */
export async function formAnswersFor(
  questionnaireId: string,
  supplierOrganizationId: string,
  current: { id: string; content: string },
) {
  const responses = await ownResponses(questionnaireId, supplierOrganizationId);
  const onCurrent = responses.find((response) => response.versionId === current.id) ?? null;
  if (onCurrent)
    return {
      answers: parseAnswers(onCurrent.answers),
      response: onCurrent,
      carried: false,
      previous: responses.filter((r) => r !== onCurrent),
    };
  const latest = responses[0];
  if (!latest) return { answers: {} as Answers, response: null, carried: false, previous: [] };
  const answers = carryOverAnswers(
    readVersion(latest.version.content).content,
    readVersion(current.content).content,
    parseAnswers(latest.answers),
  );
  return { answers, response: null, carried: true, previous: responses };
}

/** Whether a member of the supplier organisation has displayed the questionnaire already. */
export async function hasOpened(questionnaireId: string, organizationId: string): Promise<boolean> {
  const seen = await db.questionnaireOpening.findUnique({
    where: { questionnaireId_organizationId: { questionnaireId, organizationId } },
    select: { questionnaireId: true },
  });
  return seen !== null;
}

export type OpeningOutcome = "recorded" | "not-found" | "forbidden";

/**
 * Records that a member of a supplier organisation displayed the questionnaire (the buyer's
 * « Ont ouvert »). The page posts it once the browser shows it, for the organisation it was shown
 * for; the page's GET changes nothing, so that a prefetch, a link scanner or a crawler never counts.
 */
export async function recordOpeningBy(
  viewer: Viewer,
  questionnaireId: string,
  shownForOrganizationId: string,
): Promise<OpeningOutcome> {
  if (!(await publishedQuestionnaire(questionnaireId))) return "not-found";
  if (viewer.kind !== "supplier" || viewer.supplier.organizationId !== shownForOrganizationId) return "forbidden";
  await recordOpening(questionnaireId, viewer.supplier);
  return "recorded";
}

/**
 * First time a supplier organisation opens the questionnaire (the buyer's progress view). It goes
 * on the ledger too: who saw the questionnaire, and which version, is part of the procurement's record.
 */
export async function recordOpening(questionnaireId: string, supplier: Supplier, now = new Date()): Promise<void> {
  const key = { questionnaireId_organizationId: { questionnaireId, organizationId: supplier.organizationId } };
  if (await hasOpened(questionnaireId, supplier.organizationId)) return;
  await write(async (tx) => {
    // Another page view of the same organisation may have been written since the read above.
    if (await tx.questionnaireOpening.findUnique({ where: key, select: { questionnaireId: true } })) return;
    const questionnaire = await tx.questionnaire.findUnique({
      where: { id: questionnaireId },
      select: { organizationId: true, plannedProcurementId: true, title: true, currentVersionNumber: true },
    });
    if (!questionnaire) return;
    const openedAt = new Date(Math.floor(now.getTime()));
    await tx.questionnaireOpening.create({
      data: { questionnaireId, organizationId: supplier.organizationId, firstOpenedAt: openedAt },
    });
    await appendExchange(tx, {
      kind: "sourcing.questionnaire_opened",
      actor: { userId: supplier.userId, label: `${supplier.userName} (${supplier.organizationName})` },
      organizationIds: [questionnaire.organizationId, supplier.organizationId],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary: `${supplier.organizationName} a ouvert le questionnaire « ${questionnaire.title} »${questionnaire.currentVersionNumber ? ` (version n° ${questionnaire.currentVersionNumber})` : ""}.`,
      payload: {
        questionnaireId,
        versionNumber: questionnaire.currentVersionNumber,
        supplierOrganizationId: supplier.organizationId,
      },
      occurredAt: openedAt,
    });
  });
}

export type { Supplier };

export type SaveAnswerResult =
  | {
      ok: true;
      status: "draft" | "submitted";
      responseId: string;
      versionNumber: number;
      kind: "draft" | "submitted" | "updated";
    }
  | { ok: false; message: string; fieldErrors: Record<string, string>; superseded?: { currentVersionNumber: number } };

export const SUPERSEDED_MESSAGE = (current: number) =>
  `L'acheteur vient de publier la version n° ${current} de ce questionnaire. Votre réponse n'a pas été enregistrée sur l'ancienne version : relisez la nouvelle version ci-dessous (vos réponses aux questions inchangées sont reprises), puis enregistrez-la.`;
export const CLOSED_MESSAGE =
  "La date limite de ce questionnaire est passée : les réponses ne peuvent plus être modifiées.";
const NOT_OPEN_MESSAGE = "Ce questionnaire n'existe pas ou n'est pas publié.";

/**
 * Saves (draft) or submits the organisation's answers to version `versionNumber`. The version is
 * checked again inside the transaction: if the buyer published a newer one in between, nothing is
 * written and the supplier is asked to answer the new version. A submitted response can be
 * updated (submitted again) until the deadline; it does not go back to draft.
 */
export async function saveAnswers(
  supplier: Supplier,
  questionnaireId: string,
  versionNumber: number,
  raw: RawAnswers,
  mode: "draft" | "submit",
  now = new Date(),
  /** Already read by the caller (the route checks it before anything else); the transaction checks it again. */
  known?: PublishedQuestionnaire | null,
): Promise<SaveAnswerResult> {
  const questionnaire = known?.id === questionnaireId ? known : await publishedQuestionnaire(questionnaireId);
  if (!questionnaire?.currentVersionNumber) return { ok: false, message: NOT_OPEN_MESSAGE, fieldErrors: {} };
  if (questionnaire.closedEarlyAt) return { ok: false, message: CLOSED_EARLY_MESSAGE, fieldErrors: {} };
  const version =
    Number.isInteger(versionNumber) && versionNumber > 0 ? await frozenVersion(questionnaireId, versionNumber) : null;
  if (!version) return { ok: false, message: NOT_OPEN_MESSAGE, fieldErrors: {} };
  if (versionNumber !== questionnaire.currentVersionNumber) {
    return {
      ok: false,
      message: SUPERSEDED_MESSAGE(questionnaire.currentVersionNumber),
      fieldErrors: {},
      superseded: { currentVersionNumber: questionnaire.currentVersionNumber },
    };
  }
  if (version.deadline < todayInParis(now)) return { ok: false, message: CLOSED_MESSAGE, fieldErrors: {} };
  const validation = validateAnswers(version.content, raw, mode);
  if (!validation.ok) {
    return {
      ok: false,
      message:
        validation.formErrors[0] ??
        "Certaines réponses sont à corriger : voyez les messages sous les questions. Rien n'a été enregistré.",
      fieldErrors: validation.fieldErrors,
    };
  }
  const { json, hash } = answersJson(validation.answers);
  return commitAnswers({
    supplier,
    questionnaire,
    version: { id: version.id, title: version.title },
    versionNumber,
    mode,
    json,
    hash,
    timestamp: new Date(Math.floor(now.getTime())),
  });
}

// A published version never changes (its hash identifies it): it is kept in memory, parsed.
interface FrozenVersion {
  id: string;
  title: string;
  deadline: string;
  content: ReturnType<typeof readVersion>["content"];
}
const frozenVersions = new Map<string, FrozenVersion>();
const FROZEN_VERSIONS_MAX = 200;

async function frozenVersion(questionnaireId: string, number: number): Promise<FrozenVersion | null> {
  const key = `${questionnaireId}:${number}`;
  const cached = frozenVersions.get(key);
  if (cached) return cached;
  const row = await db.questionnaireVersion.findUnique({
    where: { questionnaireId_number: { questionnaireId, number } },
    select: { id: true, content: true, deadline: true, title: true },
  });
  if (!row) return null;
  const version = { id: row.id, title: row.title, deadline: row.deadline, content: readVersion(row.content).content };
  if (frozenVersions.size >= FROZEN_VERSIONS_MAX) frozenVersions.delete(frozenVersions.keys().next().value!);
  frozenVersions.set(key, version);
  return version;
}

interface PreparedAnswers {
  supplier: Supplier;
  questionnaire: { id: string; organizationId: string; plannedProcurementId: string };
  version: { id: string; title: string };
  versionNumber: number;
  mode: "draft" | "submit";
  json: string;
  hash: string;
  timestamp: Date;
}

/** Writes one validated answer set, re-checking the version inside the transaction. */
type CurrentState = { currentVersionNumber: number | null; status: string; closedEarlyAt: Date | null } | null;

async function writeAnswers(
  tx: WriteTransaction,
  input: PreparedAnswers,
  seen = new Map<string, CurrentState>(),
): Promise<SaveAnswerResult> {
  const { supplier, questionnaire, version, versionNumber, mode, json, hash, timestamp } = input;
  const questionnaireId = questionnaire.id;
  // Read once per transaction: nothing else can change it while this transaction holds the writer.
  if (!seen.has(questionnaireId))
    seen.set(
      questionnaireId,
      await tx.questionnaire.findUnique({
        where: { id: questionnaireId },
        select: { currentVersionNumber: true, status: true, closedEarlyAt: true },
      }),
    );
  const current = seen.get(questionnaireId);
  if (!current || current.status !== "published" || !current.currentVersionNumber)
    return { ok: false, message: NOT_OPEN_MESSAGE, fieldErrors: {} };
  // Closed by the buyer while this answer was on its way: refused, even if it was read as open.
  if (current.closedEarlyAt) return { ok: false, message: CLOSED_EARLY_MESSAGE, fieldErrors: {} };
  if (current.currentVersionNumber !== versionNumber) {
    return {
      ok: false,
      message: SUPERSEDED_MESSAGE(current.currentVersionNumber),
      fieldErrors: {},
      superseded: { currentVersionNumber: current.currentVersionNumber },
    };
  }
  // This organisation's responses to the questionnaire (every version): the one to update, and whether it ever submitted.
  const own = await tx.questionnaireResponse.findMany({
    where: { questionnaireId, supplierOrganizationId: supplier.organizationId },
    select: { id: true, versionId: true, status: true },
  });
  const existing = own.find((response) => response.versionId === version.id);
  if (mode === "draft" && existing?.status === "submitted") {
    return {
      ok: false,
      message: "Votre réponse est déjà déposée : utilisez « Mettre à jour ma réponse » pour la modifier.",
      fieldErrors: {},
    };
  }
  const submittedBefore = own.some((response) => response.status === "submitted");
  const data = {
    answers: json,
    status: mode === "submit" ? "submitted" : "draft",
    answersHash: mode === "submit" ? hash : null,
    submittedAt: mode === "submit" ? timestamp : null,
    updatedById: supplier.userId,
  };
  const response = existing
    ? await tx.questionnaireResponse.update({
        where: { id: existing.id },
        data: { ...data, revision: { increment: 1 } },
        select: { id: true },
      })
    : await tx.questionnaireResponse.create({
        data: { ...data, questionnaireId, versionId: version.id, supplierOrganizationId: supplier.organizationId },
        select: { id: true },
      });
  if (mode === "draft") return { ok: true, status: "draft", responseId: response.id, versionNumber, kind: "draft" };
  await appendExchange(tx, {
    kind: submittedBefore ? "sourcing.answer_updated" : "sourcing.answer_submitted",
    actor: { userId: supplier.userId, label: `${supplier.userName} (${supplier.organizationName})` },
    organizationIds: [questionnaire.organizationId, supplier.organizationId],
    plannedProcurementId: questionnaire.plannedProcurementId,
    summary: `${supplier.organizationName} a ${submittedBefore ? "mis à jour sa réponse" : "déposé sa réponse"} au questionnaire « ${version.title} » (version n° ${versionNumber}).`,
    payload: {
      questionnaireId,
      versionId: version.id,
      versionNumber,
      responseId: response.id,
      answersHash: hash,
      supplierOrganizationId: supplier.organizationId,
    },
    occurredAt: timestamp,
  });
  return {
    ok: true,
    status: "submitted",
    responseId: response.id,
    versionNumber,
    kind: submittedBefore ? "updated" : "submitted",
  };
}

// ---- group commit ---------------------------------------------------------------------------------
// Answers that arrive while a batch is being written wait and go together in the next transaction:
// one BEGIN/COMMIT for many submissions when many suppliers answer at once (see docs/decisions/0006).
// Each promise resolves only after its transaction committed. If a batch fails as a whole, each
// of its answers is retried in a transaction of its own, so one bad answer never takes others down.

const MAX_BATCH = 50;
let waiting: {
  input: PreparedAnswers;
  resolve: (result: SaveAnswerResult) => void;
  reject: (error: unknown) => void;
}[] = [];
let batchInFlight = false;

function commitAnswers(input: PreparedAnswers): Promise<SaveAnswerResult> {
  return new Promise((resolve, reject) => {
    waiting.push({ input, resolve, reject });
    void flushAnswers();
  });
}

async function flushAnswers(): Promise<void> {
  if (batchInFlight || waiting.length === 0) return;
  batchInFlight = true;
  const batch = waiting.slice(0, MAX_BATCH);
  waiting = waiting.slice(MAX_BATCH);
  try {
    const results = await write(async (tx) => {
      const out: SaveAnswerResult[] = [];
      const seen = new Map<string, CurrentState>();
      for (const item of batch) out.push(await writeAnswers(tx, item.input, seen));
      return out;
    });
    batch.forEach((item, index) => item.resolve(results[index]!));
  } catch (error) {
    if (batch.length === 1) batch[0]!.reject(error);
    else
      await Promise.all(
        batch.map((item) => write((tx) => writeAnswers(tx, item.input)).then(item.resolve, item.reject)),
      );
  } finally {
    batchInFlight = false;
    void flushAnswers();
  }
}

/** The open questionnaire on a planned procurement (the latest published), for the public procurement page. */
export async function openQuestionnaireFor(plannedProcurementId: string, today = todayInParis()) {
  const found = await db.questionnaire.findFirst({
    where: { plannedProcurementId, status: "published", openUntil: { gte: today }, closedEarlyAt: null },
    orderBy: { firstPublishedAt: "desc" },
    select: { id: true, openUntil: true, versions: { orderBy: { number: "desc" }, take: 1, select: { title: true } } },
  });
  return found ? { id: found.id, openUntil: found.openUntil!, title: found.versions[0]?.title ?? "" } : null;
}
