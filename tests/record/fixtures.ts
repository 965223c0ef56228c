// A procurement whose record holds every kind of exchange, built through the domain functions:
// its questionnaire (publication, opening, answers, invitations, clarification, export, early
// closing), a webinar that presents it (registrations, waiting list, move, materials, attendance, a
// note and its correction), a cancelled meeting, another buyer's fair where one stand presents it,
// a plan edition, a manual entry and the launch. Records of a second procurement and of the other
// stand are there to be left out.
import { addDays, todayInParis } from "~/calendar/dates";
import { write } from "~/db/db.server";
import { canonicalJson, GENESIS_HASH, sealRecord } from "~/ledger/canonical";
import { bookSlot, cancelBooking, joinStandWaitlist, leaveStandWaitlist } from "~/meetings/bookings.server";
import { cancelEvent } from "~/meetings/cancellation.server";
import { addStand, createEvent, publishEvent, updateEvent } from "~/meetings/events.server";
import { followUpScope, publishMaterial, recordAttendance, writeNote } from "~/meetings/follow-up.server";
import { cancelRegistration, register } from "~/meetings/registrations.server";
import { publishEdition } from "~/plan/editions.server";
import { markProcurementLaunched } from "~/plan/launch.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { semesterOf } from "~/plan/vocabulary";
import { recordManualExchange } from "~/record/manual.server";
import { loadRecordScope } from "~/record/record.server";
import { answerClarification, askClarification } from "~/sourcing/clarifications.server";
import { closeQuestionnaireEarly } from "~/sourcing/closing.server";
import { inviteSuppliers } from "~/sourcing/invitations.server";
import { recordOpening, saveAnswers } from "~/sourcing/responses.server";
import { exportResponses } from "~/sourcing/results.server";
import { fairInput, standInput, ORIGIN } from "../meetings/fair-fixtures";
import { webinarInput, WEBINAR_LATER_DAY } from "../meetings/registrations-fixtures";
import { createBuyer, input } from "../plan/fixtures";
import { createSupplier, publishedQuestionnaire, VALID_ANSWERS } from "../sourcing/fixtures";
import { sendQueuedInvitations } from "../support/invitations";
import { must } from "../support/must";

export type Party = Awaited<ReturnType<typeof createSupplier>>;

export const actorOf = (party: Party) => ({ id: party.user.id, name: party.user.name, email: party.user.email });

export function recordActorOf(buyer: Awaited<ReturnType<typeof createBuyer>>) {
  return {
    userId: buyer.user.id,
    name: buyer.user.name,
    organizationId: buyer.organization.id,
    organizationName: buyer.organization.name,
  };
}

