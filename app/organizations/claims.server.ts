// Claims: someone tries to register an organisation whose SIRET (or, for a buyer, SIREN) is
// already on Amont. Instead of a dead end, they ask to join it; the organisation's admins (by email,
// on /organisations/:id/demandes) or a platform admin (on /admin/organisations) accept, which makes
// them a member, or refuse with a reason. Each step is one transaction with its emails and its
// ledger record.
import { LIMITS } from "~/auth/limits";
import { consumeLimitsIn, idKey, ipKey, LimitExceeded } from "~/auth/rate-limit.server";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail, type RenderedEmail } from "~/mail/outbox.server";
import { validateSiren, validateSiret } from "./identifiers";
import { identifierLabel, organizationAdminEmails, platformAdminEmails } from "./verification.server";

export interface ClaimActor {
  id: string;
  name: string;
  email: string;
  emailVerifiedAt: Date | null;
}

export interface ClaimDecider {
  id: string;
  name: string;
  isPlatformAdmin: boolean;
}

function absoluteUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

export interface ClaimableOrganization {
  id: string;
  name: string;
  kind: string;
  identifier: string;
}

/**
 * The organisation already registered with this SIRET (a supplier) or SIREN (a buyer that was not
 * refused), or null. What the form of /organisations/rejoindre was given.
 */
export async function findClaimableOrganization(query: {
  siret?: string | null;
  siren?: string | null;
}): Promise<ClaimableOrganization | null> {
  const select = { id: true, name: true, kind: true, siret: true, siren: true } as const;
  let found: { id: string; name: string; kind: string; siret: string | null; siren: string | null } | null = null;
  if (query.siret) {
    const siret = validateSiret(query.siret);
    if (!siret.ok) return null;
    found = await db.organization.findUnique({ where: { siret: siret.value }, select });
  } else if (query.siren) {
    const siren = validateSiren(query.siren);
    if (!siren.ok) return null;
    found = await db.organization.findFirst({
      where: { kind: "buyer", siren: siren.value, verificationStatus: { not: "refused" } },
      select,
      orderBy: { createdAt: "asc" },
    });
  }
  if (!found) return null;
  return { id: found.id, name: found.name, kind: found.kind, identifier: identifierLabel(found) ?? "" };
}

export type ClaimResult =
  | { ok: true; claimId: string }
  | { ok: false; message: string; /** Set when an abuse limit refused it. */ retryAfterSeconds?: number };

export const UNVERIFIED_EMAIL_MESSAGE = "Vérifiez d'abord votre adresse électronique (lien ou code reçu par courriel).";

/**
 * Sends a claim on an organisation: its admins and the platform admins are told by email. Limited
 * per account and per IP (LIMITS.organizationClaim*), since each claim emails other people.
 */
export async function claimOrganization(
  actor: ClaimActor,
  organizationId: string,
  message: string,
  context: { ip: string; now?: Date },
): Promise<ClaimResult> {
  const now = context.now ?? new Date();
  if (!actor.emailVerifiedAt) return { ok: false, message: UNVERIFIED_EMAIL_MESSAGE };
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, siret: true, siren: true },
  });
  if (!organization) return { ok: false, message: "Cette organisation n'existe plus." };
  const text = message.trim();
  const common = {
    claimantName: actor.name,
    claimantEmail: actor.email,
    organizationName: organization.name,
    identifier: identifierLabel(organization) ?? "",
    message: text,
  };
  // Rendered once per audience before the transaction: every admin reads the same words.
  const [toAdmins, toPlatform] = await Promise.all([
    prepareEmail("organization-claim-requested", {
      ...common,
      reviewUrl: absoluteUrl(`/organisations/${organization.id}/demandes`),
      toPlatformAdmin: false,
    }),
    prepareEmail("organization-claim-requested", {
      ...common,
      reviewUrl: absoluteUrl("/admin/organisations"),
      toPlatformAdmin: true,
    }),
  ]);
  try {
    return await write((tx) => recordClaim(tx, actor, organization, text, { toAdmins, toPlatform }, context.ip, now));
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
    const { rule, retryMessage, retryAfterSeconds } = error.refusal;
    return {
      ok: false,
      message: `Limite de ${rule.limit} demandes pour rejoindre une organisation par 24 heures atteinte. ${retryMessage}`,
      retryAfterSeconds,
    };
  }
}

