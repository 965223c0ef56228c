// After an event: the buyer records who came, writes a note per slot (reverse fair) or per meeting
// (webinar, information meeting), and publishes the slides or the recording for every supplier.
//
// Who may do what: members of the organising buyer, for everything; members of a buyer holding a
// stand at a reverse fair, for the bookings and notes of their own stands. Anything else (another
// event's slot, a registration id from elsewhere) gets one French refusal and nothing is written.
//
// Notes are ledger records: the note's text is in the record's payload, MeetingNote only indexes
// it. A note is never changed; a correction is a new note (and record) that refers to the original.
import { createHash, randomUUID } from "node:crypto";
import { formatEventWhen, formatMoment } from "~/calendar/format";
import { db, write, type WriteTransaction } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { prepareEmail, queueEmail } from "~/mail/outbox.server";
import { requireBuyerMember } from "~/plan/access.server";
import {
  GUARD_JUSTIFICATION_MIN_LENGTH,
  scanForPriceNegotiation,
  type PriceGuardFinding,
} from "~/price-guard/price-guard";
import {
  ATTENDANCE_LABELS,
  MATERIAL_KIND_LABELS,
  type AttendanceEntry,
  type MaterialInput,
  type NoteInput,
} from "./follow-up-schema";
import { EVENT_KIND_LABELS, isRegistrableKind, joinLinkJobKey, reminderJobKey } from "./registration-format";
import { eventUrl } from "./registrations.server";

export const FOLLOW_UP_MESSAGES = {
  notFound: "Cet événement n’existe pas.",
  forbidden:
    "Seuls les membres de l’acheteur qui organise cet événement, ou qui y tient un stand, peuvent saisir les présences et les comptes rendus. Si vous faites partie de plusieurs organisations, choisissez la bonne dans le menu « Agir au nom de ».",
  organizerOnly: "Seul l’acheteur qui organise l’événement peut faire cela.",
  notStarted: "Les présences se saisissent une fois l’événement commencé.",
  unknownTarget:
    "Un des rendez-vous ou des inscrits indiqués n’appartient pas à cet événement : rien n’a été enregistré.",
  unknownSlot: "Ce créneau n’appartient pas à cet événement ou à l’un de vos stands : rien n’a été enregistré.",
  slotWithoutBooking: "Personne n’a réservé ce créneau : il n’y a pas d’entretien à résumer.",
  slotRequired: "Pour un salon inversé, le compte rendu porte sur un créneau : choisissez-le.",
  noSlotForMeeting: "Ce type d’événement n’a pas de créneaux : écrivez le compte rendu de la réunion.",
  unknownNote: "Le compte rendu à corriger n’existe pas dans cet événement : rien n’a été enregistré.",
  justificationNeeded: `Ce compte rendu semble parler de prix ou de conditions du contrat. Reformulez-le, ou expliquez en ${GUARD_JUSTIFICATION_MIN_LENGTH} caractères au moins pourquoi il doit rester ainsi : la justification sera gardée au registre des échanges.`,
  eventNotPublished: "L’événement n’est pas publié : les supports se publient une fois l’événement annoncé.",
} as const;

export type FollowUpFailure = {
  ok: false;
  field: "form" | "body" | "guardJustification" | "slotId";
  message: string;
  findings?: PriceGuardFinding[];
};

export interface FollowUpActor {
  userId: string;
  name: string;
  /** The organisation the person acts for (the session's active organisation). */
  organizationId: string;
}

// ---- access --------------------------------------------------------------------------------------

export interface FollowUpScope {
  event: {
    id: string;
    kind: string;
    title: string;
    status: string;
    startsAt: Date;
    endsAt: Date;
    organizationId: string;
    organizerName: string;
  };
  organizationId: string;
  organizationName: string;
  isOrganizer: boolean;
  /** The stands whose bookings and notes this organisation manages (all of them for the organiser). */
  standIds: string[];
}

