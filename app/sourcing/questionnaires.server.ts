// Sourcing questionnaires on the buyer's side: create one for a planned procurement, edit the
// draft under its revision, publish it as a frozen version (canonical JSON + SHA-256) with its
// ledger record, and tell every supplier who answered an earlier version in the same words.
import { scheduleImmediateAlerts } from "~/alerts/delivery.server";
import { getPlatformSettingInt, loadBlockPolicies, loadCalendarContext } from "~/calendar/calendar.server";
import { formatDateFr, todayInParis } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { env } from "~/env.server";
import { appendExchange } from "~/ledger/ledger.server";
import { mayPublish } from "~/organizations/verification.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { requireBuyerRecord } from "~/plan/access.server";
import {
  GUARD_JUSTIFICATION_MIN_LENGTH,
  scanForPriceNegotiation,
  type PriceGuardFinding,
} from "~/price-guard/price-guard";
import { applyOperation, type BuilderOperation } from "./builder";
import { contentProblems, freezeVersion, guardedTexts, parseContent, type QuestionnaireContent } from "./content";
import { checkQuestionnaireDeadline, SOURCING_MIN_OPEN_DAYS, type DeadlineCheck } from "./deadline";

export interface Actor {
  id: string;
  name: string;
}

export interface BuyerOrganization {
  id: string;
  name: string;
  departement: string;
}

export const CONCURRENT_DRAFT_MESSAGE =
  "Un autre membre de votre organisation a modifié ce questionnaire pendant que vous le modifiiez. Rien n'a été enregistré : la page montre maintenant sa version, refaites votre changement.";
export const NOT_FOUND_MESSAGE = "Ce questionnaire n'existe pas, ou n'appartient pas à votre organisation.";

export function questionnaireUrl(id: string): string {
  return `${env().appOrigin}/sourcing/${id}`;
}

/** The buyer's questionnaire (null when it belongs to another organisation: nothing leaks). */
export function getBuyerQuestionnaire(organizationId: string, id: string) {
  return db.questionnaire.findFirst({
    where: { id, organizationId },
    include: {
      plannedProcurement: { select: { id: true, title: true, cpvCode: true, status: true } },
      versions: {
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          publishedAt: true,
          contentHash: true,
          changeNote: true,
          deadline: true,
          guardJustification: true,
        },
      },
    },
  });
}
export type BuyerQuestionnaire = NonNullable<Awaited<ReturnType<typeof getBuyerQuestionnaire>>>;

/** The buyer member and one of their organisation's questionnaires; a French 404 otherwise. */
export async function requireBuyerQuestionnaire(request: Request, id: string) {
  const { buyer, record } = await requireBuyerRecord(
    request,
    (organizationId) => getBuyerQuestionnaire(organizationId, id),
    NOT_FOUND_MESSAGE,
  );
  return { buyer, questionnaire: record };
}

export function listBuyerQuestionnaires(organizationId: string) {
  return db.questionnaire.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "desc" }],
    include: {
      plannedProcurement: { select: { id: true, title: true } },
      _count: { select: { responses: { where: { status: "submitted" } } } },
      clarifications: { where: { publishedAt: null }, select: { id: true } },
    },
  });
}

/** The organisation's questionnaires on one of its planned procurements, oldest first. */
export function questionnairesForProcurement(organizationId: string, plannedProcurementId: string) {
  return db.questionnaire.findMany({
    where: { plannedProcurementId, organizationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, status: true, currentVersionNumber: true },
  });
}

export type CreateResult = { ok: true; id: string } | { ok: false; fieldErrors: Record<string, string[]> };

