// The database itself refuses to change a published questionnaire version or a meeting note
// (migration 20261123221500): the application never does it, and nobody can by hand either.
import { beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, db, write } from "~/db/db.server";
import { createBuyer } from "./plan/fixtures";

beforeAll(async () => {
  await connectDatabase();
});

async function fixtures() {
  const buyer = await createBuyer({ name: "Ville de Saint-Aubin", departement: "69" });
  return write(async (tx) => {
    const procurement = await tx.plannedProcurement.create({
      data: {
        organizationId: buyer.organization.id,
        title: "Entretien des espaces verts",
        need: "Tonte, taille et désherbage des parcs de la ville.",
        category: "services",
        cpvCode: "77310000-6",
        valueBand: "40k_90k",
        procedure: "mapa",
        expectedPublicationDate: "2027-03-01",
        contactName: "Claire Martin",
        contactEmail: "claire.martin@saint-aubin.fr",
        createdById: buyer.actor.id,
      },
    });
    const questionnaire = await tx.questionnaire.create({
      data: {
        organizationId: buyer.organization.id,
        plannedProcurementId: procurement.id,
        title: "Entretien des espaces verts",
        introduction: "Merci de votre aide.",
        createdById: buyer.actor.id,
      },
    });
    const version = await tx.questionnaireVersion.create({
      data: {
        questionnaireId: questionnaire.id,
        number: 1,
        title: "Entretien des espaces verts",
        deadline: "2027-02-15",
        content: "{}",
        contentHash: "0".repeat(64),
        publishedById: buyer.actor.id,
      },
    });
    const event = await tx.event.create({
      data: {
        kind: "info_meeting",
        organizationId: buyer.organization.id,
        title: "Réunion d'information",
        description: "Présentation des besoins.",
        departement: "69",
        startsAt: new Date("2026-10-01T08:00:00Z"),
        endsAt: new Date("2026-10-01T10:00:00Z"),
        eventDate: "2026-10-01",
        registrationDeadline: new Date("2026-09-30T16:00:00Z"),
        status: "published",
        createdById: buyer.actor.id,
      },
    });
    const note = await tx.meetingNote.create({
      data: {
        eventId: event.id,
        body: "Échanges sur les contraintes d'accès aux parcs.",
        ledgerSequence: 1,
        authorId: buyer.actor.id,
      },
    });
    return { version, note };
  });
}

describe("published versions and meeting notes are immutable in the database", () => {
  it("refuses to update or delete a published questionnaire version", async () => {
    const { version } = await fixtures();
    // Through the model API the adapter reports the trigger's refusal without its text; raw SQL keeps it.
    await expect(
      write((tx) =>
        tx.questionnaireVersion.update({ where: { id: version.id }, data: { content: '{"changed":true}' } }),
      ),
    ).rejects.toThrow();
    await expect(
      write((tx) => tx.$executeRaw`UPDATE "QuestionnaireVersion" SET "content" = '{}' WHERE "id" = ${version.id}`),
    ).rejects.toThrow(/immutable/);
    await expect(write((tx) => tx.questionnaireVersion.delete({ where: { id: version.id } }))).rejects.toThrow();
    await expect(
      write((tx) => tx.$executeRaw`DELETE FROM "QuestionnaireVersion" WHERE "id" = ${version.id}`),
    ).rejects.toThrow(/immutable/);
    expect((await db.questionnaireVersion.findUniqueOrThrow({ where: { id: version.id } })).content).toBe("{}");
  });

  it("refuses to update or delete a meeting note", async () => {
    const { note } = await fixtures();
    // The adapter reports SQLite's trigger refusal as a constraint violation, without its text.
    await expect(
      write((tx) => tx.meetingNote.update({ where: { id: note.id }, data: { body: "Réécrit après coup" } })),
    ).rejects.toThrow();
    await expect(write((tx) => tx.meetingNote.delete({ where: { id: note.id } }))).rejects.toThrow();
    expect((await db.meetingNote.findUniqueOrThrow({ where: { id: note.id } })).body).toBe(note.body);
  });
});
