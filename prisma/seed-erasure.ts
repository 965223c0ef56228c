// Demo erasure (issue 15): Paulo Da Silva, who runs Maçonnerie Da Silva, answered the Métropole's
// questionnaire and booked slots at its fair, then closed his account from /compte/fermer. His
// organisation's exchanges stay on the Métropole's record, each marked « Effacé à la demande de la
// personne concernée (RGPD) », his name replaced by « [effacé] »; the chain still verifies. Built
// through the domain (closeOwnAccount), as real use would leave it.
import { closeOwnAccount } from "../app/auth/erasure.server";
import { db } from "../app/db/db.server";
import { DEMO_PASSWORD } from "./seed-data";

/** The demo person who closed their account (his address no longer exists afterwards). */
export const DEMO_CLOSED_ACCOUNT = { email: "contact@maconnerie-da-silva.test", name: "Paulo Da Silva" } as const;

export async function seedDemoErasure(): Promise<{ ledgerRecords: number }> {
  const before = await db.ledgerRecord.count();
  const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_CLOSED_ACCOUNT.email }, select: { id: true } });
  const result = await closeOwnAccount(user.id, DEMO_PASSWORD);
  if (!result.ok) throw new Error(`Demo erasure refused: ${result.message}`);
  return { ledgerRecords: (await db.ledgerRecord.count()) - before };
}
