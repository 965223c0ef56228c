// Who may use a relay's settings page (/organisations/:id/relais): a member of that organisation,
// which must be a relay. Another organisation's id answers 404 like an unknown one; a buyer's or a
// supplier's own id answers 403 (they never follow as a relay). Only admins change the settings.
import { requireSession } from "~/auth/session.server";
import { organizationForMember } from "~/organizations/organizations.server";
import { requireOwned } from "~/organizations/owned.server";
import { findRelaySettings } from "./relays.server";

export const NOT_A_MEMBER_MESSAGE = "Cette page est réservée aux membres de l'organisation.";
export const NOT_A_RELAY_MESSAGE =
  "Cette page est réservée aux réseaux relais (CCI, CMA, CRESS, réseaux d'entreprises) : un acheteur ou une entreprise ne suit pas d'autres acheteurs. Pour recevoir les annonces qui vous concernent, utilisez les alertes de votre compte.";
export const RELAY_ADMIN_ONLY_MESSAGE = "Seuls les administrateurs du réseau peuvent changer ces réglages.";

export async function requireRelayMember(request: Request, organizationId: string) {
  const { user } = await requireSession(request);
  const membership = await requireOwned(
    organizationId,
    (id) => organizationForMember(id, user.id),
    NOT_A_MEMBER_MESSAGE,
  );
  const relay = membership.organization.kind === "relay" ? await findRelaySettings(organizationId) : null;
  if (!relay) throw new Response(NOT_A_RELAY_MESSAGE, { status: 403 });
  return { user, relay, isAdmin: membership.role === "admin" };
}

/** The same, for an administrator of the relay (a plain member gets a French 403). */
export async function requireRelayAdmin(request: Request, organizationId: string) {
  const member = await requireRelayMember(request, organizationId);
  if (!member.isAdmin) throw new Response(RELAY_ADMIN_ONLY_MESSAGE, { status: 403 });
  return member;
}
