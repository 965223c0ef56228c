// Organisations, memberships and invitations. Supplier-relevant events (a supplier organisation
// created, a member joining one) and verification requests (a buyer or a relay created) are
// appended to the exchange ledger in the same transaction.
import { db, write, type WriteTransaction } from "~/db/db.server";
import { LIMITS } from "~/auth/limits";
import { addressKey, consumeLimitsIn, idKey, ipKey, LimitExceeded } from "~/auth/rate-limit.server";
import { requireSession } from "~/auth/session.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { env } from "~/env.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { ORGANIZATION_KINDS, MEMBER_ROLES, labelOf, type MemberRole } from "./kinds";
import { requireOwned } from "./owned.server";
import type { OrganizationInput } from "./schemas";
import { initialVerificationStatus, type VerificationStatus } from "./verification";
import { identifierLabel, prepareVerificationRequestEmail, recordVerificationRequest } from "./verification.server";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

interface Actor {
  id: string;
  name: string;
  email: string;
}

export function slugify(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "organisation"
  );
}

async function uniqueSlug(tx: WriteTransaction, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map(
      (row) => row.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export type CreateOrganizationResult =
  | { ok: true; id: string; verificationStatus: VerificationStatus }
  | {
      ok: false;
      field: "siret" | "siren";
      message: string;
      /** The organisation already registered with this identifier, which the user may ask to join. */
      claimable?: { id: string; name: string; identifier: string };
    }
  /** Refused by an abuse limit (LIMITS.organizationCreate*): the message says when to retry. */
  | { ok: false; field: null; message: string; retryAfterSeconds: number };

const DUPLICATE_SIRET_MESSAGE =
  "Une organisation est déjà inscrite avec ce SIRET. Si vous en faites partie, demandez à la rejoindre : ses administrateurs recevront votre demande.";
const DUPLICATE_SIREN_MESSAGE =
  "Un acheteur public est déjà inscrit avec ce SIREN. Si vous en faites partie, demandez à le rejoindre : ses administrateurs recevront votre demande.";

/** The answer when the identifier is taken: the field's message, and the organisation to ask to join. */
function duplicateOf(
  field: "siret" | "siren",
  existing: { id: string; name: string; siret: string | null; siren: string | null } | null,
): CreateOrganizationResult {
  return {
    ok: false,
    field,
    message: field === "siret" ? DUPLICATE_SIRET_MESSAGE : DUPLICATE_SIREN_MESSAGE,
    claimable: existing
      ? { id: existing.id, name: existing.name, identifier: identifierLabel(existing) ?? "" }
      : undefined,
  };
}

const DUPLICATE_FIELDS = { id: true, name: true, siret: true, siren: true } as const;

/**
 * Registers an organisation with its creator as admin. A supplier is recorded on the ledger and
 * may act at once; a buyer or a relay starts "pending": the request goes on the ledger and to the
 * platform admins, and it publishes nothing until one of them approves it. A supplier's SIRET is
 * unique (database constraint); a buyer's SIREN is unique among the buyers that were not refused,
 * checked in the write transaction, so that two creations at once cannot both pass. Limited per
 * account and per IP (LIMITS.organizationCreate*).
 */
export async function createOrganization(
  actor: Actor,
  input: OrganizationInput,
  context: { ip: string; now?: Date },
): Promise<CreateOrganizationResult> {
  const now = context.now ?? new Date();
  if (input.kind === "supplier") {
    const existing = await db.organization.findUnique({ where: { siret: input.siret }, select: DUPLICATE_FIELDS });
    if (existing) return duplicateOf("siret", existing);
  }
  const verificationStatus = initialVerificationStatus(input.kind);
  const reviewed = {
    name: input.name,
    kind: input.kind,
    departement: input.departement,
    siren: input.kind === "buyer" ? input.siren : null,
    siret: null,
  };
  const requestEmail = verificationStatus === "pending" ? await prepareVerificationRequestEmail(reviewed, actor) : null;
  try {
    const outcome = await write(async (tx): Promise<CreateOrganizationResult> => {
      if (input.kind === "buyer") {
        const existing = await tx.organization.findFirst({
          where: { kind: "buyer", siren: input.siren, verificationStatus: { not: "refused" } },
          select: DUPLICATE_FIELDS,
          orderBy: { createdAt: "asc" },
        });
        if (existing) return duplicateOf("siren", existing);
      }
      // Counted only when an organisation is really created (a taken identifier costs nothing).
      await consumeLimitsIn(
        tx,
        [
          { rule: LIMITS.organizationCreatePerAccount, key: idKey("user", actor.id) },
          { rule: LIMITS.organizationCreatePerIp, key: ipKey(context.ip) },
        ],
        now,
      );
      const organization = await tx.organization.create({
        data: {
          kind: input.kind,
          name: input.name,
          slug: await uniqueSlug(tx, input.name),
          departement: input.departement,
          verificationStatus,
          verificationRequestedById: verificationStatus === "pending" ? actor.id : null,
          ...(input.kind === "supplier"
            ? { siret: input.siret, nafCode: input.nafCode ?? null, size: input.size, essStatus: input.essStatus }
            : input.kind === "buyer"
              ? { siren: input.siren, buyerKind: input.buyerKind }
              : {
                  relayKind: input.relayKind,
                  territory: { create: [...new Set(input.territory)].map((departement) => ({ departement })) },
                }),
          memberships: { create: { userId: actor.id, role: "admin" } },
        },
      });
      if (input.kind === "supplier") {
        await appendExchange(tx, {
          kind: "organization.created",
          actor: { userId: actor.id, label: actor.name },
          organizationIds: [organization.id],
          summary: `${actor.name} a inscrit l'entreprise « ${organization.name} » (SIRET ${input.siret}).`,
          payload: { siret: input.siret, size: input.size, essStatus: input.essStatus, departement: input.departement },
        });
      }
      if (requestEmail) await recordVerificationRequest(tx, { id: organization.id, ...reviewed }, actor, requestEmail);
      await setActiveOrganizationIn(tx, actor.id, organization.id);
      return { ok: true, id: organization.id, verificationStatus };
    });
    return outcome;
  } catch (error) {
    if (error instanceof LimitExceeded) {
      const { rule, retryMessage, retryAfterSeconds } = error.refusal;
      return {
        ok: false,
        field: null,
        message: `Limite de ${rule.limit} organisations inscrites par 24 heures atteinte. ${retryMessage}`,
        retryAfterSeconds,
      };
    }
    // Another request registered the same SIRET between the check above and this transaction.
    if ((error as { code?: string }).code === "P2002" && input.kind === "supplier") {
      const existing = await db.organization.findUnique({ where: { siret: input.siret }, select: DUPLICATE_FIELDS });
      return duplicateOf("siret", existing);
    }
    throw error;
  }
}

/** Sessions of the user switch to the new organisation (the one they just created or joined). */
function setActiveOrganizationIn(tx: WriteTransaction, userId: string, organizationId: string) {
  return tx.session.updateMany({ where: { userId }, data: { activeOrganizationId: organizationId } });
}

export async function switchActiveOrganization(
  sessionId: string,
  userId: string,
  organizationId: string,
): Promise<boolean> {
  return write(async (tx) => {
    const membership = await tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId } } });
    if (!membership) return false;
    await tx.session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
    return true;
  });
}