export async function createQuestionnaire(
  actor: Actor,
  organization: BuyerOrganization,
  input: { plannedProcurementId: string; title: string; introduction: string },
): Promise<CreateResult> {
  return write(async (tx) => {
    const procurement = await tx.plannedProcurement.findFirst({
      where: { id: input.plannedProcurementId, organizationId: organization.id },
      select: { id: true, status: true },
    });
    if (!procurement)
      return {
        ok: false,
        fieldErrors: { plannedProcurementId: ["Choisissez un des achats prévus de votre organisation."] },
      };
    if (procurement.status === "abandoned")
      return {
        ok: false,
        fieldErrors: { plannedProcurementId: ["Cet achat a été retiré : il ne peut plus recevoir de questionnaire."] },
      };
    const created = await tx.questionnaire.create({
      data: {
        organizationId: organization.id,
        plannedProcurementId: procurement.id,
        title: input.title,
        introduction: input.introduction,
        draftContent: JSON.stringify({ sections: [{ id: "s1", title: "", questions: [] }] }),
        createdById: actor.id,
      },
      select: { id: true },
    });
    return { ok: true, id: created.id };
  });
}

async function calendarFor(organization: BuyerOrganization) {
  const [ctx, policies] = await Promise.all([
    loadCalendarContext(organization.departement, organization.id),
    loadBlockPolicies(organization.id),
  ]);
  return { ctx, policies };
}

/** The platform may raise or lower the default minimum window (setting "sourcing.minimumOpenDays"). */
export const MINIMUM_OPEN_DAYS_SETTING = "sourcing.minimumOpenDays";

export async function checkDeadlineFor(
  organization: BuyerOrganization,
  deadline: string,
  justification: string | null | undefined,
  publicationDay = todayInParis(),
): Promise<DeadlineCheck> {
  const [{ ctx, policies }, minimumOpenDays] = await Promise.all([
    calendarFor(organization),
    getPlatformSettingInt(MINIMUM_OPEN_DAYS_SETTING, SOURCING_MIN_OPEN_DAYS),
  ]);
  return checkQuestionnaireDeadline(ctx, policies, { deadline, justification, publicationDay, minimumOpenDays });
}

export type DraftResult =
  | { ok: true; revision: number }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; proposal?: string; concurrent?: boolean };

async function guardedDraftWrite(
  organizationId: string,
  id: string,
  revision: number,
  change: (current: { draftContent: string }) => { data: Record<string, unknown> } | { error: string },
): Promise<DraftResult> {
  return write(async (tx) => {
    const current = await tx.questionnaire.findFirst({
      where: { id, organizationId },
      select: { draftRevision: true, draftContent: true, status: true },
    });
    if (!current) return { ok: false, message: NOT_FOUND_MESSAGE };
    if (current.status === "withdrawn") return { ok: false, message: "Ce questionnaire est retiré." };
    if (current.draftRevision !== revision) return { ok: false, message: CONCURRENT_DRAFT_MESSAGE, concurrent: true };
    const outcome = change(current);
    if ("error" in outcome) return { ok: false, message: outcome.error };
    // The revision in the WHERE makes the check and the write one step, even for another process.
    const updated = await tx.questionnaire.updateMany({
      where: { id, draftRevision: revision },
      data: { ...outcome.data, draftRevision: { increment: 1 } },
    });
    if (updated.count !== 1) return { ok: false, message: CONCURRENT_DRAFT_MESSAGE, concurrent: true };
    return { ok: true, revision: revision + 1 };
  });
}

/** Title, introduction and deadline of the draft (the deadline checked against the calendar). */
export async function saveDraftDetails(
  organization: BuyerOrganization,
  id: string,
  revision: number,
  input: { title: string; introduction: string; deadline?: string | null; deadlineJustification?: string | null },
  today = todayInParis(),
): Promise<DraftResult> {
  let justification: string | null = null;
  if (input.deadline) {
    const check = await checkDeadlineFor(organization, input.deadline, input.deadlineJustification, today);
    if (!check.ok) {
      const fieldErrors: Record<string, string[]> = {};
      if (check.deadlineError) fieldErrors.deadline = [check.deadlineError];
      if (check.justificationError) fieldErrors.deadlineJustification = [check.justificationError];
      return { ok: false, message: "La date limite ne convient pas.", fieldErrors, proposal: check.proposal };
    }
    justification = check.justification;
  }
  return guardedDraftWrite(organization.id, id, revision, () => ({
    data: {
      title: input.title,
      introduction: input.introduction,
      deadline: input.deadline ?? null,
      deadlineJustification: justification,
    },
  }));
}

