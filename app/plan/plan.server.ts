// Planned procurements of a buyer: create, edit, withdraw, list, read. Every write is one
// transaction (the procurement and its lots together, nothing half saved). Dates are checked
// against the calendar and the organisation's policies before writing (see date-rules.ts).
import { loadBlockPolicies, loadCalendarContext, loadProcedureRules } from "~/calendar/calendar.server";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { requireBuyerRecord } from "./access.server";
import { checkProcurementDates, type CheckedDateField, type DateChecks, type DatesInput } from "./date-rules";
import { densityNotice, type DensityNotice } from "./density.server";
import type { PlannedProcurementInput } from "./schema";
import { PROCEDURES, semesterKey, semesterOf, type Semester } from "./vocabulary";

export interface PlanActor {
  id: string;
  name: string;
}

export interface PlanOrganization {
  id: string;
  departement: string;
}

export type SaveResult =
  | { ok: true; id: string; density: DensityNotice | null }
  | {
      ok: false;
      fieldErrors: Record<string, string[]>;
      formErrors?: string[];
      proposals: Partial<Record<CheckedDateField, string>>;
      /** Set when the procurement does not exist (or not for this organisation). */
      notFound?: boolean;
    };

export const WITHDRAWN_MESSAGE = "Cet achat a été retiré : il ne peut plus être modifié.";
export const CONCURRENT_EDIT_MESSAGE =
  "Quelqu'un d'autre a enregistré une modification de cet achat pendant que vous le modifiiez. Rechargez la page pour voir sa version, puis refaites vos changements.";

/** Calendar checks of the form's dates, for this organisation (its zone, policies and own periods). */
export async function checkDatesFor(
  organization: PlanOrganization,
  input: DatesInput,
  previous?: { expectedPublicationDate: string; responseDeadline: string | null; procedure: string } | null,
): Promise<DateChecks> {
  const [ctx, policies, rules] = await Promise.all([
    loadCalendarContext(organization.departement, organization.id),
    loadBlockPolicies(organization.id),
    loadProcedureRules(),
  ]);
  const rule = rules.find((candidate) => candidate.procedure === input.procedure);
  const fallback = PROCEDURES[input.procedure as keyof typeof PROCEDURES];
  return checkProcurementDates(input, {
    ctx,
    policies,
    minimumOpenDays: rule?.minimumOpenDays ?? fallback?.minimumOpenDays ?? PROCEDURES.mapa.minimumOpenDays,
    procedureLabel: rule?.label ?? fallback?.label ?? input.procedure,
    previous,
  });
}

function columns(input: PlannedProcurementInput, checks: DateChecks) {
  return {
    reference: input.reference ?? null,
    title: input.title,
    need: input.need,
    category: input.category,
    cpvCode: input.cpvCode,
    valueBand: input.valueBand,
    procedure: input.procedure,
    reserved: input.reserved,
    socialConsideration: input.socialConsideration ?? null,
    environmentalConsideration: input.environmentalConsideration ?? null,
    expectedPublicationDate: input.expectedPublicationDate,
    publicationJustification: checks.justifications.publicationJustification,
    responseDeadline: input.responseDeadline ?? null,
    deadlineJustification: input.responseDeadline ? checks.justifications.deadlineJustification : null,
    contractStart: input.contractStart ?? null,
    contractDurationMonths: input.contractDurationMonths ?? null,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    status: input.status,
    buyerProfileUrl: input.buyerProfileUrl ?? null,
  };
}

function lotRows(input: PlannedProcurementInput) {
  return input.lots.map((lot, index) => ({
    number: index + 1,
    title: lot.title,
    description: lot.description ?? null,
  }));
}

function failure(checks: DateChecks): SaveResult {
  return { ok: false, fieldErrors: checks.fieldErrors, proposals: checks.proposals };
}