/**
 * The organisation as one of its members sees it, or null for someone else. Pending invitations
 * (addresses of people who have not joined) are read for the organisation's administrators only:
 * a plain member's page never receives them.
 */
export async function organizationForMember(organizationId: string, userId: string) {
  const membership = await db.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    include: {
      organization: {
        include: {
          territory: { orderBy: { departement: "asc" } },
          memberships: {
            include: { user: { select: { id: true, name: true, email: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!membership) return null;
  const pendingInvitations =
    membership.role === "admin"
      ? await db.invitation.findMany({
          where: { organizationId, acceptedAt: null, expiresAt: { gt: new Date() } },
          select: { id: true, email: true, role: true, expiresAt: true },
          orderBy: { createdAt: "desc" },
        })
      : [];
  return { ...membership, pendingInvitations };
}

export type InviteResult =
  | { ok: true }
  | { ok: false; field: "email"; message: string }
  | { ok: false; field: null; message: string; retryAfterSeconds: number };

/**
 * Invites someone by email. Limited per inviting account, per IP and per invited address (LIMITS),
 * counted in the transaction that queues the message, so a refused invitation counts nothing.
 */
export async function inviteMember(
  actor: Actor,
  organizationId: string,
  input: { email: string; role: MemberRole },
  context: { ip: string; now?: Date },
): Promise<InviteResult> {
  const now = context.now ?? new Date();
  const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  const alreadyMember = await db.membership.findFirst({
    where: { organizationId, user: { email: input.email } },
    select: { id: true },
  });
  if (alreadyMember)
    return { ok: false, field: "email", message: "Cette personne fait déjà partie de l'organisation." };
  const token = generateToken();
  const email = await prepareEmail("organization-invitation", {
    inviterName: actor.name,
    organizationName: organization.name,
    organizationKindLabel: labelOf(ORGANIZATION_KINDS, organization.kind),
    role: input.role,
    acceptUrl: new URL(`/invitations/${token}`, env().APP_URL).toString(),
  });
  try {
    await write(async (tx) => {
      await consumeLimitsIn(
        tx,
        [
          { rule: LIMITS.memberInvitePerAccount, key: idKey("user", actor.id) },
          { rule: LIMITS.memberInvitePerIp, key: ipKey(context.ip) },
          { rule: LIMITS.memberInvitePerAddress, key: addressKey(input.email) },
        ],
        now,
      );
      await tx.invitation.create({
        data: {
          organizationId,
          email: input.email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedById: actor.id,
          expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        },
      });
      await queueEmail(tx, input.email, email);
    });
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
    const { rule, retryMessage, retryAfterSeconds } = error.refusal;
    const what =
      rule === LIMITS.memberInvitePerAddress
        ? `Cette adresse a déjà reçu ${rule.limit} invitations en 24 heures.`
        : `Limite de ${rule.limit} invitations par 24 heures atteinte.`;
    return { ok: false, field: null, message: `${what} ${retryMessage}`, retryAfterSeconds };
  }
  return { ok: true };
}

export function findInvitation(token: string) {
  return db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { id: true, name: true, kind: true } }, invitedBy: { select: { name: true } } },
  });
}

export type AcceptResult = { ok: true; organizationId: string } | { ok: false; message: string };

export async function acceptInvitation(actor: Actor, token: string): Promise<AcceptResult> {
  const tokenHash = hashToken(token);
  return write(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash }, include: { organization: true } });
    if (!invitation || invitation.acceptedAt || invitation.expiresAt < new Date()) {
      return {
        ok: false,
        message: "Cette invitation n'est plus valable. Demandez à l'organisation de vous inviter à nouveau.",
      } as const;
    }
    if (invitation.email !== actor.email) {
      return {
        ok: false,
        message: `Cette invitation a été envoyée à ${invitation.email}. Connectez-vous avec cette adresse pour l'accepter.`,
      } as const;
    }
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    const existing = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: actor.id, organizationId: invitation.organizationId } },
    });
    if (!existing) {
      await tx.membership.create({
        data: { userId: actor.id, organizationId: invitation.organizationId, role: invitation.role },
      });
      if (invitation.organization.kind === "supplier") {
        await appendExchange(tx, {
          kind: "organization.member_joined",
          actor: { userId: actor.id, label: actor.name },
          organizationIds: [invitation.organizationId],
          summary: `${actor.name} a rejoint « ${invitation.organization.name} » comme ${MEMBER_ROLES[invitation.role as MemberRole]?.toLowerCase() ?? invitation.role}.`,
          payload: { role: invitation.role, invitationId: invitation.id },
        });
      }
    }
    await setActiveOrganizationIn(tx, actor.id, invitation.organizationId);
    return { ok: true, organizationId: invitation.organizationId } as const;
  });
}

export const ORGANIZATION_ADMINS_ONLY_MESSAGE = "Cette page est réservée aux administrateurs de l'organisation.";

/**
 * The signed-in user and an organisation they administer (an organisation's own pages, such as the
 * requests to join it); anyone else gets the same 404 as for an organisation that does not exist.
 */
export async function requireOrganizationAdmin(request: Request, organizationId: string) {
  const { user } = await requireSession(request);
  const organization = await requireOwned(
    organizationId,
    async (id) => {
      const membership = await organizationForMember(id, user.id);
      return membership?.role === "admin" ? membership.organization : null;
    },
    ORGANIZATION_ADMINS_ONLY_MESSAGE,
  );
  return { user, organization };
}