/** Who the actor is for this event, or a refusal (404-like for a missing event, 403 otherwise). */
export async function followUpScope(
  eventId: string,
  actor: FollowUpActor,
): Promise<{ ok: true; scope: FollowUpScope } | { ok: false; status: 403 | 404; message: string }> {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      kind: true,
      title: true,
      status: true,
      startsAt: true,
      endsAt: true,
      organizationId: true,
      organization: { select: { name: true } },
      stands: { select: { id: true, organizationId: true } },
    },
  });
  if (!event || event.status === "draft") {
    // A draft is only visible to its organiser.
    if (!event || event.organizationId !== actor.organizationId)
      return { ok: false, status: 404, message: FOLLOW_UP_MESSAGES.notFound };
  }
  const membership = await db.membership.findUnique({
    where: { userId_organizationId: { userId: actor.userId, organizationId: actor.organizationId } },
    select: { organization: { select: { id: true, kind: true, name: true } } },
  });
  if (!membership || membership.organization.kind !== "buyer")
    return { ok: false, status: 403, message: FOLLOW_UP_MESSAGES.forbidden };
  const isOrganizer = event.organizationId === actor.organizationId;
  const standIds = event.stands
    .filter((stand) => isOrganizer || stand.organizationId === actor.organizationId)
    .map((stand) => stand.id);
  // Another buyer's event is not theirs to follow up: the same answer as an event that does not exist.
  if (!isOrganizer && standIds.length === 0) return { ok: false, status: 404, message: FOLLOW_UP_MESSAGES.notFound };
  return {
    ok: true,
    scope: {
      event: {
        id: event.id,
        kind: event.kind,
        title: event.title,
        status: event.status,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        organizationId: event.organizationId,
        organizerName: event.organization.name,
      },
      organizationId: actor.organizationId,
      organizationName: membership.organization.name,
      isOrganizer,
      standIds,
    },
  };
}

/** The buyer member and their scope on the event's follow-up page; the French 403 or 404 otherwise. */
export async function requireFollowUpScope(request: Request, eventId: string) {
  const buyer = await requireBuyerMember(request);
  const actor = { userId: buyer.user.id, name: buyer.user.name, organizationId: buyer.organization.id };
  const scope = await followUpScope(eventId, actor);
  if (!scope.ok) throw new Response(scope.message, { status: scope.status });
  return { actor, scope: scope.scope };
}

const ledgerActor = (actor: FollowUpActor, scope: FollowUpScope) => ({
  userId: actor.userId,
  label: `${actor.name} (${scope.organizationName})`,
});

// ---- attendance ----------------------------------------------------------------------------------

export async function recordAttendance(
  actor: FollowUpActor,
  scope: FollowUpScope,
  entries: readonly AttendanceEntry[],
  now = new Date(),
): Promise<{ ok: true; changed: number } | FollowUpFailure> {
  if (now < scope.event.startsAt) return { ok: false, field: "form", message: FOLLOW_UP_MESSAGES.notStarted };
  return write(async (tx) => {
    // Check every entry before writing anything: one foreign id refuses the whole form.
    const resolved: Array<{
      entry: AttendanceEntry;
      current: string | null;
      supplierOrganizationId: string;
      label: string;
    }> = [];
    for (const entry of entries) {
      if (entry.target === "booking") {
        const booking = await tx.booking.findUnique({
          where: { id: entry.id },
          select: {
            eventId: true,
            standId: true,
            attendance: true,
            supplierOrganizationId: true,
            supplierOrganization: { select: { name: true } },
            slot: { select: { startsAt: true } },
          },
        });
        if (!booking || booking.eventId !== scope.event.id || !scope.standIds.includes(booking.standId)) {
          return { ok: false as const, field: "form" as const, message: FOLLOW_UP_MESSAGES.unknownTarget };
        }
        resolved.push({
          entry,
          current: booking.attendance,
          supplierOrganizationId: booking.supplierOrganizationId,
          label: booking.supplierOrganization.name,
        });
      } else {
        const registration = await tx.registration.findUnique({
          where: { id: entry.id },
          select: { eventId: true, status: true, attendance: true, organizationId: true, email: true },
        });
        if (
          !registration ||
          registration.eventId !== scope.event.id ||
          registration.status !== "confirmed" ||
          !scope.isOrganizer
        ) {
          return { ok: false as const, field: "form" as const, message: FOLLOW_UP_MESSAGES.unknownTarget };
        }
        const organization = await tx.organization.findUnique({
          where: { id: registration.organizationId },
          select: { name: true },
        });
        resolved.push({
          entry,
          current: registration.attendance,
          supplierOrganizationId: registration.organizationId,
          label: organization?.name ?? registration.email,
        });
      }
    }
    let changed = 0;
    for (const { entry, current, supplierOrganizationId, label } of resolved) {
      if (current === entry.attendance) continue;
      if (entry.target === "booking")
        await tx.booking.update({ where: { id: entry.id }, data: { attendance: entry.attendance } });
      else await tx.registration.update({ where: { id: entry.id }, data: { attendance: entry.attendance } });
      await appendExchange(tx, {
        kind: "meeting.attendance_recorded",
        actor: ledgerActor(actor, scope),
        organizationIds: [scope.event.organizationId, scope.organizationId, supplierOrganizationId],
        eventId: scope.event.id,
        summary: `${label} : ${ATTENDANCE_LABELS[entry.attendance].toLowerCase()} à « ${scope.event.title} »`,
        payload: { target: entry.target, id: entry.id, attendance: entry.attendance, previous: current },
        occurredAt: now,
      });
      changed++;
    }
    return { ok: true as const, changed };
  });
}

