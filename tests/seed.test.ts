import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { connectDatabase, db } from "~/db/db.server";
import { verifyLedger } from "~/ledger/ledger.server";
import { isValidSiren, isValidSiret } from "~/organizations/identifiers";
import { planAccuracy } from "~/plan/accuracy.server";
import { attachmentsDirectory } from "~/record/attachments.server";
import { eachRecordEntry, loadRecordScope } from "~/record/record.server";
import { todayInParis } from "~/calendar/dates";
import { coveredDepartements } from "~/relay/following";
import { relayNewsletter } from "~/relay/newsletter.server";
import { findPublicRelay } from "~/relay/relays.server";
import { parseNewsletterPeriod } from "~/relay/schemas";
import { hasAlsaceMosellePublicHolidays, schoolZoneOf } from "~/territory/departements";
import { seedDemoData, type SeedSummary } from "../prisma/seed";
import { DEMO_CLOSED_ACCOUNT } from "../prisma/seed-erasure";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  PENDING_BUYERS,
  RELAYS,
  SEED_USERS,
  SUPPLIERS,
  TEAM_MEMBERS,
  type MembershipSeed,
} from "../prisma/seed-data";
import { testTmp } from "./support/tmp";

const run = promisify(execFile);

let summary: SeedSummary;

beforeAll(async () => {
  await connectDatabase();
  summary = await seedDemoData();
});