export async function createPlannedProcurement(
  actor: PlanActor,
  organization: PlanOrganization,
  input: PlannedProcurementInput,
): Promise<SaveResult> {
  const checks = await checkDatesFor(organization, input);
  if (!checks.ok) return failure(checks);
  const created = await write((tx) =>
    tx.plannedProcurement.create({
      data: {
        ...columns(input, checks),
        organizationId: organization.id,
        createdById: actor.id,
        lots: { create: lotRows(input) },
      },
      select: { id: true },
    }),
  );
  return {
    ok: true,
    id: created.id,
    density: await densityNotice(organization.departement, input.expectedPublicationDate, created.id),
  };
}

/**
 * Saves the form over procurement `id`. (The actor is taken for symmetry with create; who changed
 * what between editions is visible in the editions themselves.) `version` is the updatedAt the form was built from (ISO);
 * when given and the stored one differs, nothing is written (someone else saved in between).
 */
export async function updatePlannedProcurement(
  _actor: PlanActor,
  organization: PlanOrganization,
  id: string,
  input: PlannedProcurementInput,
  version?: string | null,
): Promise<SaveResult> {
  const existing = await db.plannedProcurement.findFirst({
    where: { id, organizationId: organization.id },
    select: { expectedPublicationDate: true, responseDeadline: true, procedure: true, status: true, updatedAt: true },
  });
  if (!existing)
    return { ok: false, fieldErrors: {}, formErrors: ["Cet achat n'existe pas."], proposals: {}, notFound: true };
  if (existing.status === "abandoned")
    return { ok: false, fieldErrors: {}, formErrors: [WITHDRAWN_MESSAGE], proposals: {} };
  const checks = await checkDatesFor(organization, input, existing);
  if (!checks.ok) return failure(checks);
  const outcome = await write(async (tx) => {
    const current = await tx.plannedProcurement.findFirst({
      where: { id, organizationId: organization.id },
      select: { status: true, updatedAt: true },
    });
    if (!current) return "missing" as const;
    if (current.status === "abandoned") return "withdrawn" as const;
    if (version && current.updatedAt.toISOString() !== version) return "concurrent" as const;
    if (current.updatedAt.getTime() !== existing.updatedAt.getTime()) {
      // Changed since the dates were checked: the check may be stale, ask to try again.
      return "concurrent" as const;
    }
    await tx.plannedLot.deleteMany({ where: { plannedProcurementId: id } });
    await tx.plannedProcurement.update({
      where: { id },
      data: { ...columns(input, checks), lots: { create: lotRows(input) } },
    });
    return "saved" as const;
  });
  if (outcome === "missing")
    return { ok: false, fieldErrors: {}, formErrors: ["Cet achat n'existe pas."], proposals: {}, notFound: true };
  if (outcome === "withdrawn") return { ok: false, fieldErrors: {}, formErrors: [WITHDRAWN_MESSAGE], proposals: {} };
  if (outcome === "concurrent")
    return { ok: false, fieldErrors: {}, formErrors: [CONCURRENT_EDIT_MESSAGE], proposals: {} };
  return { ok: true, id, density: await densityNotice(organization.departement, input.expectedPublicationDate, id) };
}

export type WithdrawResult = { ok: true } | { ok: false; message: string; notFound?: boolean };

/**
 * Withdraws a procurement: status "abandoned", with the instant and the public reason. It stays in
 * the editions already published; the next edition of its semester lists it as withdrawn.
 */
export async function withdrawPlannedProcurement(
  _actor: PlanActor,
  organizationId: string,
  id: string,
  reason: string,
  now = new Date(),
): Promise<WithdrawResult> {
  return write(async (tx: WriteTransaction) => {
    const current = await tx.plannedProcurement.findFirst({ where: { id, organizationId }, select: { status: true } });
    if (!current) return { ok: false, message: "Cet achat n'existe pas.", notFound: true };
    if (current.status === "abandoned") return { ok: false, message: "Cet achat est déjà retiré." };
    await tx.plannedProcurement.update({
      where: { id },
      data: { status: "abandoned", withdrawnAt: now, withdrawalReason: reason },
    });
    return { ok: true };
  });
}

