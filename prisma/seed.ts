// Loads the demo dataset (prisma/seed-data.ts) into the database given by DATABASE_URL.
//
// As a script (`tsx prisma/seed.ts`, run by `npm run db:setup` and `prisma db seed`) it seeds only
// an empty database, so running it again does nothing. With NODE_ENV=production it refuses unless
// AMONT_DEMO_DATA=1: the demo accounts share a published password, one of them a platform admin.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../app/auth/password.server";
import { connectDatabase, db, disconnectDatabase, write, type WriteTransaction } from "../app/db/db.server";
import { appendExchange } from "../app/ledger/ledger.server";
import { MEMBER_ROLES } from "../app/organizations/kinds";
import { prepareVerificationRequestEmail, recordVerificationRequest } from "../app/organizations/verification.server";
import {
  BUYERS,
  DEMO_PASSWORD,
  PENDING_BUYERS,
  RELAYS,
  SEED_USERS,
  SUPPLIERS,
  type MembershipRole,
  type OrganizationSeed,
} from "./seed-data";
import { seedDemoAlerts } from "./seed-alerts";
import { seedDemoErasure } from "./seed-erasure";
import { seedDemoMeetings } from "./seed-meetings";
import { seedDemoPlan } from "./seed-plan";
import { seedDemoRecord } from "./seed-record";
import { seedDemoRelays } from "./seed-relays";
import { seedDemoSourcing } from "./seed-sourcing";

export interface SeedSummary {
  /** Verified buyers (PENDING_BUYERS are not counted). */
  buyers: number;
  pendingBuyers: number;
  suppliers: number;
  relays: number;
  users: number;
  ledgerRecords: number;
}

interface SeededUser {
  id: string;
  name: string;
}

interface MemberOf {
  user: SeededUser;
  role: MembershipRole;
}

/**
 * Members of each organisation, by slug, in the order of SEED_USERS: the first administrator
 * registered the organisation, the others joined it afterwards.
 */
function membersBySlug(userIds: ReadonlyMap<string, SeededUser>): Map<string, MemberOf[]> {
  const members = new Map<string, MemberOf[]>();
  for (const seed of SEED_USERS) {
    const user = userIds.get(seed.email);
    if (!user) throw new Error(`User ${seed.email} was not created`);
    for (const membership of seed.memberships) {
      const list = members.get(membership.organizationSlug) ?? [];
      list.push({ user, role: membership.role });
      members.set(membership.organizationSlug, list);
    }
  }
  return members;
}

/** The member who registered the organisation (its first administrator), then everyone else. */
function founderFirst(members: readonly MemberOf[], slug: string): { founder: MemberOf; others: MemberOf[] } {
  const founder = members.find((m) => m.role === "admin");
  if (!founder) throw new Error(`Organisation ${slug} has no administrator`);
  return { founder, others: members.filter((m) => m !== founder) };
}

function organizationData(org: OrganizationSeed) {
  const common = { kind: org.kind, name: org.name, slug: org.slug, departement: org.departement };
  switch (org.kind) {
    case "buyer":
      return { ...common, siren: org.siren, buyerKind: org.buyerKind };
    case "supplier":
      return { ...common, siret: org.siret, nafCode: org.nafCode, size: org.size, essStatus: org.essStatus };
    case "relay":
      return {
        ...common,
        relayKind: org.relayKind,
        territory: { create: org.territory.map((departement) => ({ departement })) },
      };
  }
}

/** Demo organisations are verified, except those of PENDING_BUYERS, which wait for a platform admin. */
async function createOrganization(
  tx: WriteTransaction,
  org: OrganizationSeed,
  members: readonly MemberOf[],
  verification: { status: "approved" } | { status: "pending"; requestedById: string } = { status: "approved" },
) {
  if (!members.some((m) => m.role === "admin")) throw new Error(`Organisation ${org.slug} has no administrator`);
  const created = await tx.organization.create({
    data: {
      ...organizationData(org),
      verificationStatus: verification.status,
      verificationRequestedById: verification.status === "pending" ? verification.requestedById : null,
    },
    select: { id: true },
  });
  for (const member of members) {
    await tx.membership.create({ data: { userId: member.user.id, organizationId: created.id, role: member.role } });
  }
  return created.id;
}

/**
 * Inserts the whole demo dataset: users, organisations, memberships, relay territories, and the
 * ledger records of the supplier organisations (registered by their first administrator, then one
 * record per colleague who joined). Expects an empty database: it fails on the unique e-mail
 * addresses, slugs and SIRETs otherwise.
 */
