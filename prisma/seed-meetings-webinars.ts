// Demo webinars and information meetings (issue 5, second half), called by prisma/seed-meetings.ts:
// - a lunchtime webinar of the Métropole Rhône-Confluence in December 2026, full, with people on
//   its waiting list, its join link and reminder scheduled in the job queue;
// - a past information meeting of the Communauté d'agglomération Picardie-Somme with attendance,
//   a note and its correction, and the slides published for every supplier.
// Everything goes through the domain code (registrations, follow-up), so that the ledger, the
// outbox and the jobs hold what the application itself would have written.
import { db, write } from "../app/db/db.server";
import { appendExchange } from "../app/ledger/ledger.server";
import { followUpScope, publishMaterial, recordAttendance, writeNote } from "../app/meetings/follow-up.server";
import { register, scheduleEventJobs } from "../app/meetings/registrations.server";
import { parisLocalToUtc } from "../app/meetings/slots";
import { allowedDemoDay, lastAllowedDemoDay } from "./seed-days";

export interface DemoWebinarsSummary {
  events: number;
  ledgerRecords: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function organizationBySlug(slug: string) {
  const organization = await db.organization.findUnique({
    where: { slug },
    select: {
      id: true,
      name: true,
      departement: true,
      memberships: {
        select: { user: { select: { id: true, name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!organization) throw new Error(`Demo organisation ${slug} is missing: seed the organisations first`);
  const user = organization.memberships[0]?.user;
  if (!user) throw new Error(`Demo organisation ${slug} has no member`);
  return { ...organization, user };
}

async function createPublishedEvent(input: {
  kind: "webinar" | "info_meeting";
  organizer: Awaited<ReturnType<typeof organizationBySlug>>;
  title: string;
  description: string;
  date: string;
  from: string;
  to: string;
  capacity: number;
  onlineUrl?: string;
  location?: string;
  publishedAt: Date;
}) {
  const startsAt = parisLocalToUtc(input.date, input.from);
  const endsAt = parisLocalToUtc(input.date, input.to);
  return write(async (tx) => {
    const event = await tx.event.create({
      data: {
        kind: input.kind,
        organizationId: input.organizer.id,
        title: input.title,
        description: input.description,
        departement: input.organizer.departement,
        location: input.location ?? null,
        onlineUrl: input.onlineUrl ?? null,
        startsAt,
        endsAt,
        eventDate: input.date,
        registrationDeadline: new Date(startsAt.getTime() - 2 * HOUR),
        capacity: input.capacity,
        status: "published",
        publishedAt: input.publishedAt,
        createdById: input.organizer.user.id,
      },
    });
    await appendExchange(tx, {
      kind: "meeting.event_published",
      actor: { userId: input.organizer.user.id, label: input.organizer.user.name },
      organizationIds: [input.organizer.id],
      eventId: event.id,
      summary: `${input.organizer.name} publie « ${input.title} »`,
      payload: { kind: input.kind, eventDate: input.date, capacity: input.capacity },
      occurredAt: input.publishedAt,
    });
    await scheduleEventJobs(tx, event);
    return event;
  });
}

async function registerAll(eventId: string, slugs: readonly string[], now: Date) {
  for (const [index, slug] of slugs.entries()) {
    const supplier = await organizationBySlug(slug);
    const outcome = await register(
      { eventId, userId: supplier.user.id, organizationId: supplier.id, waitingList: true },
      new Date(now.getTime() + index * 7 * 60_000),
    );
    if (!outcome.ok) throw new Error(`Demo registration of ${slug} refused: ${outcome.message}`);
  }
}

export async function seedDemoWebinars(): Promise<DemoWebinarsSummary> {
  const ledgerBefore = await db.ledgerRecord.count();

  // A full webinar at lunchtime, on the first Tuesday at least three weeks ahead that its
  // organiser's calendar allows; published and filled in the past weeks.
  const metropole = await organizationBySlug("metropole-rhone-confluence");
  const webinarDate = await allowedDemoDay(metropole, 21, 2);
  const now = Date.now();
  const webinar = await createPublishedEvent({
    kind: "webinar",
    organizer: metropole,
    title: "Restauration collective 2027 : nos besoins expliqués aux entreprises",
    description:
      "La Métropole présente ses achats de restauration collective prévus en 2027 (cantines scolaires, portage de repas) : volumes, calendrier, allotissement envisagé et part de produits locaux. " +
      "Une demi-heure de présentation, une demi-heure de questions. Les réponses données pendant le webinaire seront publiées pour toutes les entreprises.",
    date: webinarDate,
    from: "12:30",
    to: "13:30",
    capacity: 4,
    onlineUrl: "https://visio.exemple.fr/amont/restauration-collective-2027",
    publishedAt: new Date(now - 20 * DAY),
  });
  // Seven registrations for four places: three on the waiting list, in arrival order. Menuiserie
  // Perrin (fournisseur@amont.test) is left out, to try the waiting list in the demo.
  await registerAll(
    webinar.id,
    [
      "saveurs-du-plateau",
      "jardins-de-la-confluence",
      "coursiers-confluence",
      "interim-solidaire-rhone",
      "logiciels-civiques",
      "batisseurs-val-de-saone",
      "electricite-garnier",
    ],
    new Date(now - 19 * DAY),
  );

  // A past information meeting, in person, with its follow-up.
  const agglo = await organizationBySlug("agglo-picardie-somme");
  const meetingDate = await lastAllowedDemoDay(agglo, 30);
  const meetingStart = parisLocalToUtc(meetingDate, "10:00").getTime();
  const meeting = await createPublishedEvent({
    kind: "info_meeting",
    organizer: agglo,
    title: "Entretien des espaces verts 2027-2030 : réunion d’information",
    description:
      "Présentation du futur marché d’entretien des espaces verts de l’agglomération (4 lots géographiques, dont un réservé aux structures d’insertion) et échanges avec les entreprises du secteur.",
    date: meetingDate,
    from: "10:00",
    to: "11:30",
    capacity: 30,
    location: "Hôtel d’agglomération, salle du conseil, 10 rue des Jacobins, 80000 Amiens",
    publishedAt: new Date(meetingStart - 24 * DAY),
  });
  const attendees = ["somme-paysages", "table-de-somme", "esat-ateliers-du-santerre", "picardie-proprete"];
  await registerAll(meeting.id, attendees, new Date(meetingStart - 16 * DAY));

  const afterMeeting = new Date(meeting.endsAt.getTime() + 3 * HOUR);
  const actor = { userId: agglo.user.id, name: agglo.user.name, organizationId: agglo.id };
  const scope = await followUpScope(meeting.id, actor);
  if (!scope.ok) throw new Error(`Demo follow-up refused: ${scope.message}`);
  const registrations = await db.registration.findMany({
    where: { eventId: meeting.id, status: "confirmed" },
    orderBy: { createdAt: "asc" },
  });
  const attendance = await recordAttendance(
    actor,
    scope.scope,
    registrations.map((registration, index) => ({
      target: "registration" as const,
      id: registration.id,
      attendance: index === 3 ? ("absent" as const) : ("present" as const),
    })),
    afterMeeting,
  );
  if (!attendance.ok) throw new Error(attendance.message);

  const note = await writeNote(
    actor,
    scope.scope,
    {
      body:
        "Trois entreprises présentes sur quatre inscrites. Questions principales : la taille des lots (les entreprises locales préfèrent quatre lots plutôt que deux), " +
        "la période de démarrage (éviter avril, pleine saison), le matériel électrique exigé en centre-ville. Les structures d’insertion confirment leur intérêt pour le lot réservé.",
    },
    afterMeeting,
  );
  if (!note.ok) throw new Error(note.message);
  const correction = await writeNote(
    actor,
    scope.scope,
    {
      correctsNoteId: note.noteId,
      body: "Correction : le matériel électrique est envisagé pour le seul lot du centre-ville, pas pour les quatre lots.",
    },
    new Date(afterMeeting.getTime() + 20 * 60_000),
  );
  if (!correction.ok) throw new Error(correction.message);

  const material = await publishMaterial(
    actor,
    scope.scope,
    {
      kind: "slides",
      title: "Diaporama de la réunion d’information",
      url: "https://documents.exemple.fr/agglo-picardie-somme/espaces-verts-2027.pdf",
    },
    new Date(afterMeeting.getTime() + 24 * HOUR),
  );
  if (!material.ok) throw new Error(material.message);

  return { events: 2, ledgerRecords: (await db.ledgerRecord.count()) - ledgerBefore };
}
