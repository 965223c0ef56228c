// Verified organisations: a buyer or a relay publishes nothing until a platform admin approves it
// (docs/decisions/0020-organisation-verification.md). Every publishing path asks mayPublish() in its
// own write transaction; requests and decisions go on the ledger with their emails, in one
// transaction each.
import { db, write, type ReadClient, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail, type RenderedEmail } from "~/mail/outbox.server";
import { departementLabel } from "~/territory/departements";
import { formatSiren, formatSiret } from "./identifiers";
import { BUYER_KINDS, ORGANIZATION_KINDS, RELAY_KINDS, labelOf } from "./kinds";
import { isReviewedKind, publishingRefusal } from "./verification";

export interface PlatformActor {
  id: string;
  name: string;
}

/** Reads through `db` (committed data) or, inside a write, through the transaction. */
type OrganizationReader = Pick<ReadClient, "organization">;

export type MayPublish = { ok: true } | { ok: false; message: string };

/**
 * Whether the organisation may make something public now. Every publishing path (plan editions,
 * questionnaire versions, events) calls it inside its write transaction, so that the answer and
 * the publication are one atomic step.
 */
export async function mayPublish(reader: OrganizationReader, organizationId: string): Promise<MayPublish> {
  const organization = await reader.organization.findUnique({
    where: { id: organizationId },
    select: { kind: true, verificationStatus: true },
  });
  if (!organization) return { ok: false, message: "Cette organisation n'existe plus." };
  const refusal = publishingRefusal(organization);
  return refusal ? { ok: false, message: refusal } : { ok: true };
}

/** « SIREN 213 800 004 » for a buyer, « SIRET … » for a supplier, null for a relay. */
export function identifierLabel(organization: { siren: string | null; siret: string | null }): string | null {
  if (organization.siret) return `SIRET ${formatSiret(organization.siret)}`;
  if (organization.siren) return `SIREN ${formatSiren(organization.siren)}`;
  return null;
}

/** « Acheteur public — Commune », « Réseau d'accompagnement — CCI ». */
export function kindDescription(organization: {
  kind: string;
  buyerKind: string | null;
  relayKind: string | null;
}): string {
  const kind = labelOf(ORGANIZATION_KINDS, organization.kind);
  if (organization.kind === "buyer" && organization.buyerKind)
    return `${kind} — ${labelOf(BUYER_KINDS, organization.buyerKind)}`;
  if (organization.kind === "relay" && organization.relayKind)
    return `${kind} — ${labelOf(RELAY_KINDS, organization.relayKind)}`;
  return kind;
}

function absoluteUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

/** The platform admins' addresses, read in the transaction that writes their messages. */
export async function platformAdminEmails(tx: WriteTransaction): Promise<string[]> {
  const admins = await tx.user.findMany({ where: { isPlatformAdmin: true }, select: { email: true } });
  return admins.map((admin) => admin.email);
}

/** The addresses of the organisation's admins, read in the transaction that writes their messages. */
export async function organizationAdminEmails(tx: WriteTransaction, organizationId: string): Promise<string[]> {
  const admins = await tx.membership.findMany({
    where: { organizationId, role: "admin" },
    select: { user: { select: { email: true } } },
  });
  return admins.map((admin) => admin.user.email);
}

interface ReviewedOrganization {
  id: string;
  name: string;
  kind: string;
  departement: string;
  siren: string | null;
  siret: string | null;
}

/** The message that tells platform admins a buyer or relay waits for them (rendered before the transaction). */
export function prepareVerificationRequestEmail(
  organization: Omit<ReviewedOrganization, "id">,
  requester: { name: string; email: string },
  note: string | null = null,
): Promise<RenderedEmail> {
  return prepareEmail("organization-verification-requested", {
    organizationName: organization.name,
    organizationKindLabel: labelOf(ORGANIZATION_KINDS, organization.kind).toLowerCase(),
    identifier: identifierLabel(organization),
    departement: departementLabel(organization.departement),
    requesterName: requester.name,
    requesterEmail: requester.email,
    note,
    reviewUrl: absoluteUrl("/admin/organisations"),
  });
}

/**
 * Records a verification request in the caller's transaction: the ledger record and the message
 * to every platform admin. Called when a buyer or a relay is created, and when it asks again.
 */
export async function recordVerificationRequest(
  tx: WriteTransaction,
  organization: ReviewedOrganization,
  requester: { id: string; name: string },
  email: RenderedEmail,
  note: string | null = null,
) {
  for (const address of await platformAdminEmails(tx)) await queueEmail(tx, address, email);
  const identifier = identifierLabel(organization);
  await appendExchange(tx, {
    kind: "organization.verification_requested",
    actor: { userId: requester.id, label: requester.name },
    organizationIds: [organization.id],
    summary:
      note === null
        ? `${requester.name} a inscrit « ${organization.name} » (${labelOf(ORGANIZATION_KINDS, organization.kind).toLowerCase()}${identifier ? `, ${identifier}` : ""}) : l'équipe Amont doit la vérifier avant toute publication.`
        : `${requester.name} demande un nouvel examen de « ${organization.name} » après un refus : ${note}`,
    payload: {
      organizationKind: organization.kind,
      siren: organization.siren,
      departement: organization.departement,
      again: note !== null,
      note,
    },
  });
}

// ---- the platform admin's review ---------------------------------------------------------------

export type DecisionResult = { ok: true; organizationName: string } | { ok: false; message: string };

export const ALREADY_DECIDED_MESSAGE =
  "Cette demande a déjà été traitée, peut-être par un autre administrateur : rechargez la page.";

