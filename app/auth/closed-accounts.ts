// A closed account keeps its row (other records point to its id) with an address that can never
// receive mail: the reserved top-level domain .invalid (RFC 2606) never resolves, and the outbox
// refuses to queue a message to it (app/mail/outbox.server.ts).
export const CLOSED_ACCOUNT_DOMAIN = "compte-ferme.invalid";

/** The unique placeholder that replaces a closed account's address. */
export function closedAccountAddress(userId: string): string {
  return `${userId}@${CLOSED_ACCOUNT_DOMAIN}`;
}

export function isClosedAccountAddress(email: string): boolean {
  return email.toLowerCase().endsWith(`@${CLOSED_ACCOUNT_DOMAIN}`);
}
