// Everyone an event-wide message goes to (its cancellation, its move): the suppliers who booked a
// slot, those waiting at a stand, the people registered or waiting for a place. Read inside the
// caller's write transaction, so that a booking or registration committed just before is included
// and none can slip in after. One address gets one message, with an .ics for each booking or
// registration that holds a place (the caller decides whether it updates or removes the entry).
import { db, type WriteTransaction } from "~/db/db.server";
import { queueEmail, type EmailAttachment, type RenderedEmail } from "~/mail/outbox.server";
import { slotContext, type SlotContext } from "./bookings.server";

type Person = { name: string; email: string };

export interface AudienceInvitations {
  booking: (
    slot: SlotContext,
    booking: { supplierOrganizationId: string; icsSequence: number },
    booker: Person,
  ) => EmailAttachment;
  registration: (registration: { id: string; icsSequence: number }, person: Person) => EmailAttachment;
}

export interface Audience {
  attachmentsByEmail: Map<string, EmailAttachment[]>;
  organizationIds: string[];
  counts: { bookings: number; waitingAtStands: number; registrations: number };
}

export async function eventAudience(
  tx: WriteTransaction,
  eventId: string,
  invitations: AudienceInvitations,
): Promise<Audience> {
  const [bookedSlots, waitlist, registrations] = await Promise.all([
    tx.slot.findMany({
      where: { eventId, booking: { isNot: null } },
      select: {
        ...slotContext,
        booking: { select: { supplierOrganizationId: true, bookedById: true, icsSequence: true } },
      },
    }),
    tx.standWaitlistEntry.findMany({
      where: { stand: { eventId } },
      select: { userId: true, supplierOrganizationId: true },
    }),
    tx.registration.findMany({
      where: { eventId, status: { in: ["confirmed", "waiting"] } },
      select: { id: true, userId: true, email: true, organizationId: true, status: true, icsSequence: true },
    }),
  ]);
  const userIds = [
    ...new Set([
      ...bookedSlots.map((slot) => slot.booking!.bookedById),
      ...waitlist.map((entry) => entry.userId),
      ...registrations.map((registration) => registration.userId),
    ]),
  ];
  const users = new Map(
    (await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (user) => [user.id, user],
    ),
  );

  const attachmentsByEmail = new Map<string, EmailAttachment[]>();
  const organizationIds = new Set<string>();
  const add = (address: string | undefined, attachment?: EmailAttachment) => {
    if (!address) return;
    const list = attachmentsByEmail.get(address) ?? [];
    if (attachment) list.push(attachment);
    attachmentsByEmail.set(address, list);
  };
  for (const slot of bookedSlots) {
    const booking = slot.booking!;
    const booker = users.get(booking.bookedById);
    organizationIds.add(booking.supplierOrganizationId);
    if (booker) add(booker.email, invitations.booking(slot, booking, { name: booker.name, email: booker.email }));
  }
  for (const entry of waitlist) {
    organizationIds.add(entry.supplierOrganizationId);
    add(users.get(entry.userId)?.email);
  }
  for (const registration of registrations) {
    organizationIds.add(registration.organizationId);
    const person = { name: users.get(registration.userId)?.name ?? registration.email, email: registration.email };
    add(
      registration.email,
      registration.status === "confirmed" ? invitations.registration(registration, person) : undefined,
    );
  }
  return {
    attachmentsByEmail,
    organizationIds: [...organizationIds],
    counts: { bookings: bookedSlots.length, waitingAtStands: waitlist.length, registrations: registrations.length },
  };
}

/** How many bookings, places in line at stands and registrations (confirmed or waiting) an event has: what its edit and cancel pages announce. */
export async function audienceCounts(
  eventId: string,
): Promise<{ bookings: number; waiting: number; registrations: number }> {
  const [bookings, waiting, registrations] = await Promise.all([
    db.booking.count({ where: { eventId } }),
    db.standWaitlistEntry.count({ where: { stand: { eventId } } }),
    db.registration.count({ where: { eventId, status: { in: ["confirmed", "waiting"] } } }),
  ]);
  return { bookings, waiting, registrations };
}

/** The agenda entries just sent carry the next sequence number: count it for the next change. */
export async function advanceInvitationSequences(tx: WriteTransaction, eventId: string): Promise<void> {
  await tx.registration.updateMany({
    where: { eventId, status: "confirmed" },
    data: { icsSequence: { increment: 1 } },
  });
  await tx.booking.updateMany({ where: { eventId }, data: { icsSequence: { increment: 1 } } });
}

/** The same rendered message to every address, in a stable order. */
export async function queueForAudience(tx: WriteTransaction, audience: Audience, email: RenderedEmail): Promise<void> {
  for (const [address, attachments] of [...audience.attachmentsByEmail].sort(([a], [b]) => a.localeCompare(b)))
    await queueEmail(tx, address, email, attachments);
}
