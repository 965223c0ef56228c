// Fills a test database with buyers, planned procurements and published editions, through the
// application's own write queue and the buyer side's publishEdition() (the way production data
// comes to exist).
import { randomBytes } from "node:crypto";
import { write } from "~/db/db.server";
import { publishEdition } from "~/plan/editions.server";
import type { Semester } from "~/plan/vocabulary";

export interface TestBuyer {
  id: string;
  slug: string;
  name: string;
  departement: string;
  actor: { id: string; name: string };
}

export async function createBuyer(name: string, departement: string, slug?: string): Promise<TestBuyer> {
  const suffix = randomBytes(3).toString("hex");
  return write(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: `acheteur-${suffix}@exemple.fr`,
        name: `Agent ${name}`,
        passwordHash: "x",
        emailVerifiedAt: new Date(),
      },
      select: { id: true, name: true },
    });
    const organization = await tx.organization.create({
      data: {
        kind: "buyer",
        name,
        slug: slug ?? `acheteur-${suffix}`,
        departement,
        siren: "213800004",
        buyerKind: "commune",
        verificationStatus: "approved",
      },
      select: { id: true, slug: true, name: true, departement: true },
    });
    await tx.membership.create({ data: { userId: user.id, organizationId: organization.id, role: "admin" } });
    return { ...organization, actor: user };
  });
}

export interface ProcurementOverrides {
  title?: string;
  need?: string;
  category?: string;
  cpvCode?: string;
  valueBand?: string;
  procedure?: string;
  reserved?: string;
  socialConsideration?: string | null;
  environmentalConsideration?: string | null;
  expectedPublicationDate?: string;
  publicationJustification?: string | null;
  responseDeadline?: string | null;
  deadlineJustification?: string | null;
  contractStart?: string | null;
  contractDurationMonths?: number | null;
  status?: string;
  buyerProfileUrl?: string | null;
  lots?: { title: string; description?: string | null }[];
}

export async function createProcurement(buyer: TestBuyer, overrides: ProcurementOverrides = {}): Promise<string> {
  const { lots = [], ...fields } = overrides;
  return write(async (tx) => {
    const created = await tx.plannedProcurement.create({
      data: {
        organizationId: buyer.id,
        title: "Entretien des espaces verts",
        need: "Tondre et tailler les espaces verts de la commune toute l'année.",
        category: "services",
        cpvCode: "77310000-6",
        valueBand: "40k_100k",
        procedure: "mapa",
        reserved: "none",
        expectedPublicationDate: "2027-03-08",
        responseDeadline: "2027-04-12",
        contractStart: "2027-06-01",
        contractDurationMonths: 36,
        contactName: "Claire Martin",
        contactEmail: "marches@exemple.fr",
        status: "planned",
        createdById: buyer.actor.id,
        ...fields,
        lots: {
          create: lots.map((lot, index) => ({
            number: index + 1,
            title: lot.title,
            description: lot.description ?? null,
          })),
        },
      },
      select: { id: true },
    });
    return created.id;
  });
}

export async function updateProcurement(id: string, data: ProcurementOverrides): Promise<void> {
  const { lots: _lots, ...fields } = data;
  await write((tx) => tx.plannedProcurement.update({ where: { id }, data: fields }));
}

export async function publish(buyer: TestBuyer, semester: Semester) {
  const result = await publishEdition(buyer.actor, buyer.id, semester);
  if (!result.ok) throw new Error(`publishEdition failed: ${result.message}`);
  return result.edition;
}

export const S1_2027: Semester = { year: 2027, half: 1 };
export const S2_2027: Semester = { year: 2027, half: 2 };