describe("demo data", () => {
  it("has six verified buyers of different kinds in at least three school zones, one in Alsace-Moselle", async () => {
    const buyers = await db.organization.findMany({ where: { kind: "buyer", verificationStatus: "approved" } });
    expect(buyers).toHaveLength(6);
    expect(summary.buyers).toBe(6);
    const zones = new Set(buyers.map((b) => schoolZoneOf(b.departement)));
    expect(zones.size).toBeGreaterThanOrEqual(3);
    expect(buyers.some((b) => hasAlsaceMosellePublicHolidays(b.departement))).toBe(true);
    expect(new Set(buyers.map((b) => b.buyerKind))).toEqual(
      new Set(["intercommunalite", "commune", "departement", "hopital", "bailleur_social"]),
    );
    for (const buyer of buyers) expect(isValidSiren(buyer.siren ?? ""), buyer.name).toBe(true);
  });

  it("has at least 25 suppliers, all with a valid SIRET and a NAF code, several from the social economy", async () => {
    const suppliers = await db.organization.findMany({ where: { kind: "supplier" } });
    expect(suppliers.length).toBeGreaterThanOrEqual(25);
    for (const supplier of suppliers) {
      expect(isValidSiret(supplier.siret ?? ""), `${supplier.name} ${supplier.siret}`).toBe(true);
      expect(supplier.nafCode, supplier.name).toMatch(/^\d{2}\.\d{2}[A-Z]$/);
      expect(["TPE", "PME", "ETI", "GE"]).toContain(supplier.size);
    }
    const byStatus = (status: string) => suppliers.filter((s) => s.essStatus === status).length;
    expect(byStatus("ess")).toBeGreaterThanOrEqual(2);
    expect(byStatus("siae")).toBeGreaterThanOrEqual(2);
    expect(byStatus("ea_esat")).toBeGreaterThanOrEqual(2);
    expect(new Set(suppliers.map((s) => s.siret)).size).toBe(suppliers.length);
    // Suppliers are spread across the buyers' départements.
    const buyerDepartements = (
      await db.organization.findMany({ where: { kind: "buyer", verificationStatus: "approved" } })
    ).map((b) => b.departement);
    for (const departement of buyerDepartements) {
      expect(
        suppliers.some((s) => s.departement === departement),
        departement,
      ).toBe(true);
    }
  });

  it("has a CCI and a CMA with their territories", async () => {
    const relays = await db.organization.findMany({
      where: { kind: "relay" },
      include: { territory: true },
      orderBy: { relayKind: "asc" },
    });
    expect(relays.map((r) => r.relayKind)).toEqual(["cci", "cma"]);
    for (const relay of relays) {
      expect(relay.territory.length).toBeGreaterThan(0);
      expect(relay.territory.map((t) => t.departement)).toContain(relay.departement);
    }
  });

  it("has relays that follow several buyers, declare their widget's site and have a newsletter block ready", async () => {
    for (const seed of RELAYS) {
      const relay = (await findPublicRelay(seed.slug))!;
      expect(relay, seed.slug).not.toBeNull();
      const buyers = await db.organization.findMany({
        where: { kind: "buyer", verificationStatus: "approved" },
        select: { id: true, departement: true },
      });
      const covered = new Set(coveredDepartements(relay.following));
      const followed = buyers.filter(
        (buyer) => relay.following.buyerIds.includes(buyer.id) || covered.has(buyer.departement),
      );
      expect(followed.length, seed.slug).toBeGreaterThanOrEqual(2);
      expect(relay.following.buyerIds.length, seed.slug).toBeGreaterThanOrEqual(1);
      expect(relay.highlights.cpvDivisions.length, seed.slug).toBeGreaterThan(0);
      expect(
        relay.sites.every((site) => site.startsWith("https://")),
        seed.slug,
      ).toBe(true);
      const now = new Date();
      const { period } = parseNewsletterPeriod(new URLSearchParams(), todayInParis(now));
      const newsletter = await relayNewsletter(relay, period, "https://amont.example", now);
      expect(newsletter.data.added.length, seed.slug).toBeGreaterThan(0);
      expect(newsletter.text, seed.slug).toContain("https://amont.example/plan/");
    }
  });

  it("has every organisation verified but one commune, whose request waits on /admin/organisations", async () => {
    const pending = await db.organization.findMany({ where: { verificationStatus: { not: "approved" } } });
    expect(
      pending.map((organization) => [organization.slug, organization.kind, organization.verificationStatus]),
    ).toEqual(PENDING_BUYERS.map((buyer) => [buyer.slug, "buyer", "pending"]));
    expect(summary.pendingBuyers).toBe(1);
    const requester = await db.user.findUniqueOrThrow({ where: { id: pending[0]!.verificationRequestedById! } });
    expect(requester.email).toBe(`contact@${PENDING_BUYERS[0].slug}.test`);
    const request = await db.ledgerRecord.findFirstOrThrow({
      where: { kind: "organization.verification_requested" },
      include: { parties: true },
    });
    expect(request.parties.map((party) => party.organizationId)).toEqual([pending[0]!.id]);
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { template: "organization-verification-requested" },
    });
    expect(mail.to).toBe("admin@amont.test");
    expect(mail.text).toContain(PENDING_BUYERS[0].name);
  });

  it("gives every organisation an administrator and every user a verified address, but the account closed in the demo", async () => {
    const organizations = await db.organization.findMany({ include: { memberships: true } });
    for (const organization of organizations) {
      // Its only member closed his account (prisma/seed-erasure.ts).
      if (organization.slug === "maconnerie-da-silva") continue;
      expect(
        organization.memberships.some((m) => m.role === "admin"),
        organization.name,
      ).toBe(true);
    }
    expect(await db.user.count()).toBe(SEED_USERS.length);
    expect(await db.user.findMany({ where: { emailVerifiedAt: null }, select: { email: true } })).toEqual([
      { email: expect.stringMatching(/@compte-ferme\.invalid$/) },
    ]);
    expect(await db.user.count({ where: { isPlatformAdmin: true } })).toBe(1);
  });

  it("lets every demo account sign in with the demo password, with its membership", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await db.user.findUnique({
        where: { email: account.email },
        include: { memberships: { include: { organization: true } } },
      });
      expect(user, account.email).not.toBeNull();
      expect(await verifyPassword(user!.passwordHash, DEMO_PASSWORD), account.email).toBe(true);
      expect(user!.isPlatformAdmin).toBe(account.isPlatformAdmin);
      expect(user!.memberships.map((m) => ({ organizationSlug: m.organization.slug, role: m.role }))).toEqual(
        account.memberships,
      );
    }
    const someone = await db.user.findUniqueOrThrow({ where: { email: "acheteur@amont.test" } });
    expect(await verifyPassword(someone.passwordHash, "mauvais-mot-de-passe")).toBe(false);
  });

  it("records each supplier's creation and its members in a ledger whose chain verifies", async () => {
    expect(await db.ledgerRecord.count({ where: { kind: "organization.created" } })).toBe(SUPPLIERS.length);
    const supplierSlugs = new Set<string>(SUPPLIERS.map((s) => s.slug));
    const joined = TEAM_MEMBERS.flatMap((u): readonly MembershipSeed[] => u.memberships).filter((m) =>
      supplierSlugs.has(m.organizationSlug),
    );
    expect(joined.length).toBeGreaterThan(0);
    expect(await db.ledgerRecord.count({ where: { kind: "organization.member_joined" } })).toBe(joined.length);
    const perrin = await db.organization.findUniqueOrThrow({ where: { slug: "menuiserie-perrin" } });
    const records = await db.ledgerRecord.findMany({
      where: { parties: { some: { organizationId: perrin.id } } },
      orderBy: { sequence: "asc" },
    });
    expect(records.map((r) => r.kind)).toEqual(["organization.created", "organization.member_joined"]);
    expect(records[0]!.summary).toBe(
      "Julien Perrin a inscrit l'entreprise « Menuiserie Perrin & Fils » (SIRET " + SUPPLIERS[0].siret + ").",
    );
    expect(records[1]!.summary).toBe("Léa Perrin a rejoint « Menuiserie Perrin & Fils » comme membre.");
    const result = await verifyLedger();
    expect(result).toMatchObject({ ok: true, count: summary.ledgerRecords });
  });
});

