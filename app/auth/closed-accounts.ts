// An erased person's address is replaced by a placeholder that can never receive mail: the reserved
// top-level domain .invalid (RFC 2606) never resolves, and the outbox refuses to queue a message to
// any address under it (app/mail/outbox.server.ts).
export const CLOSED_ACCOUNT_DOMAIN = "compte-ferme.invalid";
/** A questionnaire invitation's address, erased on the request of a person without an account. */
export const ERASED_INVITEE_DOMAIN = "invitation-effacee.invalid";

/** The unique placeholder that replaces a closed account's address. */
export function closedAccountAddress(userId: string): string {
  return `${userId}@${CLOSED_ACCOUNT_DOMAIN}`;
}

/**
 * The placeholder of an invitation's erased address: one per invitation, so that a questionnaire
 * never has two invitations to the same address, and it says nothing of the person.
 */
export function erasedInviteeAddress(invitationId: string): string {
  return `${invitationId}@${ERASED_INVITEE_DOMAIN}`;
}

/** Whether mail to this address can never be delivered: a placeholder, or any address under .invalid. */
export function isUndeliverableAddress(email: string): boolean {
  return /\.invalid$/i.test(email.trim());
}