// ---- notes ---------------------------------------------------------------------------------------

/** What the note is about: a booked slot (its supplier) or the whole meeting. */
async function noteSubject(tx: WriteTransaction, scope: FollowUpScope, slotId: string | undefined) {
  const isFair = scope.event.kind === "reverse_fair";
  if (!slotId) {
    if (isFair) return { ok: false as const, field: "slotId" as const, message: FOLLOW_UP_MESSAGES.slotRequired };
    if (!scope.isOrganizer)
      return { ok: false as const, field: "form" as const, message: FOLLOW_UP_MESSAGES.organizerOnly };
    return { ok: true as const, slotId: null, supplierOrganizationId: null, label: "la réunion" };
  }
  if (!isFair) return { ok: false as const, field: "slotId" as const, message: FOLLOW_UP_MESSAGES.noSlotForMeeting };
  const slot = await tx.slot.findUnique({
    where: { id: slotId },
    select: {
      eventId: true,
      standId: true,
      startsAt: true,
      booking: { select: { supplierOrganizationId: true, supplierOrganization: { select: { name: true } } } },
    },
  });
  if (!slot || slot.eventId !== scope.event.id || !scope.standIds.includes(slot.standId)) {
    return { ok: false as const, field: "form" as const, message: FOLLOW_UP_MESSAGES.unknownSlot };
  }
  if (!slot.booking)
    return { ok: false as const, field: "form" as const, message: FOLLOW_UP_MESSAGES.slotWithoutBooking };
  return {
    ok: true as const,
    slotId,
    supplierOrganizationId: slot.booking.supplierOrganizationId,
    label: `l’entretien avec ${slot.booking.supplierOrganization.name}`,
  };
}

export type NoteOutcome = { ok: true; noteId: string; ledgerSequence: number } | FollowUpFailure;

/**
 * Writes a note, or a correction of one. The price guard reads it first: a note that talks about
 * prices or contract terms needs a written justification, kept on the ledger with the note.
 */
