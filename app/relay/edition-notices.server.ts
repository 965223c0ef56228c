// Relay notifications (issue 16, point 7): when a buyer that a relay follows publishes an edition
// of its plan, every member of the relay gets one email listing what changed (the edition's diff
// with the previous edition of the same semester, app/plan/edition-diff.ts).
//
// A job per edition (relays.edition_notice), scheduled in the publishing transaction: it reads the
// committed edition, renders one message per relay (the same words for all its members) outside any
// transaction, and queues them in the transaction that marks the job done, so each member gets it
// exactly once (decision 0010). A person who belongs to two relays following the buyer gets one.
// Who follows a buyer is relaysFollowingBuyer() (./relays.server.ts): by name, by département or
// by région, verified relays only.
//
// A member may stop these emails (./notice-settings.server.ts): the completing transaction reads who
// did, and skips them without writing anything for them. Every message carries the member's own
// one-click unsubscribe link and its RFC 8058 headers; its RelayNoticeDelivery row (the link's hash,
// unique per member and edition) is written with it.
import { z } from "zod";
import { formatDateFr } from "~/calendar/format";
import { db, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { schedule, type JobHandler } from "~/jobs/queue.server";
import { prepareEmailWithBlanks, queueEmail } from "~/mail/outbox.server";
import { newUnsubscribeToken, unsubscribeHeaders } from "~/mail/unsubscribe.server";
import { diffCounts, diffEditions, diffSummaryFr, hasChanges } from "~/plan/edition-diff";
import { semesterKey, semesterLabel } from "~/plan/vocabulary";
import type { RelayNoticeItem } from "../../emails/relay-edition-notice";
import { relayNoticeSettingsUrl, relayNoticeUnsubscribeUrl } from "./notice-settings.server";
import { relaysFollowingBuyer } from "./relays.server";

export const RELAY_EDITION_NOTICE_JOB = "relays.edition_notice";
/** Changes listed in one message; the others are counted and the link shows them all. */
export const MAX_CHANGES_PER_NOTICE = 40;

/** In the publishing transaction: the relays following the buyer will be told (once). */
export function scheduleRelayEditionNotice(tx: WriteTransaction, editionId: string, now: Date) {
  return schedule(tx, {
    kind: RELAY_EDITION_NOTICE_JOB,
    dedupeKey: `${RELAY_EDITION_NOTICE_JOB}:${editionId}`,
    runAt: now,
    payload: { editionId },
  });
}

const payloadSchema = z.object({ editionId: z.string().min(1) });

function planUrl(plannedProcurementId: string): string {
  return `${env().appOrigin}/plan/${plannedProcurementId}`;
}

/** The edition's changes as the message lists them, at most MAX_CHANGES_PER_NOTICE. */
async function editionNotice(editionId: string) {
  const edition = await db.planEdition.findUnique({
    where: { id: editionId },
    include: {
      items: { orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }] },
      organization: { select: { id: true, name: true, slug: true, departement: true } },
    },
  });
  if (!edition) return null;
  const previous =
    edition.number > 1
      ? await db.planEditionItem.findMany({
          where: {
            edition: {
              organizationId: edition.organizationId,
              year: edition.year,
              half: edition.half,
              number: edition.number - 1,
            },
          },
        })
      : [];
  const diff = diffEditions(previous, edition.items);
  if (!hasChanges(diff)) return null;
  let room = MAX_CHANGES_PER_NOTICE;
  const take = <T>(list: readonly T[], toItem: (entry: T) => RelayNoticeItem) => {
    const taken = list.slice(0, Math.max(0, room)).map(toItem);
    room -= taken.length;
    return taken;
  };
  const semester = { year: edition.year, half: edition.half === 2 ? (2 as const) : (1 as const) };
  const counts = diffCounts(diff);
  const total = counts.added + counts.moved + counts.modified + counts.withdrawn;
  const lists = {
    added: take(diff.added, (item) => ({
      title: item.title,
      detail: `Publication prévue le ${formatDateFr(item.expectedPublicationDate)}`,
      url: planUrl(item.plannedProcurementId),
    })),
    moved: take(diff.moved, (moved) => ({
      title: moved.item.title,
      detail: `Déplacé du ${formatDateFr(moved.from)} au ${formatDateFr(moved.to)}${moved.fields.length ? ` ; modifié aussi : ${moved.fields.join(", ").toLowerCase()}` : ""}`,
      url: planUrl(moved.item.plannedProcurementId),
    })),
    modified: take(diff.modified, (modified) => ({
      title: modified.item.title,
      detail: `Modifié : ${modified.fields.join(", ").toLowerCase()}`,
      url: planUrl(modified.item.plannedProcurementId),
    })),
    withdrawn: take(diff.withdrawn, (item) => ({
      title: item.title,
      detail: "Retiré de la programmation",
      url: null,
    })),
  };
  return {
    buyer: edition.organization,
    props: {
      buyerName: edition.organization.name,
      semesterLabel: semesterLabel(semester),
      editionNumber: edition.number,
      summary: diffSummaryFr(counts),
      ...lists,
      moreCount: total - (MAX_CHANGES_PER_NOTICE - room),
      editionUrl: `${env().appOrigin}/acheteurs/${edition.organization.slug}/editions/${semesterKey(semester)}/${edition.number}`,
    },
  };
}

