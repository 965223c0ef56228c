// Buyers, members and planned procurements written straight to the test database. Organisations
// are verified ("approved") unless a test asks otherwise: most tests publish, and the rule that an
// unverified buyer publishes nothing has its own tests (tests/organizations/verification.test.ts).
import { randomUUID } from "node:crypto";
import { write } from "~/db/db.server";
import { plannedProcurementSchema, type PlannedProcurementInput } from "~/plan/schema";

export async function createBuyer(options: {
  name: string;
  departement: string;
  role?: "admin" | "member";
  kind?: "buyer" | "relay" | "supplier";
  territory?: string[];
  verificationStatus?: "pending" | "approved" | "refused";
}) {
  const suffix = randomUUID().slice(0, 8);
  return write(async (tx) => {
    const user = await tx.user.create({
      data: {
        name: `Agent ${options.name}`,
        email: `agent-${suffix}@exemple.fr`,
        passwordHash: "x",
        emailVerifiedAt: new Date(),
      },
    });
    const kind = options.kind ?? "buyer";
    const organization = await tx.organization.create({
      data: {
        kind,
        name: options.name,
        slug: `${options.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}`,
        departement: options.departement,
        verificationStatus: options.verificationStatus ?? "approved",
        ...(kind === "buyer"
          ? { siren: "200046977", buyerKind: "intercommunalite" }
          : kind === "relay"
            ? { relayKind: "cci" }
            : { siret: `${Date.now()}${suffix}`.slice(0, 14) }),
        ...(options.territory
          ? { territory: { create: options.territory.map((departement) => ({ departement })) } }
          : {}),
        memberships: { create: { userId: user.id, role: options.role ?? "admin" } },
      },
    });
    return { user, organization, actor: { id: user.id, name: user.name } };
  });
}

export const BASE_INPUT = {
  title: "Réfection de la toiture du gymnase",
  need: "Remplacer la couverture en fibrociment du gymnase intercommunal, environ 1 200 m², avec désamiantage.",
  category: "travaux",
  cpvCode: "45261210-9",
  valueBand: "215k_1m",
  procedure: "mapa",
  expectedPublicationDate: "2027-03-08",
  responseDeadline: "2027-04-09",
  contactName: "Claire Martin",
  contactEmail: "claire.martin@exemple.fr",
  status: "planned",
};

export function input(overrides: Record<string, unknown> = {}): PlannedProcurementInput {
  return plannedProcurementSchema.parse({ ...BASE_INPUT, ...overrides });
}