export async function writeNote(
  actor: FollowUpActor,
  scope: FollowUpScope,
  input: Omit<NoteInput, "intent">,
  now = new Date(),
): Promise<NoteOutcome> {
  const findings = scanForPriceNegotiation([{ field: "body", label: "Compte rendu", text: input.body }]);
  const justification = input.guardJustification?.trim() ?? "";
  if (findings.length > 0 && justification.length < GUARD_JUSTIFICATION_MIN_LENGTH) {
    return { ok: false, field: "guardJustification", message: FOLLOW_UP_MESSAGES.justificationNeeded, findings };
  }
  return write(async (tx): Promise<NoteOutcome> => {
    let original: {
      id: string;
      ledgerSequence: number;
      slotId: string | null;
      supplierOrganizationId: string | null;
    } | null = null;
    let subject: { slotId: string | null; supplierOrganizationId: string | null; label: string };
    if (input.correctsNoteId) {
      const target = await tx.meetingNote.findUnique({ where: { id: input.correctsNoteId } });
      // Corrections always refer to the original note, even when correcting a correction.
      const root = target?.correctsNoteId
        ? await tx.meetingNote.findUnique({ where: { id: target.correctsNoteId } })
        : target;
      if (!root || root.eventId !== scope.event.id)
        return { ok: false, field: "form", message: FOLLOW_UP_MESSAGES.unknownNote };
      const rootSubject = await noteSubject(tx, scope, root.slotId ?? undefined);
      // The slot may have lost its booking since: the original's supplier stays the subject.
      if (!rootSubject.ok && rootSubject.message !== FOLLOW_UP_MESSAGES.slotWithoutBooking) {
        return { ok: false, field: "form", message: FOLLOW_UP_MESSAGES.unknownNote };
      }
      original = root;
      subject = {
        slotId: root.slotId,
        supplierOrganizationId: root.supplierOrganizationId,
        label: rootSubject.ok ? rootSubject.label : "l’entretien",
      };
    } else {
      const found = await noteSubject(tx, scope, input.slotId);
      if (!found.ok) return found;
      subject = found;
    }

    const noteId = randomUUID();
    const correcting = original !== null;
    const record = await appendExchange(tx, {
      kind: correcting ? "meeting.note_corrected" : "meeting.note_written",
      actor: ledgerActor(actor, scope),
      organizationIds: [
        scope.event.organizationId,
        scope.organizationId,
        ...(subject.supplierOrganizationId ? [subject.supplierOrganizationId] : []),
      ],
      eventId: scope.event.id,
      summary: correcting
        ? `Correction du compte rendu de ${subject.label} (« ${scope.event.title} »)`
        : `Compte rendu de ${subject.label} (« ${scope.event.title} »)`,
      payload: {
        noteId,
        slotId: subject.slotId,
        supplierOrganizationId: subject.supplierOrganizationId,
        body: input.body,
        bodySha256: createHash("sha256").update(input.body).digest("hex"),
        correctsNoteId: original?.id ?? null,
        correctsLedgerSequence: original?.ledgerSequence ?? null,
        priceGuard:
          findings.length > 0
            ? { findings: findings.map((finding) => ({ rule: finding.rule, match: finding.match })), justification }
            : null,
      },
      occurredAt: now,
    });
    await tx.meetingNote.create({
      data: {
        id: noteId,
        eventId: scope.event.id,
        slotId: subject.slotId,
        supplierOrganizationId: subject.supplierOrganizationId,
        body: input.body,
        guardJustification: findings.length > 0 ? justification : null,
        correctsNoteId: original?.id ?? null,
        ledgerSequence: record.sequence,
        authorId: actor.userId,
        createdAt: now,
      },
    });
    return { ok: true, noteId, ledgerSequence: record.sequence };
  });
}

// ---- materials -----------------------------------------------------------------------------------

/** Everyone who booked a slot or registered (confirmed or waiting): attendance does not matter. */
async function materialRecipients(tx: WriteTransaction, eventId: string) {
  const registrations = await tx.registration.findMany({
    where: { eventId, status: { in: ["confirmed", "waiting"] } },
    select: { email: true, organizationId: true },
  });
  const bookings = await tx.booking.findMany({
    where: { eventId },
    select: { bookedById: true, supplierOrganizationId: true },
  });
  const bookers = await tx.user.findMany({
    where: { id: { in: bookings.map((booking) => booking.bookedById) } },
    select: { email: true },
  });
  const emails = [...new Set([...registrations.map((row) => row.email), ...bookers.map((user) => user.email)])].sort();
  const organizationIds = [
    ...new Set([
      ...registrations.map((row) => row.organizationId),
      ...bookings.map((booking) => booking.supplierOrganizationId),
    ]),
  ];
  return { emails, organizationIds };
}