async function recordClaim(
  tx: WriteTransaction,
  actor: ClaimActor,
  organization: { id: string; name: string; siret: string | null; siren: string | null },
  text: string,
  emails: { toAdmins: RenderedEmail; toPlatform: RenderedEmail },
  ip: string,
  now: Date,
): Promise<ClaimResult> {
  const organizationId = organization.id;
  const member = await tx.membership.findUnique({
    where: { userId_organizationId: { userId: actor.id, organizationId } },
    select: { id: true },
  });
  if (member) return { ok: false, message: "Vous faites déjà partie de cette organisation." };
  const pending = await tx.organizationClaim.findFirst({
    where: { organizationId, userId: actor.id, status: "pending" },
    select: { id: true },
  });
  if (pending)
    return {
      ok: false,
      message:
        "Vous avez déjà demandé à rejoindre cette organisation : ses administrateurs ou l'équipe Amont vont vous répondre par courriel.",
    };
  // Counted only for a claim really sent (a refused one emails nobody).
  await consumeLimitsIn(
    tx,
    [
      { rule: LIMITS.organizationClaimPerAccount, key: idKey("user", actor.id) },
      { rule: LIMITS.organizationClaimPerIp, key: ipKey(ip) },
    ],
    now,
  );
  const claim = await tx.organizationClaim.create({
    data: { organizationId, userId: actor.id, message: text },
    select: { id: true },
  });
  const adminAddresses = await organizationAdminEmails(tx, organizationId);
  for (const address of adminAddresses) await queueEmail(tx, address, emails.toAdmins);
  for (const address of await platformAdminEmails(tx))
    if (!adminAddresses.includes(address)) await queueEmail(tx, address, emails.toPlatform);
  await appendExchange(tx, {
    kind: "organization.claim_made",
    actor: { userId: actor.id, label: actor.name },
    organizationIds: [organizationId],
    summary: `${actor.name} demande à rejoindre « ${organization.name} » (${identifierLabel(organization) ?? ""}), déjà inscrite sur Amont.`,
    payload: { claimId: claim.id, claimantUserId: actor.id },
  });
  return { ok: true, claimId: claim.id };
}

export type ClaimDecisionResult =
  { ok: true; claimantName: string; organizationName: string } | { ok: false; message: string; notFound?: boolean };

export const CLAIM_NOT_FOUND_MESSAGE = "Cette demande n'existe pas, ou elle ne concerne pas votre organisation.";

/**
 * Accepts (the claimant becomes a member) or refuses (with a reason) a pending claim. Only an
 * admin of the claimed organisation or a platform admin may decide; `withinOrganizationId` limits
 * the claim to one organisation (the organisation's own page), so that a claim id from elsewhere
 * is a 404 there.
 */
