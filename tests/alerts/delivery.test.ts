// Sending alerts, on a real database: the weekly digest of a seeded week and the immediate alerts,
// read from the outbox as the mail worker would send them; each message sent once, even when the job
// runs twice, is resumed after a crash, or lost its lock to another worker.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ensureWeeklyDigestScheduled,
  IMMEDIATE_ALERTS_JOB,
  sendWeeklyDigest,
  WEEKLY_DIGEST_JOB,
} from "~/alerts/delivery.server";
import { currentWeekKey, digestWeek, nextWeekKey, weekLabel } from "~/alerts/weeks";
import { personalDataExport } from "~/auth/personal-data.server";
import { hashToken } from "~/auth/tokens.server";
import { connectDatabase, db, write } from "~/db/db.server";
import { JOB_HANDLERS } from "~/jobs/handlers.server";
import { claimDueJobs, LostJobLockError } from "~/jobs/queue.server";
import { runDueJobs } from "~/jobs/worker.server";
import { parseHeaders } from "~/mail/outbox.server";
import { createEvent, publishEvent } from "~/meetings/events.server";
import { publishEdition } from "~/plan/editions.server";
import { updatePlannedProcurement, getPlannedProcurement } from "~/plan/plan.server";
import { semesterOf } from "~/plan/vocabulary";
import { createQuestionnaire, publishQuestionnaire, saveDraftDetails } from "~/sourcing/questionnaires.server";
import { input } from "../plan/fixtures";
import { webinarInput } from "../meetings/registrations-fixtures";
import { CONTENT, OPEN_DEADLINE } from "../sourcing/fixtures";
import { buyerWithEdition, createSupplierMember, LATER_DAY, saveAlert } from "./fixtures";

const MINUTE = 60_000;

function messagesTo(to: string, template?: string) {
  return db.outboxMessage.findMany({ where: { to, ...(template ? { template } : {}) }, orderBy: { createdAt: "asc" } });
}

function runJobs(kind: string, now: Date) {
  return runDueJobs(JOB_HANDLERS, { workerId: `test-${kind}`, now, limit: 100, kinds: [kind] });
}