/** Approves or refuses a pending buyer or relay. The organisation's admins get the decision by email. */
export async function decideVerification(
  admin: PlatformActor,
  organizationId: string,
  decision: { approve: true } | { approve: false; reason: string },
  now = new Date(),
): Promise<DecisionResult> {
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, kind: true, departement: true, siren: true, siret: true },
  });
  if (!organization || !isReviewedKind(organization.kind)) return { ok: false, message: ALREADY_DECIDED_MESSAGE };
  const reason = decision.approve ? null : decision.reason.trim();
  const email = await prepareEmail("organization-verification-decided", {
    organizationName: organization.name,
    decision: decision.approve ? "approved" : "refused",
    reason,
    organizationUrl: absoluteUrl(`/organisations/${organization.id}`),
  });
  const decidedAt = new Date(Math.floor(now.getTime()));
  return write(async (tx): Promise<DecisionResult> => {
    // Only a pending request changes: two admins deciding at once, or a double click, decide once.
    const { count } = await tx.organization.updateMany({
      where: { id: organizationId, verificationStatus: "pending" },
      data: {
        verificationStatus: decision.approve ? "approved" : "refused",
        verificationDecidedAt: decidedAt,
        verificationDecidedById: admin.id,
        verificationRefusalReason: reason,
      },
    });
    if (count === 0) return { ok: false, message: ALREADY_DECIDED_MESSAGE };
    for (const address of await organizationAdminEmails(tx, organizationId)) await queueEmail(tx, address, email);
    const identifier = identifierLabel(organization);
    await appendExchange(tx, {
      kind: decision.approve ? "organization.verification_approved" : "organization.verification_refused",
      actor: { userId: admin.id, label: `${admin.name} (équipe Amont)` },
      organizationIds: [organizationId],
      summary: decision.approve
        ? `L'équipe Amont a vérifié « ${organization.name} »${identifier ? ` (${identifier})` : ""} : elle peut publier.`
        : `L'équipe Amont n'a pas validé « ${organization.name} »${identifier ? ` (${identifier})` : ""}. Motif : ${reason}`,
      payload: { decision: decision.approve ? "approved" : "refused", reason, siren: organization.siren },
      occurredAt: decidedAt,
    });
    return { ok: true, organizationName: organization.name };
  });
}

/**
 * After a refusal, an admin of the organisation asks for a new review, saying what changed: the
 * request is pending again (the refusal stays on the ledger) and the platform admins are told.
 */
export async function requestVerificationAgain(
  actor: { id: string; name: string; email: string },
  organizationId: string,
  note: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, kind: true, departement: true, siren: true, siret: true },
  });
  if (!organization) return { ok: false, message: "Cette organisation n'existe plus." };
  const text = note.trim();
  const email = await prepareVerificationRequestEmail(organization, actor, text);
  return write(async (tx) => {
    const admin = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: actor.id, organizationId } },
      select: { role: true },
    });
    if (admin?.role !== "admin")
      return { ok: false, message: "Seuls les administrateurs de l'organisation peuvent demander un nouvel examen." };
    const { count } = await tx.organization.updateMany({
      where: { id: organizationId, verificationStatus: "refused" },
      data: {
        verificationStatus: "pending",
        verificationRequestedById: actor.id,
        verificationDecidedAt: null,
        verificationDecidedById: null,
        verificationRefusalReason: null,
        verificationNote: text,
      },
    });
    if (count === 0)
      return {
        ok: false,
        message: "Cette organisation n'a pas été refusée : il n'y a pas de nouvel examen à demander.",
      };
    await recordVerificationRequest(tx, organization, actor, email, text);
    return { ok: true };
  });
}

// ---- what /admin/organisations shows -----------------------------------------------------------

const REVIEW_FIELDS = {
  id: true,
  name: true,
  kind: true,
  buyerKind: true,
  relayKind: true,
  siren: true,
  siret: true,
  departement: true,
  createdAt: true,
  verificationStatus: true,
  verificationRequestedById: true,
  verificationDecidedAt: true,
  verificationDecidedById: true,
  verificationRefusalReason: true,
  verificationNote: true,
} as const;

export const DECIDED_HISTORY_LENGTH = 50;

async function usersById(ids: Iterable<string | null>) {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map<string, { name: string; email: string }>();
  const users = await db.user.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((user) => [user.id, { name: user.name, email: user.email }]));
}

/** Pending buyers and relays (oldest first) and the latest decisions, with who asked and who decided. */
export async function verificationReview() {
  const [pending, decided] = await Promise.all([
    db.organization.findMany({
      where: { verificationStatus: "pending", kind: { in: ["buyer", "relay"] } },
      select: REVIEW_FIELDS,
      orderBy: { createdAt: "asc" },
    }),
    db.organization.findMany({
      where: { verificationDecidedAt: { not: null } },
      select: REVIEW_FIELDS,
      orderBy: { verificationDecidedAt: "desc" },
      take: DECIDED_HISTORY_LENGTH,
    }),
  ]);
  const users = await usersById(
    [...pending, ...decided].flatMap((row) => [row.verificationRequestedById, row.verificationDecidedById]),
  );
  const describe = (row: (typeof pending)[number]) => ({
    id: row.id,
    name: row.name,
    kind: kindDescription(row),
    identifier: identifierLabel(row),
    departement: departementLabel(row.departement),
    requestedAt: row.createdAt,
    requester: row.verificationRequestedById ? (users.get(row.verificationRequestedById) ?? null) : null,
    note: row.verificationNote,
    status: row.verificationStatus,
    decidedAt: row.verificationDecidedAt,
    decider: row.verificationDecidedById ? (users.get(row.verificationDecidedById) ?? null) : null,
    refusalReason: row.verificationRefusalReason,
  });
  return { pending: pending.map(describe), decided: decided.map(describe) };
}