export async function decideClaim(
  decider: ClaimDecider,
  claimId: string,
  decision: { accept: true } | { accept: false; reason: string },
  withinOrganizationId?: string,
  now = new Date(),
): Promise<ClaimDecisionResult> {
  const claim = await db.organizationClaim.findUnique({
    where: { id: claimId },
    include: {
      organization: { select: { id: true, name: true } },
      user: { select: { id: true, name: true, email: true } },
    },
  });
  if (!claim || (withinOrganizationId !== undefined && claim.organizationId !== withinOrganizationId))
    return { ok: false, message: CLAIM_NOT_FOUND_MESSAGE, notFound: true };
  const reason = decision.accept ? null : decision.reason.trim();
  const email = await prepareEmail("organization-claim-decided", {
    organizationName: claim.organization.name,
    decision: decision.accept ? "accepted" : "refused",
    reason,
    nextUrl: absoluteUrl(decision.accept ? `/organisations/${claim.organizationId}` : "/compte"),
  });
  const decidedAt = new Date(Math.floor(now.getTime()));
  return write(async (tx): Promise<ClaimDecisionResult> => {
    if (!decider.isPlatformAdmin) {
      const membership = await tx.membership.findUnique({
        where: { userId_organizationId: { userId: decider.id, organizationId: claim.organizationId } },
        select: { role: true },
      });
      if (membership?.role !== "admin") return { ok: false, message: CLAIM_NOT_FOUND_MESSAGE, notFound: true };
    }
    const { count } = await tx.organizationClaim.updateMany({
      where: { id: claimId, status: "pending" },
      data: {
        status: decision.accept ? "accepted" : "refused",
        decidedAt,
        decidedById: decider.id,
        refusalReason: reason,
      },
    });
    if (count === 0)
      return {
        ok: false,
        message: "Cette demande a déjà reçu une réponse, peut-être d'un autre administrateur : rechargez la page.",
      };
    if (decision.accept) {
      await tx.membership.upsert({
        where: { userId_organizationId: { userId: claim.userId, organizationId: claim.organizationId } },
        create: { userId: claim.userId, organizationId: claim.organizationId, role: "member" },
        update: {},
      });
    }
    await queueEmail(tx, claim.user.email, email);
    const deciderLabel = decider.isPlatformAdmin ? `${decider.name} (équipe Amont)` : decider.name;
    await appendExchange(tx, {
      kind: decision.accept ? "organization.claim_accepted" : "organization.claim_refused",
      actor: { userId: decider.id, label: deciderLabel },
      organizationIds: [claim.organizationId],
      summary: decision.accept
        ? `${deciderLabel} a accepté la demande de ${claim.user.name} : elle rejoint « ${claim.organization.name} » comme membre.`
        : `${deciderLabel} a refusé la demande de ${claim.user.name} pour rejoindre « ${claim.organization.name} ». Motif : ${reason}`,
      payload: {
        claimId,
        claimantUserId: claim.userId,
        decision: decision.accept ? "accepted" : "refused",
        reason,
        role: decision.accept ? "member" : null,
      },
      occurredAt: decidedAt,
    });
    return { ok: true, claimantName: claim.user.name, organizationName: claim.organization.name };
  });
}

const CLAIM_INCLUDE = {
  organization: { select: { id: true, name: true, siret: true, siren: true } },
  user: { select: { name: true, email: true } },
} as const;

/** The pending claims on one organisation, oldest first (its admins' page). */
export function pendingClaimsOf(organizationId: string) {
  return db.organizationClaim.findMany({
    where: { organizationId, status: "pending" },
    include: CLAIM_INCLUDE,
    orderBy: { createdAt: "asc" },
  });
}

/** Every pending claim, and the latest decided ones (the platform admin's page). */
export async function claimReview(take = 50) {
  const [pending, decided] = await Promise.all([
    db.organizationClaim.findMany({
      where: { status: "pending" },
      include: CLAIM_INCLUDE,
      orderBy: { createdAt: "asc" },
    }),
    db.organizationClaim.findMany({
      where: { status: { not: "pending" } },
      include: CLAIM_INCLUDE,
      orderBy: { decidedAt: "desc" },
      take,
    }),
  ]);
  const deciderIds = [...new Set(decided.map((claim) => claim.decidedById).filter((id): id is string => id !== null))];
  const deciders = new Map(
    (await db.user.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true } })).map((user) => [
      user.id,
      user.name,
    ]),
  );
  return {
    pending,
    decided: decided.map((claim) => ({
      ...claim,
      deciderName: claim.decidedById ? (deciders.get(claim.decidedById) ?? null) : null,
    })),
  };
}
