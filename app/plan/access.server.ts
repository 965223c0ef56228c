// Who may use the buyer's pages: a member of the session's active organisation, which must be a
// buyer (or, for the territory view, a buyer or a relay); and the records of that organisation a
// page opens by id (anything else answers 404).
import { requireSession } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { requireOwned } from "~/organizations/owned.server";

export const NOT_A_BUYER_MESSAGE =
  "Cette page est réservée aux membres d'un acheteur public. Si vous faites partie de plusieurs organisations, choisissez votre organisme acheteur dans le menu « Agir au nom de », en haut de la page.";

export const NOT_A_BUYER_OR_RELAY_MESSAGE =
  "Cette page est réservée aux membres d'un acheteur public ou d'un réseau d'accompagnement (CCI, CMA, CRESS…). Choisissez l'organisation concernée dans le menu « Agir au nom de », en haut de la page.";

export const ADMIN_ONLY_MESSAGE = "Seuls les administrateurs de votre organisation peuvent changer ces réglages.";

const ORGANIZATION_FIELDS = {
  id: true,
  kind: true,
  name: true,
  slug: true,
  departement: true,
  policySchoolHoliday: true,
  policyPublicHoliday: true,
  policyQuietPeriod: true,
  policyOwnPeriod: true,
  verificationStatus: true,
  verificationRefusalReason: true,
} as const;

async function activeOrganization(request: Request, allowedKinds: readonly string[], message: string) {
  const { user, session, active } = await requireSession(request);
  if (!active || !allowedKinds.includes(active.organization.kind)) throw new Response(message, { status: 403 });
  const organization = await db.organization.findUnique({
    where: { id: active.organizationId },
    select: { ...ORGANIZATION_FIELDS, territory: { select: { departement: true }, orderBy: { departement: "asc" } } },
  });
  if (!organization) throw new Response(message, { status: 403 });
  return { user, session, organization, role: active.role, isAdmin: active.role === "admin" };
}

export type BuyerContext = Awaited<ReturnType<typeof requireBuyerMember>>;

/** The signed-in user acting for a buyer organisation they belong to; otherwise a French 403. */
export function requireBuyerMember(request: Request) {
  return activeOrganization(request, ["buyer"], NOT_A_BUYER_MESSAGE);
}

/** Same, for a buyer or a relay (the territory view). */
export function requireBuyerOrRelayMember(request: Request) {
  return activeOrganization(request, ["buyer", "relay"], NOT_A_BUYER_OR_RELAY_MESSAGE);
}

/**
 * The buyer member, and the record of their organisation that `find` returns; a French 404 when the
 * organisation has no such record (missing, or another organisation's).
 */
export async function requireBuyerRecord<T>(
  request: Request,
  find: (organizationId: string) => Promise<T | null | undefined>,
  notFoundMessage: string,
): Promise<{ buyer: BuyerContext; record: T }> {
  const buyer = await requireBuyerMember(request);
  return { buyer, record: await requireOwned(buyer.organization.id, find, notFoundMessage) };
}
