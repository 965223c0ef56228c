// A relay member's choice to get, or not, an email at each new plan edition of a buyer their relay
// follows (./edition-notices.server.ts; decision 0025, amended 2026-12-08), and the one-click
// unsubscribe links of those emails.
//
// The choice is the member's own, for one relay: a RelayNoticeOptOut row stops the notices (no row:
// they come, the default). It is changed on the relay's page (/organisations/:id/relais), which every
// member may do for themselves, or by the link of any notice. Each message carries its own link, whose
// secret only the SHA-256 of is kept (RelayNoticeDelivery), as alert emails do (decision 0026, the
// shared pieces in app/mail/unsubscribe.server.ts): opening it changes nothing, posting to it stops the
// notices and spends it. Both rows go with the membership. Private settings, not exchanges with a
// buyer: nothing here goes on the exchange ledger.
import { hashOfWellFormedToken } from "~/auth/tokens.server";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { env } from "~/env.server";
import { UNSUBSCRIBE_LINK_RETENTION_MS } from "~/mail/unsubscribe.server";

/** Where a notice's unsubscribe link points (its secret is the last segment). */
export function relayNoticeUnsubscribeUrl(token: string): string {
  return `${env().appOrigin}/relais/desabonnement/${token}`;
}

/** The relay's page, at the member's choice (the section's id is "avis"). */
export function relayNoticeSettingsPath(relayId: string): string {
  return `/organisations/${relayId}/relais#avis`;
}

export function relayNoticeSettingsUrl(relayId: string): string {
  return `${env().appOrigin}${relayNoticeSettingsPath(relayId)}`;
}

/** Whether the member gets the notices of this relay (true unless they stopped them). */
export async function editionNoticesOn(member: { userId: string; relayId: string }): Promise<boolean> {
  const optOut = await db.relayNoticeOptOut.findFirst({
    where: { membership: { userId: member.userId, organizationId: member.relayId } },
    select: { createdAt: true },
  });
  return optOut === null;
}

/** Stops the notices for a membership, keeping the first moment they were stopped. */
function stop(tx: WriteTransaction, membershipId: string, now: Date) {
  return tx.relayNoticeOptOut.upsert({
    where: { membershipId },
    create: { membershipId, createdAt: now },
    update: {},
  });
}

/** The member's choice, saved; false when they are not (or no longer) a member of the relay. */
export async function setEditionNotices(
  member: { userId: string; relayId: string },
  on: boolean,
  now = new Date(),
): Promise<boolean> {
  return write(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: member.userId, organizationId: member.relayId } },
      select: { id: true, organization: { select: { kind: true } } },
    });
    if (!membership || membership.organization.kind !== "relay") return false;
    if (on) await tx.relayNoticeOptOut.deleteMany({ where: { membershipId: membership.id } });
    else await stop(tx, membership.id, now);
    return true;
  });
}

// ---- unsubscribe links ------------------------------------------------------------------------------

interface LinkRelay {
  relayId: string;
  relayName: string;
}

export type NoticeLinkState =
  | { state: "invalid" }
  | ({ state: "ready" } & LinkRelay)
  | ({ state: "used"; usedAt: Date; stillStopped: boolean } & LinkRelay);

export type NoticeUnsubscribeOutcome =
  | { state: "invalid" }
  | ({ state: "done" } & LinkRelay)
  | ({ state: "used"; usedAt: Date; stillStopped: boolean } & LinkRelay);

const deliverySelect = {
  id: true,
  unsubscribedAt: true,
  membership: {
    select: {
      id: true,
      organization: { select: { id: true, name: true } },
      relayNoticeOptOut: { select: { createdAt: true } },
    },
  },
} as const;

type DeliveryFound = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

function findDelivery(tokenHash: string) {
  return db.relayNoticeDelivery.findUnique({ where: { unsubscribeTokenHash: tokenHash }, select: deliverySelect });
}

function relayOf(delivery: DeliveryFound): LinkRelay {
  return { relayId: delivery.membership.organization.id, relayName: delivery.membership.organization.name };
}

function used(delivery: DeliveryFound, usedAt: Date) {
  return {
    state: "used" as const,
    ...relayOf(delivery),
    usedAt,
    stillStopped: delivery.membership.relayNoticeOptOut !== null,
  };
}

/** What a notice's unsubscribe link would do, read only (a GET changes nothing, decision 0017). */
export async function checkNoticeUnsubscribeLink(token: string): Promise<NoticeLinkState> {
  const tokenHash = hashOfWellFormedToken(token);
  const delivery = tokenHash ? await findDelivery(tokenHash) : null;
  if (!delivery) return { state: "invalid" };
  if (delivery.unsubscribedAt) return used(delivery, delivery.unsubscribedAt);
  return { state: "ready", ...relayOf(delivery) };
}

/**
 * Uses a notice's unsubscribe link: the member's notices from that relay stop and the link is
 * spent, in one transaction. A link works once: used again (a second click, a mail provider's retry)
 * it changes nothing and says when it was used; if the member turned the notices back on since, it
 * does not stop them again.
 */
export async function unsubscribeFromNotices(token: string, now = new Date()): Promise<NoticeUnsubscribeOutcome> {
  const tokenHash = hashOfWellFormedToken(token);
  if (!tokenHash) return { state: "invalid" };
  return write(async (tx) => {
    const delivery = await tx.relayNoticeDelivery.findUnique({
      where: { unsubscribeTokenHash: tokenHash },
      select: deliverySelect,
    });
    if (!delivery) return { state: "invalid" };
    if (delivery.unsubscribedAt) return used(delivery, delivery.unsubscribedAt);
    await tx.relayNoticeDelivery.update({ where: { id: delivery.id }, data: { unsubscribedAt: now } });
    await stop(tx, delivery.membership.id, now);
    return { state: "done", ...relayOf(delivery) };
  });
}

/** Deletes the delivery rows past their retention (their links then say they no longer work). */
export async function purgeOldNoticeDeliveries(now = new Date()): Promise<number> {
  const { count } = await write((tx) =>
    tx.relayNoticeDelivery.deleteMany({
      where: { createdAt: { lt: new Date(now.getTime() - UNSUBSCRIBE_LINK_RETENTION_MS) } },
    }),
  );
  return count;
}