export async function publishMaterial(
  actor: FollowUpActor,
  scope: FollowUpScope,
  input: Omit<MaterialInput, "intent">,
  now = new Date(),
): Promise<{ ok: true; materialId: string; recipients: number } | FollowUpFailure> {
  if (!scope.isOrganizer) return { ok: false, field: "form", message: FOLLOW_UP_MESSAGES.organizerOnly };
  if (scope.event.status !== "published")
    return { ok: false, field: "form", message: FOLLOW_UP_MESSAGES.eventNotPublished };
  // One message for everybody, rendered once.
  const email = await prepareEmail("event-materials", {
    eventTitle: scope.event.title,
    organizerName: scope.event.organizerName,
    materials: [{ kindLabel: MATERIAL_KIND_LABELS[input.kind], title: input.title, url: input.url }],
    eventUrl: eventUrl(scope.event.id),
  });
  return write(async (tx) => {
    const material = await tx.eventMaterial.create({
      data: {
        eventId: scope.event.id,
        kind: input.kind,
        title: input.title,
        url: input.url,
        publishedById: actor.userId,
        publishedAt: now,
      },
    });
    const recipients = await materialRecipients(tx, scope.event.id);
    for (const to of recipients.emails) await queueEmail(tx, to, email);
    await appendExchange(tx, {
      kind: "meeting.materials_published",
      actor: ledgerActor(actor, scope),
      organizationIds: [scope.event.organizationId, ...recipients.organizationIds],
      eventId: scope.event.id,
      summary: `${MATERIAL_KIND_LABELS[input.kind]} publié pour toutes les entreprises : « ${input.title} » (« ${scope.event.title} »)`,
      payload: {
        materialId: material.id,
        kind: input.kind,
        title: input.title,
        url: input.url,
        announcedTo: recipients.emails.length,
        public: true,
      },
      occurredAt: now,
    });
    return { ok: true as const, materialId: material.id, recipients: recipients.emails.length };
  });
}

// ---- the follow-up page --------------------------------------------------------------------------

export interface NoteView {
  id: string;
  body: string;
  authorName: string;
  createdAt: string;
  guardJustification: string | null;
  ledgerSequence: number;
}

export interface NoteThread {
  original: NoteView;
  corrections: NoteView[];
}

function threadsBy(
  notes: Array<NoteView & { correctsNoteId: string | null; slotId: string | null }>,
): Map<string | null, NoteThread[]> {
  const originals = notes.filter((note) => !note.correctsNoteId);
  const bySlot = new Map<string | null, NoteThread[]>();
  for (const original of originals) {
    const thread: NoteThread = { original, corrections: notes.filter((note) => note.correctsNoteId === original.id) };
    const list = bySlot.get(original.slotId) ?? [];
    list.push(thread);
    bySlot.set(original.slotId, list);
  }
  return bySlot;
}