describe("demo record", () => {
  it("gives the procurement with the open questionnaire and the fair two manual entries, one with a PDF attached", async () => {
    const metropole = await db.organization.findUniqueOrThrow({ where: { slug: "metropole-rhone-confluence" } });
    const procurement = await db.plannedProcurement.findFirstOrThrow({
      where: { organizationId: metropole.id, questionnaires: { some: { status: "published" } }, events: { some: {} } },
    });
    const scope = (await loadRecordScope(metropole.id, procurement.id))!;
    const entries = [];
    for await (const entry of eachRecordEntry(scope)) entries.push(entry);
    const manual = entries.filter((entry) => entry.kind === "manual.exchange");
    expect(manual.map((entry) => entry.manual?.channel)).toEqual(["phone", "visit"]);
    expect(manual.every((entry) => entry.suppliers.length === 1 && entry.suppliers[0]!.organizationId)).toBe(true);
    const attachment = manual[1]!.manual!.attachment!;
    expect(attachment).toMatchObject({ contentType: "application/pdf", fileName: "compte-rendu-visite-jean-mace.pdf" });
    const file = readFileSync(path.join(attachmentsDirectory(), attachment.sha256));
    expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(createHash("sha256").update(file).digest("hex")).toBe(attachment.sha256);
    // The rest of its record: the questionnaire and the fair are there too.
    const kinds = new Set(entries.map((entry) => entry.kind));
    for (const kind of ["sourcing.version_published", "sourcing.answer_submitted", "meeting.event_published"])
      expect(kinds, kind).toContain(kind);
  });

  it("marks one procurement launched, which the buyer's public page compares with the plan", async () => {
    const launched = await db.plannedProcurement.findMany({ where: { launchedOn: { not: null } } });
    expect(launched).toHaveLength(1);
    expect(launched[0]).toMatchObject({ status: "published", launchNoticeReference: expect.stringMatching(/^BOAMP /) });
    expect(await db.ledgerRecord.count({ where: { kind: "procurement.launched" } })).toBe(1);
    const accuracy = await planAccuracy(launched[0]!.organizationId);
    const rows = [...accuracy.values()].flatMap((semester) => semester.rows);
    expect(rows.find((row) => row.plannedProcurementId === launched[0]!.id)?.launchedOn).toBe(launched[0]!.launchedOn);
  });
});