const LIST_FIELDS = {
  id: true,
  reference: true,
  title: true,
  category: true,
  procedure: true,
  valueBand: true,
  reserved: true,
  status: true,
  expectedPublicationDate: true,
  responseDeadline: true,
  publicationJustification: true,
  deadlineJustification: true,
  withdrawnAt: true,
  updatedAt: true,
  _count: { select: { lots: true } },
} as const;

/** The organisation's planned procurements, by expected publication date. */
export function listPlannedProcurements(organizationId: string) {
  return db.plannedProcurement.findMany({
    where: { organizationId },
    select: LIST_FIELDS,
    orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }],
  });
}

export type PlannedProcurementSummary = Awaited<ReturnType<typeof listPlannedProcurements>>[number];

/** The organisation's procurements that can still be worked on (not withdrawn), by publication date: a form's choices. */
export function activeProcurementChoices(organizationId: string) {
  return db.plannedProcurement.findMany({
    where: { organizationId, status: { not: "abandoned" } },
    orderBy: { expectedPublicationDate: "asc" },
    select: { id: true, title: true },
  });
}

/** Groups procurements by the semester of their expected publication date, in date order. */
export function groupBySemester<T extends { expectedPublicationDate: string }>(
  items: readonly T[],
): { semester: Semester; key: string; items: T[] }[] {
  const groups = new Map<string, { semester: Semester; key: string; items: T[] }>();
  for (const item of items) {
    const semester = semesterOf(item.expectedPublicationDate);
    const key = semesterKey(semester);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { semester, key, items: [] }));
    group.items.push(item);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** One procurement of the organisation, with its lots; null when it is not this organisation's. */
export function getPlannedProcurement(organizationId: string, id: string) {
  return db.plannedProcurement.findFirst({
    where: { id, organizationId },
    include: { lots: { orderBy: { number: "asc" } } },
  });
}

export type PlannedProcurementWithLots = NonNullable<Awaited<ReturnType<typeof getPlannedProcurement>>>;

export const PROCUREMENT_NOT_FOUND_MESSAGE = "Cet achat n'existe pas, ou n'appartient pas à votre organisation.";

/** The buyer member and one of their organisation's procurements, with its lots; a French 404 otherwise. */
export async function requireOwnedProcurement(request: Request, id: string) {
  const { buyer, record } = await requireBuyerRecord(
    request,
    (organizationId) => getPlannedProcurement(organizationId, id),
    PROCUREMENT_NOT_FOUND_MESSAGE,
  );
  return { buyer, procurement: record };
}

/** The form's initial values for a stored procurement. */
export function formValuesOf(procurement: PlannedProcurementWithLots) {
  return {
    title: procurement.title,
    reference: procurement.reference ?? undefined,
    need: procurement.need,
    category: procurement.category,
    cpvCode: procurement.cpvCode,
    valueBand: procurement.valueBand,
    lots: procurement.lots.map((lot) => ({ title: lot.title, description: lot.description ?? undefined })),
    procedure: procurement.procedure,
    reserved: procurement.reserved,
    socialConsideration: procurement.socialConsideration ?? undefined,
    environmentalConsideration: procurement.environmentalConsideration ?? undefined,
    expectedPublicationDate: procurement.expectedPublicationDate,
    publicationJustification: procurement.publicationJustification ?? undefined,
    responseDeadline: procurement.responseDeadline ?? undefined,
    deadlineJustification: procurement.deadlineJustification ?? undefined,
    contractStart: procurement.contractStart ?? undefined,
    contractDurationMonths: procurement.contractDurationMonths ?? undefined,
    contactName: procurement.contactName,
    contactEmail: procurement.contactEmail,
    status: procurement.status,
    buyerProfileUrl: procurement.buyerProfileUrl ?? undefined,
  };
}