/** One builder operation (add, edit, move, remove) on the draft's sections and questions. */
export function applyDraftOperation(
  organizationId: string,
  id: string,
  revision: number,
  operation: BuilderOperation,
): Promise<DraftResult> {
  return guardedDraftWrite(organizationId, id, revision, (current) => {
    const result = applyOperation(parseContent(current.draftContent), operation);
    if (!result.ok) return { error: result.message };
    return { data: { draftContent: JSON.stringify(result.content) } };
  });
}

// ---- publication ------------------------------------------------------------------------------

export interface PublicationCheck {
  findings: PriceGuardFinding[];
  problems: string[];
  deadline: DeadlineCheck | null;
  unchanged: boolean;
  nextNumber: number;
}

/** What stands between the draft and its publication (shown on the builder before publishing). */
export async function checkPublication(
  organization: BuyerOrganization,
  questionnaire: {
    title: string;
    introduction: string;
    draftContent: string;
    deadline: string | null;
    deadlineJustification: string | null;
    currentVersionNumber: number | null;
    openUntil: string | null;
    id: string;
    closedEarlyAt?: Date | null;
  },
  today = todayInParis(),
): Promise<PublicationCheck> {
  const content = parseContent(questionnaire.draftContent);
  const findings = scanForPriceNegotiation(
    guardedTexts({ title: questionnaire.title, introduction: questionnaire.introduction, content }),
  );
  const problems = contentProblems(content);
  const verification = await mayPublish(db, organization.id);
  if (!verification.ok) problems.unshift(verification.message);
  if (questionnaire.closedEarlyAt)
    problems.push(
      "Ce questionnaire est clos : il ne peut plus changer. Pour consulter de nouveau les entreprises, créez un nouveau questionnaire.",
    );
  if (!questionnaire.title.trim()) problems.push("Donnez un titre au questionnaire.");
  let deadline: DeadlineCheck | null = null;
  if (!questionnaire.deadline) problems.push("Choisissez la date limite de réponse.");
  else if (questionnaire.deadline !== questionnaire.openUntil) {
    // A deadline kept from the previous version was accepted then; a new one is checked from today.
    deadline = await checkDeadlineFor(organization, questionnaire.deadline, questionnaire.deadlineJustification, today);
    if (!deadline.ok)
      problems.push(deadline.deadlineError ?? deadline.justificationError ?? "La date limite ne convient pas.");
  } else if (questionnaire.deadline < today) {
    problems.push("La date limite est passée : choisissez-en une nouvelle pour publier une nouvelle version.");
  }
  let unchanged = false;
  if (questionnaire.currentVersionNumber && questionnaire.deadline) {
    const current = await db.questionnaireVersion.findUnique({
      where: {
        questionnaireId_number: { questionnaireId: questionnaire.id, number: questionnaire.currentVersionNumber },
      },
      select: { contentHash: true },
    });
    unchanged =
      current?.contentHash ===
      freezeVersion({
        title: questionnaire.title,
        introduction: questionnaire.introduction,
        deadline: questionnaire.deadline,
        content,
      }).contentHash;
    if (unchanged)
      problems.push(
        `Rien n'a changé depuis la version n° ${questionnaire.currentVersionNumber} : il n'y a pas de nouvelle version à publier.`,
      );
  }
  return { findings, problems, deadline, unchanged, nextNumber: (questionnaire.currentVersionNumber ?? 0) + 1 };
}

export type PublishResult =
  | { ok: true; versionNumber: number; contentHash: string; notified: number }
  | {
      ok: false;
      message: string;
      fieldErrors?: Record<string, string[]>;
      findings?: PriceGuardFinding[];
      concurrent?: boolean;
    };

/**
 * Publishes the draft as the next version. Refused while problems remain; with price-guard
 * findings, a written justification is required and goes on the ledger; from version 2 a change
 * note is required and every supplier who started or submitted an answer gets the same email,
 * queued in the publishing transaction.
 */