/** A questionnaire on one of the buyer's procurements, published as version 1 through the application. */
async function publishQuestionnaireOn(
  buyer: Awaited<ReturnType<typeof buyerWithEdition>>,
  plannedProcurementId: string,
  title: string,
) {
  const created = await createQuestionnaire(buyer.actor, buyer.organization, {
    plannedProcurementId,
    title,
    introduction: "Nous voulons connaître les entreprises du territoire avant de lancer la consultation.",
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const details = await saveDraftDetails(buyer.organization, created.id, 0, {
    title,
    introduction: "Nous voulons connaître les entreprises du territoire avant de lancer la consultation.",
    deadline: OPEN_DEADLINE,
  });
  if (!details.ok) throw new Error(JSON.stringify(details));
  await write((tx) =>
    tx.questionnaire.update({ where: { id: created.id }, data: { draftContent: JSON.stringify(CONTENT) } }),
  );
  const published = await publishQuestionnaire(buyer.actor, buyer.organization, created.id, {
    revision: details.revision,
  });
  if (!published.ok) throw new Error(JSON.stringify(published));
  return created.id;
}

beforeAll(async () => {
  await connectDatabase();
});

describe("the weekly digest of a seeded week", () => {
  let week: NonNullable<ReturnType<typeof digestWeek>>;
  const suppliers = {} as Record<
    "joinery" | "greens" | "quietShort" | "quietNothing" | "immediate" | "stopped" | "events",
    Awaited<ReturnType<typeof createSupplierMember>>
  >;

  beforeAll(async () => {
    const lyon = await buyerWithEdition("Métropole de Lyon-Test", "69", [
      {
        title: "Rénovation des menuiseries de l'école Jean-Moulin",
        category: "travaux",
        cpvCode: "45421000-4",
        environmentalConsideration: "Bois local certifié",
      },
      {
        title: "Entretien des espaces verts des parcs",
        category: "services",
        cpvCode: "77310000-6",
        reserved: "siae",
      },
    ]);
    await buyerWithEdition("Ville d'Amiens-Test", "80", [
      { title: "Menuiseries de la mairie d'Amiens", category: "travaux", cpvCode: "45421000-4" },
    ]);
    await publishQuestionnaireOn(lyon, lyon.procurementIds[0]!, "Menuiseries bois : le marché local");
    const event = await createEvent(lyon.actor, lyon.organization, webinarInput());
    if (!event.ok) throw new Error(JSON.stringify(event));
    expect((await publishEvent(lyon.actor, lyon.organization, event.id)).ok).toBe(true);

    for (const [key, name] of Object.entries({
      joinery: "Menuiserie Test",
      greens: "Jardins Test",
      quietShort: "Clinique Test",
      quietNothing: "Pharmacie Test",
      immediate: "Charpente Test",
      stopped: "Ancienne Menuiserie",
      events: "Traiteur Test",
    }))
      suppliers[key as keyof typeof suppliers] = await createSupplierMember(name);
    await saveAlert(suppliers.joinery.owner, {
      name: "Menuiserie dans le Rhône",
      cpvDivisions: "45",
      departements: "69",
    });
    await saveAlert(suppliers.greens.owner, {
      name: "Espaces verts réservés",
      cpvDivisions: "77",
      conditions: ["reserve"],
    });
    await saveAlert(suppliers.quietShort.owner, {
      name: "Matériel médical",
      cpvDivisions: "33",
      emptyWeek: "short-message",
    });
    await saveAlert(suppliers.quietNothing.owner, { name: "Pharmacie", cpvDivisions: "33", emptyWeek: "nothing" });
    await saveAlert(suppliers.immediate.owner, { name: "Charpente", cpvDivisions: "45", frequency: "immediate" });
    const stopped = await saveAlert(suppliers.stopped.owner, { name: "Menuiserie", cpvDivisions: "45" });
    await write((tx) => tx.supplierAlert.update({ where: { id: stopped }, data: { unsubscribedAt: new Date() } }));
    await saveAlert(suppliers.events.owner, { name: "Restauration", departements: "69", keywords: "restauration" });

    const edition = await db.planEdition.findFirstOrThrow({ where: { organizationId: lyon.organization.id } });
    week = digestWeek(currentWeekKey(edition.publishedAt))!;
    await ensureWeeklyDigestScheduled(edition.publishedAt);
  });

  it("is a job due the Monday after the week, at 07:00 Paris time, visible among the jobs", async () => {
    const job = await db.job.findUniqueOrThrow({ where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${week.key}` } });
    expect(job).toMatchObject({ kind: WEEKLY_DIGEST_JOB, status: "pending", runAt: week.sendAt });
    // Nothing is sent before the week is over.
    expect((await runJobs(WEEKLY_DIGEST_JOB, new Date(week.sendAt.getTime() - MINUTE))).done).toBe(0);
    expect(await db.outboxMessage.count({ where: { template: "alert-digest" } })).toBe(0);
  });

  it("sends each weekly alert what matched, with a one-click unsubscribe link and its headers", async () => {
    const summary = await runJobs(WEEKLY_DIGEST_JOB, new Date(week.sendAt.getTime() + MINUTE));
    expect(summary.done).toBe(1);

    const [joinery] = await messagesTo(suppliers.joinery.email, "alert-digest");
    expect(await messagesTo(suppliers.joinery.email)).toHaveLength(1);
    expect(joinery!.subject).toBe(
      "2 nouveautés cette semaine pour votre alerte «\u00a0Menuiserie dans le Rhône\u00a0»",
    );
    expect(joinery!.text).toContain(`publié ou modifié ${weekLabel(week)}`);
    expect(joinery!.text).toContain("Rénovation des menuiseries de l'école Jean-Moulin");
    expect(joinery!.text).toContain("Métropole de Lyon-Test — Nouveau");
    expect(joinery!.text).toContain("Menuiseries bois : le marché local");
    expect(joinery!.text).not.toContain("Amiens");
    expect(joinery!.text).not.toContain("Espaces verts");
    const link = /https?:\/\/[^\s\]]+\/alertes\/desabonnement\/([a-z2-7]+)/.exec(joinery!.text);
    expect(link).not.toBeNull();
    expect(parseHeaders(joinery!.headers)).toEqual({
      "List-Unsubscribe": `<${link![0]}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    // Only the link's hash is stored; the message itself is marked to be erased once sent.
    expect(joinery!.carriesSecret).toBe(true);
    const delivery = await db.alertDelivery.findFirstOrThrow({
      where: { alert: { userId: suppliers.joinery.user.id } },
    });
    expect(delivery).toMatchObject({
      deliveryKey: `week:${week.key}`,
      itemCount: 2,
      unsubscribeTokenHash: hashToken(link![1]!),
    });

    const [greens] = await messagesTo(suppliers.greens.email, "alert-digest");
    expect(greens!.text).toContain("Entretien des espaces verts des parcs");
    expect(greens!.text).not.toContain("menuiseries");

    const [events] = await messagesTo(suppliers.events.email, "alert-digest");
    expect(events!.subject).toMatch(/^1 nouveauté cette semaine/);
    expect(events!.text).toContain("Webinaire : nos achats de restauration collective");
    expect(events!.text).toContain("Webinaire, ");

    // An empty week: the short message when asked for, nothing otherwise.
    const [quiet] = await messagesTo(suppliers.quietShort.email, "alert-digest");
    expect(quiet!.subject).toBe("Rien de nouveau cette semaine pour votre alerte «\u00a0Matériel médical\u00a0»");
    expect(await messagesTo(suppliers.quietNothing.email)).toHaveLength(0);
    // Immediate alerts get no digest; a stopped alert gets nothing.
    expect(await messagesTo(suppliers.immediate.email, "alert-digest")).toHaveLength(0);
    expect(await messagesTo(suppliers.stopped.email)).toHaveLength(0);

    // The next week's digest is scheduled by the same transaction that completed this one.
    const next = digestWeek(nextWeekKey(week.key))!;
    expect(await db.job.findUniqueOrThrow({ where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${next.key}` } })).toMatchObject({
      status: "pending",
      runAt: next.sendAt,
    });
  });

  it("are in the person's own data export, without the hash of any link", async () => {
    const exported = await personalDataExport(suppliers.joinery.user.id);
    expect(exported!.alerts).toEqual([
      expect.objectContaining({
        name: "Menuiserie dans le Rhône",
        frequency: "weekly",
        criteria: expect.objectContaining({ cpvDivisions: ["45"], departements: ["69"] }),
        sent: [expect.objectContaining({ deliveryKey: `week:${week.key}`, itemCount: 2, unsubscribedAt: null })],
      }),
    ]);
    const [delivery] = await db.alertDelivery.findMany({ where: { alert: { userId: suppliers.joinery.user.id } } });
    expect(JSON.stringify(exported)).not.toContain(delivery!.unsubscribeTokenHash);
  });

  it("sends nothing twice: a second run, a run resumed after a crash, a worker that lost its lock", async () => {
    const before = await db.outboxMessage.count({ where: { template: "alert-digest" } });
    const deliveries = await db.alertDelivery.count();
    // The same job run again (as if its worker had died after its batches but before completing it).
    await write((tx) =>
      tx.job.update({
        where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${week.key}` },
        data: { status: "pending", runAt: week.sendAt, completedAt: null },
      }),
    );
    const rerun = await runJobs(WEEKLY_DIGEST_JOB, new Date(week.sendAt.getTime() + 2 * MINUTE));
    expect(rerun.done).toBe(1);
    expect(await db.outboxMessage.count({ where: { template: "alert-digest" } })).toBe(before);
    expect(await db.alertDelivery.count()).toBe(deliveries);

    // A new alert after the crash is served by the resumed run; the others are not served again.
    const late = await createSupplierMember("Menuiserie Tardive");
    await saveAlert(late.owner, { name: "Menuiserie tardive", cpvDivisions: "45", departements: "69" });
    await write((tx) =>
      tx.job.update({
        where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${week.key}` },
        data: { status: "pending", runAt: week.sendAt, completedAt: null },
      }),
    );
    await runJobs(WEEKLY_DIGEST_JOB, new Date(week.sendAt.getTime() + 3 * MINUTE));
    expect(await db.outboxMessage.count({ where: { template: "alert-digest" } })).toBe(before + 1);
    expect(await messagesTo(late.email, "alert-digest")).toHaveLength(1);

    // A worker whose lease was taken over commits nothing: its batch is rolled back.
    const other = await createSupplierMember("Menuiserie Perdue");
    await saveAlert(other.owner, { name: "Menuiserie perdue", cpvDivisions: "45" });
    await write((tx) =>
      tx.job.update({
        where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${week.key}` },
        data: { status: "pending", runAt: week.sendAt, completedAt: null },
      }),
    );
    const now = new Date(week.sendAt.getTime() + 4 * MINUTE);
    const [claimed] = await claimDueJobs("worker-a", now, 10, [WEEKLY_DIGEST_JOB]);
    await expect(sendWeeklyDigest({ ...claimed!, lockedBy: "worker-b" }, { now })).rejects.toBeInstanceOf(
      LostJobLockError,
    );
    expect(await messagesTo(other.email)).toHaveLength(0);
  });
});

describe("immediate alerts", () => {
  it("send one email per alert and publication, listing what changed, and never twice", async () => {
    const carpenter = await createSupplierMember("Charpentes du Beaujolais");
    const weekly = await createSupplierMember("Charpentes hebdomadaires");
    await saveAlert(carpenter.owner, {
      name: "Charpente et couverture",
      frequency: "immediate",
      cpvDivisions: "45",
      keywords: "charpente, toiture",
    });
    await saveAlert(weekly.owner, { name: "Charpente chaque semaine", cpvDivisions: "45", keywords: "charpente" });

    const buyer = await buyerWithEdition("Communauté de communes Immédiate", "69", [
      { title: "Réfection de la charpente de l'église", category: "travaux", cpvCode: "45261000-4" },
      { title: "Nettoyage des vitres", category: "services", cpvCode: "90911300-9" },
    ]);
    const job = await db.job.findUniqueOrThrow({
      where: { dedupeKey: `${IMMEDIATE_ALERTS_JOB}:edition:${buyer.edition.id}` },
    });
    expect(job.status).toBe("pending");
    await runJobs(IMMEDIATE_ALERTS_JOB, new Date(Date.now() + MINUTE));
    const [first] = await messagesTo(carpenter.email, "alert-immediate");
    expect(first!.subject).toContain("Communauté de communes Immédiate a publié sa programmation du");
    expect(first!.subject).toContain("(édition n° 1)");
    expect(first!.text).toContain("Réfection de la charpente de l'église");
    expect(first!.text).not.toContain("Nettoyage des vitres");
    expect(parseHeaders(first!.headers)["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(await messagesTo(weekly.email)).toHaveLength(0);

    // Run again: nothing more.
    await write((tx) => tx.job.update({ where: { id: job.id }, data: { status: "pending", completedAt: null } }));
    await runJobs(IMMEDIATE_ALERTS_JOB, new Date(Date.now() + 2 * MINUTE));
    expect(await messagesTo(carpenter.email, "alert-immediate")).toHaveLength(1);

    // A second edition that moves the church's roof: the email says it moved.
    const [churchId] = buyer.procurementIds;
    const church = await getPlannedProcurement(buyer.organization.id, churchId!);
    const laterDay = LATER_DAY;
    const moved = await updatePlannedProcurement(
      buyer.actor,
      buyer.organization,
      churchId!,
      input({
        title: church!.title,
        category: "travaux",
        cpvCode: church!.cpvCode,
        expectedPublicationDate: laterDay,
        responseDeadline: undefined,
      }),
      church!.updatedAt.toISOString(),
    );
    if (!moved.ok) throw new Error(JSON.stringify(moved));
    const second = await publishEdition(buyer.actor, buyer.organization.id, semesterOf(laterDay));
    if (!second.ok) throw new Error(second.message);
    await runJobs(IMMEDIATE_ALERTS_JOB, new Date(Date.now() + 3 * MINUTE));
    const messages = await messagesTo(carpenter.email, "alert-immediate");
    expect(messages).toHaveLength(2);
    expect(messages[1]!.text).toContain("Date déplacée (était le");
  });

  it("are scheduled when a questionnaire opens and when an event is published", async () => {
    const buyer = await buyerWithEdition("Syndicat des eaux Immédiat", "69", [
      { title: "Réseau d'eau potable", category: "travaux", cpvCode: "45231300-8" },
    ]);
    const questionnaireId = await publishQuestionnaireOn(buyer, buyer.procurementIds[0]!, "Réseaux d'eau : le marché");
    const event = await createEvent(buyer.actor, buyer.organization, webinarInput());
    if (!event.ok) throw new Error(JSON.stringify(event));
    await publishEvent(buyer.actor, buyer.organization, event.id);
    const keys = (await db.job.findMany({ where: { kind: IMMEDIATE_ALERTS_JOB }, select: { dedupeKey: true } })).map(
      (job) => job.dedupeKey,
    );
    expect(keys).toContain(`${IMMEDIATE_ALERTS_JOB}:questionnaire:${questionnaireId}`);
    expect(keys).toContain(`${IMMEDIATE_ALERTS_JOB}:event:${event.id}`);

    const water = await createSupplierMember("Canalisations Test");
    await saveAlert(water.owner, { name: "Réseaux d'eau", frequency: "immediate", keywords: "eau potable" });
    await runJobs(IMMEDIATE_ALERTS_JOB, new Date(Date.now() + MINUTE));
    const subjects = (await messagesTo(water.email, "alert-immediate")).map((message) => message.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        expect.stringContaining("a publié sa programmation"),
        expect.stringContaining("a ouvert le questionnaire «\u00a0Réseaux d'eau : le marché\u00a0»"),
      ]),
    );
    // The webinar is about catering, not water: no email for it.
    expect(subjects.some((subject) => subject.includes("a publié l'événement"))).toBe(false);
  });
});

describe("a big week", () => {
  it("reads more editions and items than one SQLite statement takes parameters (999)", async () => {
    const buyer = await buyerWithEdition("Grande Métropole-Test", "69", [
      { title: "Premier achat de la grande métropole", category: "travaux", cpvCode: "45261000-4" },
    ]);
    // 1,050 more procurements, written straight to the database, then a second edition.
    await write((tx) =>
      tx.plannedProcurement.createMany({
        data: Array.from({ length: 1_050 }, (_, i) => ({
          organizationId: buyer.organization.id,
          title: `Entretien du square n° ${i + 1}`,
          need: "Tondre, tailler et désherber sans produits chimiques, toute l'année.",
          category: "services",
          cpvCode: "77310000-6",
          valueBand: "lt_40k",
          procedure: "mapa",
          expectedPublicationDate: LATER_DAY,
          contactName: "Claire Martin",
          contactEmail: "claire.martin@exemple.fr",
          status: "planned",
          createdById: buyer.actor.id,
        })),
      }),
    );
    const second = await publishEdition(buyer.actor, buyer.organization.id, semesterOf(LATER_DAY));
    if (!second.ok) throw new Error(second.message);
    const gardener = await createSupplierMember("Jardinier de la grande métropole");
    await saveAlert(gardener.owner, { name: "Squares", frequency: "immediate", keywords: "square" });
    const weekly = await createSupplierMember("Jardinier hebdomadaire");
    await saveAlert(weekly.owner, { name: "Squares chaque semaine", keywords: "square" });

    const immediate = await runJobs(IMMEDIATE_ALERTS_JOB, new Date(Date.now() + MINUTE));
    expect(immediate.failed + immediate.retried).toBe(0);
    const [message] = await messagesTo(gardener.email, "alert-immediate");
    expect(message!.text).toContain("Et 1030 autres éléments");

    const edition = await db.planEdition.findUniqueOrThrow({ where: { id: second.edition.id } });
    const week = digestWeek(currentWeekKey(edition.publishedAt))!;
    await ensureWeeklyDigestScheduled(edition.publishedAt);
    await write((tx) =>
      tx.job.update({
        where: { dedupeKey: `${WEEKLY_DIGEST_JOB}:${week.key}` },
        data: { status: "pending", runAt: week.sendAt, completedAt: null },
      }),
    );
    const digest = await runJobs(WEEKLY_DIGEST_JOB, new Date(week.sendAt.getTime() + 10 * MINUTE));
    expect(digest.failed + digest.retried).toBe(0);
    const [digestMessage] = await messagesTo(weekly.email, "alert-digest");
    expect(digestMessage!.subject).toMatch(/^1050 nouveautés cette semaine/);
  });
});