export async function followUpPage(scope: FollowUpScope) {
  const eventId = scope.event.id;
  const [bookings, registrations, notes, materials] = await Promise.all([
    db.booking.findMany({
      where: { eventId, standId: { in: scope.standIds } },
      select: {
        id: true,
        slotId: true,
        attendance: true,
        supplierOrganization: { select: { name: true } },
        slot: { select: { startsAt: true, endsAt: true, stand: { select: { name: true } } } },
      },
    }),
    scope.isOrganizer && isRegistrableKind(scope.event.kind)
      ? db.registration.findMany({
          where: { eventId, status: "confirmed" },
          orderBy: { createdAt: "asc" },
          select: { id: true, userId: true, organizationId: true, attendance: true, email: true },
        })
      : Promise.resolve([]),
    db.meetingNote.findMany({ where: { eventId }, orderBy: { createdAt: "asc" } }),
    db.eventMaterial.findMany({ where: { eventId }, orderBy: { publishedAt: "asc" } }),
  ]);
  const scheduled = await scheduledMessages(scope);
  const userIds = [...new Set([...registrations.map((row) => row.userId), ...notes.map((note) => note.authorId)])];
  const [users, organizations] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db.organization.findMany({
      where: { id: { in: registrations.map((row) => row.organizationId) } },
      select: { id: true, name: true },
    }),
  ]);
  const userName = new Map(users.map((user) => [user.id, user.name]));
  const organizationName = new Map(organizations.map((organization) => [organization.id, organization.name]));
  // Only the notes of slots in scope (a stand holder does not read another stand's notes).
  const slotIdsInScope = new Set(bookings.map((booking) => booking.slotId));
  const visibleNotes = notes.filter((note) => (note.slotId ? slotIdsInScope.has(note.slotId) : scope.isOrganizer));
  const threads = threadsBy(
    visibleNotes.map((note) => ({
      id: note.id,
      slotId: note.slotId,
      correctsNoteId: note.correctsNoteId,
      body: note.body,
      authorName: userName.get(note.authorId) ?? "—",
      createdAt: note.createdAt.toISOString(),
      guardJustification: note.guardJustification,
      ledgerSequence: note.ledgerSequence,
    })),
  );
  return {
    event: {
      ...scope.event,
      kindLabel: EVENT_KIND_LABELS[scope.event.kind] ?? "Événement",
      when: formatEventWhen(scope.event.startsAt, scope.event.endsAt),
      started: new Date() >= scope.event.startsAt,
    },
    isOrganizer: scope.isOrganizer,
    organizationName: scope.organizationName,
    bookings: bookings
      .sort((a, b) => a.slot.startsAt.getTime() - b.slot.startsAt.getTime())
      .map((booking) => ({
        id: booking.id,
        slotId: booking.slotId,
        standName: booking.slot.stand.name,
        supplierName: booking.supplierOrganization.name,
        when: formatEventWhen(booking.slot.startsAt, booking.slot.endsAt),
        attendance: booking.attendance,
        notes: threads.get(booking.slotId) ?? [],
      })),
    registrations: registrations.map((row) => ({
      id: row.id,
      personName: userName.get(row.userId) ?? row.email,
      organizationName: organizationName.get(row.organizationId) ?? "—",
      attendance: row.attendance,
    })),
    meetingNotes: scope.isOrganizer ? (threads.get(null) ?? []) : [],
    scheduled,
    materials: materials.map((material) => ({
      id: material.id,
      kind: material.kind,
      title: material.title,
      url: material.url,
      publishedAt: material.publishedAt.toISOString(),
    })),
  };
}

export type FollowUpPageData = Awaited<ReturnType<typeof followUpPage>>;

const JOB_STATUS_LABELS: Record<string, string> = {
  pending: "prévu",
  running: "en cours d’envoi",
  done: "fait",
  failed: "en échec",
};

/** The organiser sees when the join link and the reminder go out, and why one failed. */
async function scheduledMessages(scope: FollowUpScope) {
  if (!scope.isOrganizer || !isRegistrableKind(scope.event.kind)) return [];
  const [event, jobs] = await Promise.all([
    db.event.findUnique({ where: { id: scope.event.id }, select: { joinLinkSentAt: true } }),
    db.job.findMany({ where: { dedupeKey: { in: [joinLinkJobKey(scope.event.id), reminderJobKey(scope.event.id)] } } }),
  ]);
  const describe = (key: string, label: string) => {
    const job = jobs.find((candidate) => candidate.dedupeKey === key);
    if (!job) return { label, status: "Pas encore programmé : il le sera à la première inscription.", failed: false };
    const when = job.status === "done" && job.completedAt ? formatMoment(job.completedAt) : formatMoment(job.runAt);
    return {
      label,
      status: `${JOB_STATUS_LABELS[job.status] ?? job.status} (${when})${job.status === "failed" && job.lastError ? ` : ${job.lastError}` : ""}`,
      failed: job.status === "failed",
    };
  };
  const joinLink = describe(
    joinLinkJobKey(scope.event.id),
    "Lien de connexion, envoyé à tous les inscrits en même temps",
  );
  if (event?.joinLinkSentAt) joinLink.status = `envoyé le ${formatMoment(event.joinLinkSentAt)}`;
  return [joinLink, describe(reminderJobKey(scope.event.id), "Rappel la veille")];
}