export async function fullRecord() {
  const setup = await publishedQuestionnaire({ buyerName: "Ville de Vénissieux" });
  const { buyer, organization, procurementId, questionnaireId } = setup;
  const [a, b, c, d] = [
    await createSupplier("Couvreurs Associés"),
    await createSupplier("Zinguerie du Rhône"),
    await createSupplier("Toits Verts"),
    await createSupplier("Charpentes Perret"),
  ];
  const other = must(
    await createPlannedProcurement(buyer.actor, organization, input({ title: "Nettoyage des vitres" })),
  );
  const second = must(
    await createPlannedProcurement(buyer.actor, organization, input({ title: "Isolation des combles" })),
  );

  // ---- the questionnaire
  await recordOpening(questionnaireId, a.supplier);
  must(await saveAnswers(a.supplier, questionnaireId, 1, VALID_ANSWERS, "submit"));
  must(await saveAnswers(a.supplier, questionnaireId, 1, { ...VALID_ANSWERS, q2: "14" }, "submit"));
  must(
    await inviteSuppliers(
      buyer.actor,
      organization,
      questionnaireId,
      { emails: ["contact@couverture-exemple.fr"], organizationIds: [b.organization.id] },
      { ip: "10.0.0.1" },
    ),
  );
  await sendQueuedInvitations();
  const asked = must(
    await askClarification(b.supplier, questionnaireId, "Une visite du site est-elle prévue avant la consultation ?"),
  );
  must(
    await answerClarification(buyer.actor, organization, asked.id, {
      publishedQuestion: "Une visite du site est-elle prévue ?",
      answer: "Oui, ouverte à toutes les entreprises, pendant la consultation.",
    }),
  );
  await exportResponses(buyer.actor, organization.id, questionnaireId, "csv");

  // ---- a webinar that presents the procurement
  const webinar = must(
    await createEvent(buyer.actor, buyer.organization, webinarInput({ plannedProcurementIds: [procurementId] })),
  );
  must(await publishEvent(buyer.actor, buyer.organization, webinar.id));
  for (const party of [a, b, c]) {
    must(
      await register({
        eventId: webinar.id,
        userId: party.user.id,
        organizationId: party.organization.id,
        waitingList: true,
      }),
    );
  }
  const registrationOfB = await firstRegistration(webinar.id, b.user.id);
  must(await cancelRegistration({ eventId: webinar.id, registrationId: registrationOfB, userId: b.user.id }));
  must(
    await updateEvent(
      buyer.actor,
      buyer.organization,
      webinar.id,
      webinarInput({ plannedProcurementIds: [procurementId], date: WEBINAR_LATER_DAY }),
    ),
  );
  const followUpActor = { userId: buyer.user.id, name: buyer.user.name, organizationId: organization.id };
  const webinarScope = await scopeOf(webinar.id, followUpActor);
  must(
    await publishMaterial(followUpActor, webinarScope, {
      kind: "slides",
      title: "Diaporama du webinaire",
      url: "https://exemple.fr/diaporama.pdf",
    }),
  );
  // The webinar took place: attendance and the meeting's note (then its correction).
  await inThePast(webinar.id);
  const pastWebinar = await scopeOf(webinar.id, followUpActor);
  must(
    await recordAttendance(followUpActor, pastWebinar, [
      { target: "registration", id: await firstRegistration(webinar.id, a.user.id), attendance: "present" },
    ]),
  );
  const note = must(
    await writeNote(followUpActor, pastWebinar, { body: "Douze entreprises ont suivi la présentation des besoins." }),
  );
  must(
    await writeNote(followUpActor, pastWebinar, {
      body: "Onze entreprises ont suivi la présentation des besoins.",
      correctsNoteId: note.noteId,
    }),
  );

  // ---- a meeting that presents it, cancelled
  const meeting = must(
    await createEvent(
      buyer.actor,
      buyer.organization,
      webinarInput({ title: "Réunion annulée", plannedProcurementIds: [procurementId, second.id] }),
    ),
  );
  must(await publishEvent(buyer.actor, buyer.organization, meeting.id));
  must(
    await cancelEvent(buyer.actor, buyer.organization, meeting.id, "La salle n'est plus disponible.", {
      origin: ORIGIN,
    }),
  );

  // ---- the plan edition that announces it (a stand at another buyer's fair presents published procurements only)
  const edition = await publishEdition(buyer.actor, organization.id, semesterOf(input().expectedPublicationDate));
  if (!edition.ok) throw new Error(edition.message);

  // ---- another buyer's fair: one stand presents the procurement (and a second one of the owner)
  const organiser = await createBuyer({ name: "Métropole de Lyon", departement: "69" });
  const organiserProcurement = must(
    await createPlannedProcurement(organiser.actor, organiser.organization, input({ title: "Mobilier des collèges" })),
  );
  const fair = must(await createEvent(organiser.actor, organiser.organization, fairInput()));
  const ownStand = must(
    await addStand(
      organiser.actor,
      organiser.organization,
      fair.id,
      standInput(organization.id, {
        name: "Stand de Vénissieux",
        plannedProcurementIds: [procurementId, second.id],
        closesAt: "10:00",
      }),
    ),
  );
  const otherStand = must(
    await addStand(
      organiser.actor,
      organiser.organization,
      fair.id,
      standInput(organiser.organization.id, {
        name: "Stand de la Métropole",
        plannedProcurementIds: [organiserProcurement.id],
      }),
    ),
  );
  must(await publishEvent(organiser.actor, organiser.organization, fair.id));
  const ownSlots = await slotsOf(ownStand.id);
  const otherSlots = await slotsOf(otherStand.id);
  const bookingOfA = must(await bookSlot(actorOf(a), a.organization.id, ownSlots[0]!, { origin: ORIGIN }));
  const bookingOfB = must(await bookSlot(actorOf(b), b.organization.id, ownSlots[1]!, { origin: ORIGIN }));
  must(await bookSlot(actorOf(c), c.organization.id, ownSlots[2]!, { origin: ORIGIN }));
  must(await joinStandWaitlist(actorOf(d), d.organization.id, ownStand.id));
  must(await leaveStandWaitlist(actorOf(d), d.organization.id, ownStand.id));
  must(await cancelBooking(actorOf(b), b.organization.id, bookingOfB.bookingId, { origin: ORIGIN }));
  // At the other stand: not the procurement's business.
  must(await bookSlot(actorOf(d), d.organization.id, otherSlots[0]!, { origin: ORIGIN }));
  await inThePast(fair.id);
  const standScope = await scopeOf(fair.id, followUpActor);
  must(
    await recordAttendance(followUpActor, standScope, [
      { target: "booking", id: bookingOfA.bookingId, attendance: "present" },
    ]),
  );
  must(
    await writeNote(followUpActor, standScope, {
      slotId: ownSlots[0]!,
      body: "L'entreprise a présenté ses chantiers de toitures végétalisées.",
    }),
  );

  // ---- a manual entry and the launch
  const scope = (await loadRecordScope(organization.id, procurementId))!;
  const recordActor = recordActorOf(buyer);
  const manual = must(
    await recordManualExchange(
      recordActor,
      scope,
      {
        exchangedOn: addDays(todayInParis(), -3),
        channel: "phone",
        supplierOrganizationId: c.organization.id,
        summary: "Appel de Toits Verts : questions sur le calendrier des travaux pendant l'été.",
      },
      null,
    ),
  );
  must(
    await markProcurementLaunched(buyer.actor, organization, procurementId, {
      launchedOn: addDays(todayInParis(), -1),
      noticeReference: "BOAMP 27-000123",
      noticeUrl: "https://www.boamp.fr/avis/27-000123",
    }),
  );
  must(
    await recordManualExchange(
      recordActor,
      scope,
      {
        exchangedOn: addDays(todayInParis(), -5),
        channel: "email",
        supplierOrganizationId: c.organization.id,
        summary: "Courriel de Toits Verts sur les délais d'approvisionnement.",
      },
      null,
    ),
  );

  // ---- after everything else, the questionnaire is closed early
  must(await closeQuestionnaireEarly(buyer.actor, organization, questionnaireId, "Nous avons assez de réponses."));

  // ---- records of the other procurement: none belongs to this record
  const otherScope = (await loadRecordScope(organization.id, other.id))!;
  must(
    await recordManualExchange(
      recordActor,
      otherScope,
      {
        exchangedOn: todayInParis(),
        channel: "visit",
        supplierName: "Vitres Claires",
        summary: "Visite de Vitres Claires sur le site de la mairie.",
      },
      null,
    ),
  );

  return {
    buyer,
    organization,
    procurementId,
    otherProcurementId: other.id,
    questionnaireId,
    suppliers: { a, b, c, d },
    webinarId: webinar.id,
    fairId: fair.id,
    organiser,
    manualSequence: manual.sequence,
  };
}

