// Relays, events and questionnaires written straight to the test database, beside the buyers,
// procurements and editions of tests/plan-public/support.ts (published through publishEdition()).
import { randomBytes } from "node:crypto";
import { instantWithinParisDate } from "~/calendar/dates";
import { write } from "~/db/db.server";
import { editionContentHash, snapshotItem } from "~/plan/edition-snapshot";
import { semesterBounds, type Semester } from "~/plan/vocabulary";
import type { TestBuyer } from "../plan-public/support";

export interface TestRelay {
  id: string;
  slug: string;
  name: string;
  admin: { id: string; name: string };
  member: { id: string; name: string };
}

/** A relay with an administrator and a plain member; verified unless asked otherwise. */
export async function createRelay(
  name: string,
  departement: string,
  options: { territory?: string[]; verificationStatus?: "approved" | "pending" } = {},
): Promise<TestRelay> {
  const suffix = randomBytes(3).toString("hex");
  return write(async (tx) => {
    const [admin, member] = await Promise.all(
      ["admin", "membre"].map((who) =>
        tx.user.create({
          data: {
            email: `${who}-relais-${suffix}@exemple.fr`,
            name: `${who === "admin" ? "Admin" : "Membre"} ${name}`,
            passwordHash: "x",
            emailVerifiedAt: new Date(),
          },
          select: { id: true, name: true },
        }),
      ),
    );
    const relay = await tx.organization.create({
      data: {
        kind: "relay",
        name,
        slug: `relais-${suffix}`,
        departement,
        relayKind: "cci",
        verificationStatus: options.verificationStatus ?? "approved",
        territory: { create: (options.territory ?? [departement]).map((code) => ({ departement: code })) },
        memberships: {
          create: [
            { userId: admin!.id, role: "admin" },
            { userId: member!.id, role: "member" },
          ],
        },
      },
      select: { id: true, slug: true, name: true },
    });
    return { ...relay, admin: admin!, member: member! };
  });
}

/** A published event of `buyer` (optionally co-hosted), `startsAt` an instant in the future. */
export async function createEvent(
  buyer: TestBuyer,
  options: { title: string; departement: string; day: string; coHostId?: string; status?: string },
): Promise<string> {
  const startsAt = instantWithinParisDate(options.day);
  return write(async (tx) => {
    const event = await tx.event.create({
      data: {
        kind: "webinar",
        organizationId: buyer.id,
        coHostOrganizationId: options.coHostId ?? null,
        title: options.title,
        description: "Présentation des achats de l'année.",
        departement: options.departement,
        onlineUrl: "https://visio.exemple.fr/salle",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        eventDate: options.day,
        registrationDeadline: startsAt,
        capacity: 100,
        status: options.status ?? "published",
        publishedAt: new Date(),
        createdById: buyer.actor.id,
      },
      select: { id: true },
    });
    return event.id;
  });
}

/** A published, open questionnaire (version 1) about one of `buyer`'s procurements. */
export async function createOpenQuestionnaire(
  buyer: TestBuyer,
  plannedProcurementId: string,
  options: { title: string; openUntil: string },
): Promise<string> {
  return write(async (tx) => {
    const questionnaire = await tx.questionnaire.create({
      data: {
        organizationId: buyer.id,
        plannedProcurementId,
        title: options.title,
        introduction: "Aidez-nous à connaître le marché.",
        status: "published",
        deadline: options.openUntil,
        openUntil: options.openUntil,
        currentVersionNumber: 1,
        firstPublishedAt: new Date(),
        createdById: buyer.actor.id,
        versions: {
          create: {
            number: 1,
            title: options.title,
            deadline: options.openUntil,
            content: "{}",
            contentHash: "0".repeat(64),
            publishedById: buyer.actor.id,
          },
        },
      },
      select: { id: true },
    });
    return questionnaire.id;
  });
}

/**
 * The buyer's current plan for `semester` as edition 1 published at `publishedAt` (in the past):
 * what publishEdition() would have written then, so that an edition published today has an older
 * one to be compared with. Editions are never updated: a back-dated one can only be written whole.
 */
export async function backdatedFirstEdition(buyer: TestBuyer, semester: Semester, publishedAt: Date): Promise<void> {
  const { from, to } = semesterBounds(semester);
  await write(async (tx) => {
    const procurements = await tx.plannedProcurement.findMany({
      where: { organizationId: buyer.id, expectedPublicationDate: { gte: from, lte: to } },
      include: { lots: true },
    });
    const items = procurements.map((procurement) => snapshotItem(procurement, buyer));
    await tx.planEdition.create({
      data: {
        organizationId: buyer.id,
        year: semester.year,
        half: semester.half,
        number: 1,
        publishedAt,
        publishedById: buyer.actor.id,
        isLatest: true,
        itemCount: items.length,
        contentHash: editionContentHash(buyer.id, semester, items),
        items: { create: items },
      },
    });
  });
}