/** The job: one message per member of each relay following the buyer, queued once, but to members who stopped them. */
export const sendRelayEditionNotice: JobHandler = async (job) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) throw new Error("Avis aux relais : contenu de la tâche illisible.");
  const { editionId } = parsed.data;
  const notice = await editionNotice(editionId);
  if (!notice) return;
  const relays = await relaysFollowingBuyer(notice.buyer);
  if (relays.length === 0) return;
  // Rendered once per relay; each member's copy is filled in with their own links (byte for byte a full rendering).
  const rendered = await Promise.all(
    relays.map(async (relay) => ({
      relay,
      fill: await prepareEmailWithBlanks("relay-edition-notice", { relayName: relay.name, ...notice.props }, [
        "settingsUrl",
        "unsubscribeUrl",
      ]),
    })),
  );
  return async (tx) => {
    const seen = new Set<string>();
    let queued = 0;
    let stopped = 0;
    for (const { relay, fill } of rendered) {
      const members = await tx.membership.findMany({
        where: { organization: { slug: relay.slug } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          organizationId: true,
          user: { select: { email: true } },
          relayNoticeOptOut: { select: { createdAt: true } },
          relayNoticeDeliveries: { where: { editionId }, select: { id: true } },
        },
      });
      for (const member of members) {
        // Stopped by the member: nothing is sent or recorded (a member in two relays may still get the other's).
        if (member.relayNoticeOptOut) {
          stopped++;
          continue;
        }
        const address = member.user.email.toLowerCase();
        if (seen.has(address)) continue;
        seen.add(address);
        // Told already (a delivery row is only ever written with its message): never twice.
        if (member.relayNoticeDeliveries.length > 0) continue;
        const { token, tokenHash } = newUnsubscribeToken();
        const unsubscribeUrl = relayNoticeUnsubscribeUrl(token);
        await tx.relayNoticeDelivery.create({
          data: { membershipId: member.id, editionId, unsubscribeTokenHash: tokenHash },
        });
        await queueEmail(
          tx,
          member.user.email,
          fill(
            { settingsUrl: relayNoticeSettingsUrl(member.organizationId), unsubscribeUrl },
            { headers: unsubscribeHeaders(unsubscribeUrl) },
          ),
        );
        queued++;
      }
    }
    console.log(
      `[relays] edition ${editionId}: ${queued} notice(s) queued for ${rendered.length} relay(s)` +
        (stopped ? `, ${stopped} member(s) who stopped them skipped` : ""),
    );
  };
};
