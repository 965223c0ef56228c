// Marking a planned procurement as launched: the notice is out (BOAMP, JOUE, the buyer profile).
// The procurement's state and the ledger record change in one transaction. Marking it again is a
// correction: a new record that names the one it corrects; the earlier record stays.
import { instantWithinParisDate, todayInParis } from "~/calendar/dates";
import { formatDateFr } from "~/calendar/format";
import { write } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { LAUNCH_MESSAGES, type LaunchInput } from "./launch";
import type { PlanActor } from "./plan.server";

export type LaunchResult =
  { ok: true; sequence: number; corrected: boolean } | { ok: false; message: string; notFound?: boolean };

export async function markProcurementLaunched(
  actor: PlanActor,
  organization: { id: string; name: string },
  procurementId: string,
  input: LaunchInput,
  now = new Date(),
): Promise<LaunchResult> {
  if (input.launchedOn > todayInParis(now)) return { ok: false, message: LAUNCH_MESSAGES.dateInFuture };
  return write(async (tx): Promise<LaunchResult> => {
    const current = await tx.plannedProcurement.findFirst({
      where: { id: procurementId, organizationId: organization.id },
      select: { title: true, status: true, launchedOn: true },
    });
    if (!current) return { ok: false, message: "Cet achat n'existe pas.", notFound: true };
    if (current.status === "abandoned") return { ok: false, message: LAUNCH_MESSAGES.withdrawn };
    const previous = current.launchedOn
      ? await tx.ledgerRecord.findFirst({
          where: { kind: "procurement.launched", plannedProcurementId: procurementId },
          orderBy: { sequence: "desc" },
          select: { sequence: true },
        })
      : null;
    await tx.plannedProcurement.update({
      where: { id: procurementId },
      data: {
        // An awarded procurement stays awarded; anything before becomes "consultation publiée".
        status: current.status === "awarded" ? "awarded" : "published",
        buyerProfileUrl: input.noticeUrl,
        launchedOn: input.launchedOn,
        launchNoticeReference: input.noticeReference,
      },
    });
    const day = formatDateFr(input.launchedOn);
    const record = await appendExchange(tx, {
      kind: "procurement.launched",
      actor: { userId: actor.id, label: `${actor.name} (${organization.name})` },
      organizationIds: [organization.id],
      plannedProcurementId: procurementId,
      summary: previous
        ? `Correction du lancement de « ${current.title} » : avis ${input.noticeReference} publié le ${day}.`
        : `La consultation « ${current.title} » est lancée : avis ${input.noticeReference} publié le ${day}.`,
      payload: {
        launchedOn: input.launchedOn,
        noticeReference: input.noticeReference,
        noticeUrl: input.noticeUrl,
        previousStatus: current.status,
        corrects: previous?.sequence ?? null,
        recordedAt: now.toISOString(),
      },
      // The record carries the day of the launch; recordedAt says when it was written down.
      occurredAt: instantWithinParisDate(input.launchedOn),
    });
    return { ok: true, sequence: record.sequence, corrected: previous !== null };
  });
}