export async function publishQuestionnaire(
  actor: Actor,
  organization: BuyerOrganization,
  id: string,
  input: { revision: number; changeNote?: string | null; guardJustification?: string | null },
  now = new Date(),
): Promise<PublishResult> {
  const questionnaire = await db.questionnaire.findFirst({
    where: { id, organizationId: organization.id },
    include: { plannedProcurement: { select: { id: true, title: true } } },
  });
  if (!questionnaire) return { ok: false, message: NOT_FOUND_MESSAGE };
  if (questionnaire.draftRevision !== input.revision)
    return { ok: false, message: CONCURRENT_DRAFT_MESSAGE, concurrent: true };
  const check = await checkPublication(organization, questionnaire, todayInParis(now));
  if (check.problems.length > 0) return { ok: false, message: check.problems.join(" ") };
  const fieldErrors: Record<string, string[]> = {};
  const guardJustification = input.guardJustification?.trim() || null;
  if (check.findings.length > 0 && (guardJustification?.length ?? 0) < GUARD_JUSTIFICATION_MIN_LENGTH) {
    fieldErrors.guardJustification = [
      `Le questionnaire semble parler de prix ou de conditions du contrat. Reformulez les passages signalés, ou expliquez ici pourquoi vous publiez quand même (au moins ${GUARD_JUSTIFICATION_MIN_LENGTH} caractères, gardé dans le registre des échanges).`,
    ];
  }
  const number = check.nextNumber;
  const changeNote = input.changeNote?.trim() || null;
  if (number > 1 && (changeNote?.length ?? 0) < 10) {
    fieldErrors.changeNote = [
      "Expliquez ce qui change par rapport à la version précédente (au moins 10 caractères) : ce texte est envoyé aux entreprises qui ont déjà répondu.",
    ];
  }
  if (Object.keys(fieldErrors).length > 0)
    return { ok: false, message: "Le questionnaire n'est pas publié.", fieldErrors, findings: check.findings };

  const content: QuestionnaireContent = parseContent(questionnaire.draftContent);
  const deadline = questionnaire.deadline!;
  const frozen = freezeVersion({
    title: questionnaire.title,
    introduction: questionnaire.introduction,
    deadline,
    content,
  });
  const url = questionnaireUrl(id);
  // One rendering for everybody: the same words at the same moment.
  const notice =
    number > 1
      ? await prepareEmail("sourcing-new-version", {
          buyerName: organization.name,
          questionnaireTitle: questionnaire.title,
          versionNumber: number,
          changeNote: changeNote!,
          deadline: formatDateFr(deadline),
          questionnaireUrl: url,
        })
      : null;
  const publishedAt = new Date(Math.floor(now.getTime()));

  return write(async (tx) => {
    const current = await tx.questionnaire.findFirst({
      where: { id, organizationId: organization.id },
      select: { draftRevision: true, currentVersionNumber: true, closedEarlyAt: true },
    });
    if (!current) return { ok: false, message: NOT_FOUND_MESSAGE };
    const verification = await mayPublish(tx, organization.id);
    if (!verification.ok) return verification;
    if (current.closedEarlyAt)
      return { ok: false, message: "Ce questionnaire vient d'être clos : il ne peut plus changer." };
    if (current.draftRevision !== input.revision || (current.currentVersionNumber ?? 0) + 1 !== number)
      return { ok: false, message: CONCURRENT_DRAFT_MESSAGE, concurrent: true };
    const version = await tx.questionnaireVersion.create({
      data: {
        questionnaireId: id,
        number,
        title: questionnaire.title,
        deadline,
        content: frozen.content,
        contentHash: frozen.contentHash,
        changeNote: number > 1 ? changeNote : null,
        guardJustification: check.findings.length > 0 ? guardJustification : null,
        publishedAt,
        publishedById: actor.id,
      },
    });
    await tx.questionnaire.update({
      where: { id },
      data: {
        status: "published",
        currentVersionNumber: number,
        openUntil: deadline,
        firstPublishedAt: questionnaire.firstPublishedAt ?? publishedAt,
        draftRevision: { increment: 1 },
      },
    });
    // Everyone who started or submitted an answer to an earlier version, read inside the same
    // transaction: an answer committed before this point is notified, one after it is on this version.
    const recipients = notice ? await answeringContacts(tx, id) : [];
    for (const recipient of recipients) await queueEmail(tx, recipient.email, notice!);
    // A questionnaire that opens is news for suppliers' immediate alerts (a new version is not).
    if (number === 1) await scheduleImmediateAlerts(tx, { kind: "questionnaire", id }, publishedAt);
    await appendExchange(tx, {
      kind: "sourcing.version_published",
      actor: { userId: actor.id, label: actor.name },
      organizationIds: [organization.id, ...recipients.map((recipient) => recipient.organizationId)],
      plannedProcurementId: questionnaire.plannedProcurementId,
      summary:
        `${actor.name} a publié la version n° ${number} du questionnaire de sourcing « ${questionnaire.title} » (empreinte SHA-256 ${frozen.contentHash.slice(0, 12)}…), ouvert jusqu'au ${formatDateFr(deadline)}` +
        (number > 1
          ? `. Changement : ${changeNote}. ${recipients.length} entreprise${recipients.length > 1 ? "s" : ""} prévenue${recipients.length > 1 ? "s" : ""} par le même message.`
          : ".") +
        (check.findings.length > 0
          ? ` Publié malgré ${check.findings.length} alerte${check.findings.length > 1 ? "s" : ""} de la vigilance prix, justification : ${guardJustification}`
          : ""),
      payload: {
        questionnaireId: id,
        versionId: version.id,
        versionNumber: number,
        contentHash: frozen.contentHash,
        deadline,
        changeNote: number > 1 ? changeNote : null,
        guardFindings: check.findings.map((finding) => ({
          field: finding.field,
          rule: finding.rule,
          match: finding.match,
        })),
        guardJustification: check.findings.length > 0 ? guardJustification : null,
        notifiedOrganizationIds: recipients.map((recipient) => recipient.organizationId),
        noticeSubject: notice?.subject ?? null,
      },
      occurredAt: publishedAt,
    });
    return { ok: true, versionNumber: number, contentHash: frozen.contentHash, notified: recipients.length };
  });
}