describe("demo erasure", () => {
  it("has one supplier's contact who closed his account: his entries stay on the record, redacted, and the chain verifies", async () => {
    expect(await db.user.findUnique({ where: { email: DEMO_CLOSED_ACCOUNT.email } })).toBeNull();
    const metropole = await db.organization.findUniqueOrThrow({ where: { slug: "metropole-rhone-confluence" } });
    const procurement = await db.plannedProcurement.findFirstOrThrow({
      where: { organizationId: metropole.id, questionnaires: { some: { status: "published" } }, events: { some: {} } },
    });
    const entries = [];
    for await (const entry of eachRecordEntry((await loadRecordScope(metropole.id, procurement.id))!))
      entries.push(entry);
    const redacted = entries.filter((entry) => entry.redaction);
    // His answer to the Métropole's questionnaire is on the record of its procurement.
    expect(redacted.map((entry) => entry.kind)).toContain("sourcing.answer_submitted");
    // Elsewhere on the ledger: his organisation's creation and his bookings at the fair.
    const kinds = new Set(
      (await db.ledgerRecord.findMany({ where: { redactedAt: { not: null } } })).map((record) => record.kind),
    );
    for (const kind of ["organization.created", "meeting.slot_booked", "sourcing.answer_submitted"])
      expect(kinds, kind).toContain(kind);
    for (const entry of redacted) {
      expect(entry).toMatchObject({ actorUserId: null, actorLabel: "[effacé]", summary: "[effacé]" });
      expect(entry.redaction!.fields).toEqual(expect.arrayContaining(["actorUserId", "actorLabel", "summary"]));
    }
    const texts = (await db.ledgerRecord.findMany()).map((r) => `${r.actorLabel} ${r.summary} ${r.payload}`).join("\n");
    expect(texts).not.toContain(DEMO_CLOSED_ACCOUNT.name);
    expect(texts).not.toContain(DEMO_CLOSED_ACCOUNT.email);
    const erasure = await db.ledgerRecord.findFirstOrThrow({ where: { kind: "ledger.redacted" } });
    expect(JSON.parse(erasure.payload)).toMatchObject({ reason: "account_closed" });
    expect(await verifyLedger()).toMatchObject({ ok: true, redacted: expect.any(Number) });
    expect((await verifyLedger()).redacted).toBeGreaterThanOrEqual(redacted.length);
  });
});

describe("demo alerts", () => {
  it("gives a few suppliers alerts, one immediate already sent, the weekly ones left to the Monday digest", async () => {
    const alerts = await db.supplierAlert.findMany({ include: { user: { select: { email: true } } } });
    expect(alerts.map((alert) => [alert.user.email, alert.frequency]).sort()).toEqual([
      ["ess@amont.test", "immediate"],
      ["fournisseur@amont.test", "weekly"],
      ["marches@table-de-somme.test", "weekly"],
    ]);
    const immediate = await db.outboxMessage.findMany({ where: { template: "alert-immediate" } });
    expect(immediate.length).toBeGreaterThanOrEqual(1);
    expect(immediate.every((message) => message.to === "ess@amont.test")).toBe(true);
    expect(
      immediate.some((message) => message.text.includes("Entretien des espaces verts des parcs métropolitains")),
    ).toBe(true);
    // Every alert job the demo's publications scheduled has run.
    expect(await db.job.count({ where: { kind: "alerts.immediate", status: { not: "done" } } })).toBe(0);
  });
});

describe("npm run db:setup", () => {
  it("creates the database, migrates and seeds it once; a second run changes nothing", async () => {
    const directory = mkdtempSync(path.join(testTmp(), "db-setup-"));
    const file = path.join(directory, "nested", "amont.db");
    const env = { ...process.env, DATABASE_URL: `file:${file}` };
    const setup = () => run(process.execPath, ["scripts/db-setup.js"], { env, encoding: "utf8" });

    const first = await setup();
    expect(first.stdout).toContain("Données de démonstration créées");

    const counts = () => {
      const raw = new BetterSqlite3(file, { readonly: true });
      try {
        const count = (table: string) => (raw.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
        return { organizations: count("Organization"), users: count("User"), ledger: count("LedgerRecord") };
      } finally {
        raw.close();
      }
    };
    const afterFirst = counts();
    expect(afterFirst.organizations).toBe(summary.buyers + summary.pendingBuyers + summary.suppliers + summary.relays);

    const second = await setup();
    expect(second.stdout).toContain("Migrations : base déjà à jour.");
    expect(second.stdout).toContain("Données de démonstration déjà présentes : rien à faire.");
    expect(counts()).toEqual(afterFirst);
    // Two child processes that migrate and seed (argon2, thousands of rows): a wide margin for a busy machine.
  }, 180_000);
});