export async function seedDemoData(): Promise<SeedSummary> {
  // argon2 is deliberately slow: one hash, shared by every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const emailVerifiedAt = new Date();

  const users = await write(async (tx) => {
    const ids = new Map<string, SeededUser>();
    for (const user of SEED_USERS) {
      const created = await tx.user.create({
        data: {
          email: user.email,
          name: user.name,
          passwordHash,
          emailVerifiedAt,
          isPlatformAdmin: user.isPlatformAdmin,
        },
        select: { id: true, name: true },
      });
      ids.set(user.email, created);
    }
    return ids;
  });
  const members = membersBySlug(users);
  const membersOf = (slug: string) => members.get(slug) ?? [];

  // Buyers and relays: verified before the demo starts (like the rows that existed when verification
  // came), so nothing goes to the exchange ledger.
  await write(async (tx) => {
    for (const org of [...BUYERS, ...RELAYS]) await createOrganization(tx, org, membersOf(org.slug));
  });

  // A buyer waiting for verification, exactly as createOrganization() leaves one: pending, its
  // request on the ledger and in the platform admins' mail.
  let pendingRecords = 0;
  for (const org of PENDING_BUYERS) {
    const { founder } = founderFirst(membersOf(org.slug), org.slug);
    const requester = { id: founder.user.id, name: founder.user.name, email: `contact@${org.slug}.test` };
    const email = await prepareVerificationRequestEmail({ ...org, siret: null }, requester);
    await write(async (tx) => {
      const organizationId = await createOrganization(tx, org, membersOf(org.slug), {
        status: "pending",
        requestedById: founder.user.id,
      });
      await recordVerificationRequest(tx, { id: organizationId, ...org, siret: null }, requester, email);
    });
    pendingRecords++;
  }

  // Suppliers: each creation and each member who joins is an exchange record, in the same transaction.
  const ledgerRecords = await write(async (tx) => {
    let appended = 0;
    for (const org of SUPPLIERS) {
      const orgMembers = membersOf(org.slug);
      const { founder, others } = founderFirst(orgMembers, org.slug);
      const organizationId = await createOrganization(tx, org, orgMembers);
      // Same wording as createOrganization() and acceptInvitation() in app/organizations.
      await appendExchange(tx, {
        kind: "organization.created",
        actor: { userId: founder.user.id, label: founder.user.name },
        organizationIds: [organizationId],
        summary: `${founder.user.name} a inscrit l'entreprise « ${org.name} » (SIRET ${org.siret}).`,
        payload: { siret: org.siret, size: org.size, essStatus: org.essStatus, departement: org.departement },
      });
      appended++;
      for (const member of others) {
        await appendExchange(tx, {
          kind: "organization.member_joined",
          actor: { userId: member.user.id, label: member.user.name },
          organizationIds: [organizationId],
          summary: `${member.user.name} a rejoint « ${org.name} » comme ${MEMBER_ROLES[member.role].toLowerCase()}.`,
          payload: { role: member.role },
        });
        appended++;
      }
    }
    return appended;
  });

  // The buyers' forward plans for 2027, published as semester editions (prisma/seed-plan.ts).
  // Each published edition appends one record to the exchange ledger.
  const plan = await seedDemoPlan();
  // Sourcing questionnaires and events build on the plan's procurements.
  const sourcing = await seedDemoSourcing();
  const meetings = await seedDemoMeetings();
  // Exchanges recorded by hand and a launched procurement, on top of the sourcing and the meetings.
  const record = await seedDemoRecord();
  // What the relays follow and highlight, and the sites of their widget (prisma/seed-relays.ts).
  await seedDemoRelays();
  // Suppliers' alerts, once everything they could match is published (not exchanges: no ledger record).
  await seedDemoAlerts();
  // Last: a supplier's contact who took part in all of it closes his account (prisma/seed-erasure.ts).
  const erasure = await seedDemoErasure();

  return {
    buyers: BUYERS.length,
    pendingBuyers: PENDING_BUYERS.length,
    suppliers: SUPPLIERS.length,
    relays: RELAYS.length,
    users: users.size,
    ledgerRecords:
      ledgerRecords +
      pendingRecords +
      plan.editions +
      sourcing.ledgerRecords +
      meetings.ledgerRecords +
      record.ledgerRecords +
      erasure.ledgerRecords,
  };
}

async function main(): Promise<void> {
  await connectDatabase();
  try {
    if ((await db.organization.count()) > 0) {
      console.log("Données de démonstration déjà présentes : rien à faire.");
      return;
    }
    if (process.env.NODE_ENV === "production" && process.env.AMONT_DEMO_DATA !== "1") {
      console.log(
        "NODE_ENV=production : données de démonstration non chargées (leurs comptes partagent un mot de passe public). " +
          "Définissez AMONT_DEMO_DATA=1 pour les charger quand même.",
      );
      return;
    }
    const summary = await seedDemoData();
    console.log(
      `Données de démonstration créées : ${summary.buyers} acheteurs (et ${summary.pendingBuyers} en attente de vérification), ${summary.suppliers} fournisseurs, ` +
        `${summary.relays} relais, ${summary.users} comptes, ${summary.ledgerRecords} enregistrements au registre des échanges.`,
    );
  } finally {
    await disconnectDatabase();
  }
}

const invokedPath = process.argv[1];
if (invokedPath && path.resolve(invokedPath) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error("Échec du chargement des données de démonstration :", error);
    process.exitCode = 1;
  });
}