async function firstRegistration(eventId: string, userId: string): Promise<string> {
  const { db } = await import("~/db/db.server");
  return (await db.registration.findFirstOrThrow({ where: { eventId, userId } })).id;
}

async function slotsOf(standId: string): Promise<string[]> {
  const { db } = await import("~/db/db.server");
  return (await db.slot.findMany({ where: { standId }, orderBy: { startsAt: "asc" }, select: { id: true } })).map(
    (slot) => slot.id,
  );
}

async function scopeOf(eventId: string, actor: { userId: string; name: string; organizationId: string }) {
  const result = await followUpScope(eventId, actor);
  if (!result.ok) throw new Error(result.message);
  return result.scope;
}

/** The event took place yesterday (attendance and notes are written once it has started). */
async function inThePast(eventId: string) {
  const startsAt = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await write((tx) =>
    tx.event.update({
      where: { id: eventId },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000) },
    }),
  );
}

/**
 * Appends records the way appendExchange() does (same fields, same hash chain), in two statements
 * per batch instead of two per record: 2,000 records in a second rather than fifteen.
 */
export async function appendQuickly(
  organizationId: string,
  records: { plannedProcurementId: string; summary: string }[],
) {
  await write(async (tx) => {
    const last = await tx.ledgerRecord.findFirst({
      orderBy: { sequence: "desc" },
      select: { sequence: true, hash: true },
    });
    let sequence = last?.sequence ?? 0;
    let previousHash = last?.hash ?? GENESIS_HASH;
    const rows = records.map((record) => {
      sequence++;
      const fields = {
        sequence,
        kind: "manual.exchange",
        actorUserId: null,
        actorLabel: "Test",
        organizationIds: canonicalJson([organizationId]),
        plannedProcurementId: record.plannedProcurementId,
        eventId: null,
        summary: record.summary,
        payload: canonicalJson({}),
        occurredAt: new Date(Math.floor(Date.now())),
        previousHash,
      };
      const sealed = sealRecord(fields);
      previousHash = sealed.hash;
      return { ...fields, ...sealed };
    });
    await tx.ledgerRecord.createMany({ data: rows });
    await tx.ledgerParty.createMany({ data: rows.map((row) => ({ sequence: row.sequence, organizationId })) });
  });
}