type ContactReader = Pick<typeof db, "questionnaireResponse" | "user">;

/** One address per supplier organisation with an answer (draft or submitted, any version): whoever last saved it. */
export async function answeringContacts(
  reader: ContactReader,
  questionnaireId: string,
): Promise<{ organizationId: string; email: string }[]> {
  const responses = await reader.questionnaireResponse.findMany({
    where: { questionnaireId },
    orderBy: { updatedAt: "desc" },
    select: { supplierOrganizationId: true, updatedById: true },
  });
  const byOrganization = new Map<string, string>();
  for (const response of responses)
    if (!byOrganization.has(response.supplierOrganizationId))
      byOrganization.set(response.supplierOrganizationId, response.updatedById);
  const users = await reader.user.findMany({
    where: { id: { in: [...new Set(byOrganization.values())] } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  return [...byOrganization]
    .map(([organizationId, userId]) => ({ organizationId, email: emailOf.get(userId) ?? "" }))
    .filter((contact) => contact.email)
    .sort((a, b) => a.organizationId.localeCompare(b.organizationId));
}

/** Everyone a notice to all suppliers goes to: invitation addresses and answering suppliers' addresses, once each. */
export async function concernedContacts(
  reader: ContactReader & Pick<typeof db, "questionnaireInvitation">,
  questionnaireId: string,
) {
  const answering = await answeringContacts(reader, questionnaireId);
  const invitations = await reader.questionnaireInvitation.findMany({
    where: { questionnaireId },
    select: { email: true, supplierOrganizationId: true },
  });
  const byEmail = new Map<string, string | null>();
  for (const contact of answering) byEmail.set(contact.email.toLowerCase(), contact.organizationId);
  for (const invitation of invitations)
    if (!byEmail.has(invitation.email.toLowerCase()))
      byEmail.set(invitation.email.toLowerCase(), invitation.supplierOrganizationId);
  return [...byEmail]
    .map(([email, organizationId]) => ({ email, organizationId }))
    .sort((a, b) => a.email.localeCompare(b.email));
}
