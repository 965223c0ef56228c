// Fills the database given by DATABASE_URL (already migrated, empty) with a large synthetic
// dataset for `npm run bench`, then creates one login session for the benchmark and prints, as the
// last line of its output, `BENCH_SEED_RESULT {json}` with the session cookie and the row counts.
//
//   node node_modules/tsx/dist/cli.mjs bench/seed-large.ts --size 20000 [--no-demo]
//
// Volume for --size N: N suppliers (valid SIRETs), N/40 buyers, N/400 relays, about 1.3 N users,
// 1.3 N memberships, N/2 sessions, N/5 sent e-mails in the outbox and about 1.75 N exchange-ledger
// records forming one valid hash chain (organisation created, member joined, manual exchanges
// between a buyer and a supplier). The demo dataset (prisma/seed.ts) is loaded first unless
// --no-demo, so that the demo accounts exist as well. Then the forward plan (issue 3): --plan P
// planned procurements (default 5 000) of the first P/50 buyers, published through the
// application's publishEdition() as S1 and S2 2027 editions (with their ledger records).
//
// Rows are inserted with createMany in batches, through the project's own write queue (write()),
// a few thousand rows per transaction. Ledger hashes are computed here with the ledger's own
// sealRecord(), so verifyLedger() accepts the chain.
import { randomBytes } from "node:crypto";
import { sessionCookieHeader, SESSION_LIFETIME_MS } from "~/auth/session.server";
import { hashPassword } from "~/auth/password.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { connectDatabase, db, disconnectDatabase, write } from "~/db/db.server";
import { canonicalJson, GENESIS_HASH, sealRecord, type ProtectedValues, type RecordFrame } from "~/ledger/canonical";
import { verifyLedger } from "~/ledger/ledger.server";
import { publishEdition } from "~/plan/editions.server";
import { completeLuhn } from "~/organizations/identifiers";
import { saveFollowing, saveSites } from "~/relay/relays.server";
import { followingSchema } from "~/relay/schemas";
import { DEPARTEMENT_CODES } from "~/territory/departements";
import { seedDemoData } from "../prisma/seed";

// ---- options ----------------------------------------------------------------------------------

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} expects a non-negative integer, got "${raw}"`);
  return value;
}

const SIZE = option("size", 20_000);
/** Planned procurements in published editions (issue 3's benchmarks use 5 000). */
const PLAN = option("plan", 5_000);
const PLAN_PER_BUYER = 50;
const WITH_DEMO = !process.argv.includes("--no-demo");
const SKIP_VERIFY = process.argv.includes("--skip-verify");
/** Rows per createMany call and per transaction (the write queue's transactions time out after 20 s). */
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1_000);
const ROWS_PER_TRANSACTION = 5_000;

if (SIZE > 5_000_000) throw new Error("--size above 5 000 000 is not supported (SIRET range)");

// ---- deterministic pseudo-random data ---------------------------------------------------------

let randomState = 0x2f6b_a11c;
/** mulberry32: the same dataset on every run for a given size. */
function random(): number {
  randomState = (randomState + 0x6d2b79f5) | 0;
  let t = randomState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
function weighted<T extends string>(table: readonly (readonly [T, number])[]): T {
  let r = random();
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[table.length - 1]![0];
}

let idCounter = 0;
const idPrefix = `c${Date.now().toString(36)}`;
/** cuid-like ids (same length and alphabet as Prisma's cuid()), increasing like real ones. */
function newId(): string {
  idCounter++;
  return `${idPrefix}${idCounter.toString(36).padStart(6, "0")}${randomBytes(6).toString("hex")}`.slice(0, 25);
}

const NOW = Date.now();
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;
/** Dates spread over the last two years, increasing with `fraction` (0 → oldest). */
function pastDate(fraction: number): Date {
  return new Date(Math.floor(NOW - TWO_YEARS_MS * (1 - fraction) - random() * 3_600_000));
}

const FIRST_NAMES = [
  "Camille",
  "Louis",
  "Léa",
  "Hugo",
  "Chloé",
  "Nathan",
  "Manon",
  "Lucas",
  "Inès",
  "Jules",
  "Sarah",
  "Mathis",
  "Emma",
  "Yanis",
  "Zoé",
  "Karim",
  "Aïcha",
  "Théo",
  "Lina",
  "Paul",
  "Élodie",
  "Noah",
  "Jeanne",
  "Malik",
];
const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefebvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "André",
  "Mercier",
  "Nguyen",
  "Haddad",
  "Le Gall",
  "Kerbrat",
];
const TRADES = [
  ["Menuiserie", "4332A"],
  ["Plomberie", "4322A"],
  ["Électricité", "4321A"],
  ["Nettoyage", "8121Z"],
  ["Espaces verts", "8130Z"],
  ["Restauration collective", "5629A"],
  ["Imprimerie", "1812Z"],
  ["Transports", "4939A"],
  ["Conseil informatique", "6202A"],
  ["Maçonnerie", "4399C"],
  ["Traiteur", "5621Z"],
  ["Blanchisserie", "9601A"],
  ["Peinture", "4334Z"],
  ["Bureau d'études", "7112B"],
] as const;
const PLACES = [
  "du Val",
  "des Coteaux",
  "de la Vallée",
  "du Littoral",
  "des Monts",
  "du Bocage",
  "de la Plaine",
  "du Plateau",
  "des Rives",
  "du Causse",
];
const SIZES = [
  ["TPE", 0.6],
  ["PME", 0.3],
  ["ETI", 0.08],
  ["GE", 0.02],
] as const;
const ESS = [
  ["none", 0.85],
  ["ess", 0.08],
  ["siae", 0.05],
  ["ea_esat", 0.02],
] as const;
const BUYER_KINDS = [
  ["commune", 0.45],
  ["intercommunalite", 0.2],
  ["departement", 0.08],
  ["region", 0.03],
  ["hopital", 0.1],
  ["bailleur_social", 0.09],
  ["etat", 0.03],
  ["autre", 0.02],
] as const;
const RELAY_KINDS = [
  ["cci", 0.4],
  ["cma", 0.35],
  ["cress", 0.15],
  ["other", 0.1],
] as const;
const TOPICS = [
  "entretien des espaces verts",
  "restauration scolaire",
  "nettoyage des locaux",
  "travaux de voirie",
  "maintenance informatique",
  "fournitures de bureau",
  "transport scolaire",
  "rénovation énergétique",
];

/** SIRET from a number: SIREN body 10 000 000 + n (clear of the demo data's range and of La Poste's). */
function siret(n: number): string {
  const siren = completeLuhn(String(10_000_000 + n));
  return completeLuhn(`${siren}0001`);
}
function siren(n: number): string {
  return completeLuhn(String(20_000_000 + n));
}
const departements = DEPARTEMENT_CODES;

// ---- insertion helpers ------------------------------------------------------------------------

type TableName =
  | "user"
  | "organization"
  | "membership"
  | "relayTerritory"
  | "session"
  | "outboxMessage"
  | "ledgerRecord"
  | "ledgerParty"
  | "plannedProcurement"
  | "plannedLot";

/** Inserts rows with createMany, CHUNK rows per statement, ROWS_PER_TRANSACTION rows per write(). */
async function insertAll(table: TableName, rows: readonly object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_TRANSACTION) {
    const slice = rows.slice(start, start + ROWS_PER_TRANSACTION);
    await write(async (tx) => {
      for (let offset = 0; offset < slice.length; offset += CHUNK) {
        const data = slice.slice(offset, offset + CHUNK);
        // Each delegate's createMany takes its own row type; the rows are built to match them.
        await (tx[table] as unknown as { createMany(args: { data: readonly object[] }): Promise<unknown> }).createMany({
          data,
        });
      }
    });
  }
}

function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  return work().then((result) => {
    console.log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  });
}

// ---- the forward plan ---------------------------------------------------------------------------

const PLAN_KINDS = [
  ["travaux", "45453000-7", "Rénovation énergétique"],
  ["travaux", "45261000-4", "Réfection de la toiture"],
  ["travaux", "45233142-6", "Réfection de la voirie"],
  ["travaux", "45442100-8", "Travaux de peinture"],
  ["services", "77310000-6", "Entretien des espaces verts"],
  ["services", "90919200-4", "Nettoyage des locaux"],
  ["services", "55524000-9", "Restauration scolaire"],
  ["services", "60130000-8", "Transport des élèves"],
  ["services", "50720000-8", "Maintenance du chauffage"],
  ["services", "72260000-5", "Maintenance informatique"],
  ["services", "79810000-5", "Impression des supports de communication"],
  ["fournitures", "30192000-1", "Fournitures de bureau"],
  ["fournitures", "39130000-2", "Mobilier de bureau"],
  ["fournitures", "34144900-7", "Véhicules électriques"],
  ["fournitures", "15000000-8", "Denrées alimentaires"],
] as const;
const PLAN_SITES = [
  "de l'école",
  "du gymnase",
  "de la médiathèque",
  "de la mairie",
  "des bâtiments communaux",
  "du centre aquatique",
  "des crèches",
  "du collège",
  "des résidences",
  "du siège",
];
const VALUE_BANDS = [
  ["lt_40k", 0.25],
  ["40k_100k", 0.25],
  ["100k_215k", 0.2],
  ["215k_1m", 0.2],
  ["1m_5m", 0.08],
  ["gt_5m", 0.02],
] as const;
const PROCEDURES = [
  ["mapa", 0.7],
  ["ao_ouvert", 0.2],
  ["ao_restreint", 0.05],
  ["negociee", 0.05],
] as const;
const RESERVED = [
  ["none", 0.9],
  ["siae", 0.05],
  ["disability", 0.03],
  ["ess", 0.02],
] as const;
/** Months of 2027 in which buyers launch (no August, little in July and December). */
const PLAN_MONTHS = [
  ["01", 0.1],
  ["02", 0.1],
  ["03", 0.12],
  ["04", 0.1],
  ["05", 0.1],
  ["06", 0.1],
  ["07", 0.04],
  ["09", 0.1],
  ["10", 0.1],
  ["11", 0.1],
  ["12", 0.04],
] as const;

function planDate(): string {
  const month = weighted(PLAN_MONTHS);
  let day = 1 + Math.floor(random() * 28);
  // A weekday: buyers do not publish at weekends.
  const weekday = new Date(Date.UTC(2027, Number(month) - 1, day)).getUTCDay();
  if (weekday === 6) day = day > 2 ? day - 1 : day + 2;
  if (weekday === 0) day = day < 28 ? day + 1 : day - 2;
  return `2027-${month}-${String(day).padStart(2, "0")}`;
}

function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * PLAN planned procurements spread over the first buyers (PLAN_PER_BUYER each), then every
 * buyer's S1 and S2 2027 editions published through publishEdition().
 */
async function seedPlan(
  buyers: readonly OrgRow[],
  adminOf: ReadonlyMap<string, UserRow>,
): Promise<{ plannedProcurements: number; lots: number; editions: number }> {
  const planned = buyers.slice(0, Math.max(1, Math.ceil(PLAN / PLAN_PER_BUYER)));
  const procurements: object[] = [];
  const lots: object[] = [];
  for (let i = 0; i < PLAN; i++) {
    const buyer = planned[i % planned.length]!;
    const admin = adminOf.get(buyer.id)!;
    const [category, cpvCode, label] = pick(PLAN_KINDS);
    const date = planDate();
    const id = newId();
    const reserved = weighted(RESERVED);
    procurements.push({
      id,
      organizationId: buyer.id,
      reference: `B-${i + 1}`,
      title: `${label} ${pick(PLAN_SITES)} ${pick(PLACES)} (n° ${i + 1})`,
      need: `${label} ${pick(PLAN_SITES)} : besoin décrit en quelques phrases simples pour que les entreprises du territoire sachent si l'achat les concerne.`,
      category,
      cpvCode,
      valueBand: weighted(VALUE_BANDS),
      procedure: weighted(PROCEDURES),
      reserved,
      socialConsideration: random() < 0.2 ? "Clause d'insertion : 5 % des heures travaillées." : null,
      environmentalConsideration: random() < 0.5 ? "Produits écolabellisés, réemploi et réduction des déchets." : null,
      expectedPublicationDate: date,
      responseDeadline: addDaysIso(date, 35 + Math.floor(random() * 20)),
      contractStart: addDaysIso(date, 120),
      contractDurationMonths: pick([12, 24, 36, 48]),
      contactName: admin.name,
      contactEmail: admin.email,
      status: random() < 0.8 ? "planned" : "sourcing",
      createdById: admin.id,
      createdAt: new Date(NOW - 3_600_000),
      updatedAt: new Date(NOW - 3_600_000),
    });
    if (random() < 0.25) {
      const count = 2 + Math.floor(random() * 3);
      for (let n = 1; n <= count; n++)
        lots.push({
          id: newId(),
          plannedProcurementId: id,
          number: n,
          title: `Lot ${n} : secteur ${pick(PLACES)}`,
          description: null,
        });
    }
  }
  await insertAll("plannedProcurement", procurements);
  await insertAll("plannedLot", lots);
  let editions = 0;
  for (const buyer of planned) {
    const admin = adminOf.get(buyer.id)!;
    for (const half of [1, 2] as const) {
      const result = await publishEdition({ id: admin.id, name: admin.name }, buyer.id, { year: 2027, half });
      if (!result.ok) throw new Error(`publishEdition(${buyer.slug}, 2027-S${half}): ${result.message}`);
      editions++;
    }
  }
  return { plannedProcurements: procurements.length, lots: lots.length, editions };
}

// ---- the dataset ------------------------------------------------------------------------------

interface OrgRow {
  id: string;
  kind: "buyer" | "supplier" | "relay";
  name: string;
  slug: string;
  departement: string;
  createdAt: Date;
  updatedAt: Date;
  siret?: string;
  nafCode?: string;
  size?: string;
  essStatus?: string;
  siren?: string;
  buyerKind?: string;
  relayKind?: string;
  /** Every generated organisation is verified: the benchmarks publish as they please. */
  verificationStatus: "approved";
}
interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  isPlatformAdmin: boolean;
  createdAt: Date;
  updatedAt: Date;
}
interface MembershipRow {
  id: string;
  userId: string;
  organizationId: string;
  role: "admin" | "member";
  createdAt: Date;
}
type LedgerEvent = Omit<RecordFrame & ProtectedValues, "sequence" | "previousHash"> & { parties: string[] };

async function main(): Promise<void> {
  const started = performance.now();
  await connectDatabase();
  if ((await db.organization.count()) > 0) throw new Error("seed-large expects an empty (freshly migrated) database");

  console.log(`Synthetic dataset, size ${SIZE}${WITH_DEMO ? " (plus the demo data)" : ""}`);
  if (WITH_DEMO) await timed("demo data (prisma/seed.ts)", () => seedDemoData());

  const passwordHash = await hashPassword("Bench-password-not-for-login-0000");
  const supplierCount = SIZE;
  const buyerCount = Math.max(6, Math.round(SIZE / 40));
  const relayCount = Math.max(2, Math.round(SIZE / 400));

  const users: UserRow[] = [];
  const organizations: OrgRow[] = [];
  const memberships: MembershipRow[] = [];
  const territories: { organizationId: string; departement: string }[] = [];
  const events: { at: Date; event: LedgerEvent }[] = [];

  const newUser = (fraction: number): UserRow => {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const createdAt = pastDate(fraction);
    const user: UserRow = {
      id: newId(),
      email: `${first}.${last}.${users.length + 1}@bench.amont.test`
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/ /g, "-"),
      name: `${first} ${last}`,
      passwordHash,
      emailVerifiedAt: random() < 0.95 ? createdAt : null,
      isPlatformAdmin: false,
      createdAt,
      updatedAt: createdAt,
    };
    users.push(user);
    return user;
  };
  const join = (user: UserRow, organization: OrgRow, role: "admin" | "member", at: Date) =>
    memberships.push({ id: newId(), userId: user.id, organizationId: organization.id, role, createdAt: at });

  // Buyers: an administrator and a colleague each.
  const buyers: OrgRow[] = [];
  for (let i = 0; i < buyerCount; i++) {
    const fraction = (i / buyerCount) * 0.3;
    const buyerKind = weighted(BUYER_KINDS);
    const departement = pick(departements);
    const createdAt = pastDate(fraction);
    const org: OrgRow = {
      id: newId(),
      kind: "buyer",
      name: `${buyerKind === "commune" ? "Commune" : buyerKind === "hopital" ? "Centre hospitalier" : "Collectivité"} ${pick(PLACES)} n° ${i + 1}`,
      slug: `bench-acheteur-${i + 1}`,
      departement,
      createdAt,
      updatedAt: createdAt,
      siren: siren(i),
      buyerKind,
      verificationStatus: "approved",
    };
    buyers.push(org);
    organizations.push(org);
    join(newUser(fraction), org, "admin", createdAt);
    join(newUser(fraction), org, "member", createdAt);
  }

  // Relays, each following one to four départements.
  for (let i = 0; i < relayCount; i++) {
    const createdAt = pastDate((i / relayCount) * 0.3);
    const org: OrgRow = {
      id: newId(),
      kind: "relay",
      name: `Réseau d'accompagnement ${pick(PLACES)} n° ${i + 1}`,
      slug: `bench-relais-${i + 1}`,
      departement: pick(departements),
      createdAt,
      updatedAt: createdAt,
      relayKind: weighted(RELAY_KINDS),
      verificationStatus: "approved",
    };
    organizations.push(org);
    const followed = new Set([
      org.departement,
      ...Array.from({ length: Math.floor(random() * 4) }, () => pick(departements)),
    ]);
    for (const departement of followed) territories.push({ organizationId: org.id, departement });
    join(newUser(0.3), org, "admin", createdAt);
  }

  // Suppliers: the founder registers it (ledger record); one in four has a colleague who joins later.
  const suppliers: OrgRow[] = [];
  for (let i = 0; i < supplierCount; i++) {
    const fraction = 0.3 + (i / supplierCount) * 0.6;
    const [trade, nafCode] = pick(TRADES);
    const founder = newUser(fraction);
    const createdAt = founder.createdAt;
    const org: OrgRow = {
      id: newId(),
      kind: "supplier",
      name: `${trade} ${founder.name.split(" ").slice(1).join(" ")} ${pick(PLACES)}`,
      slug: `bench-fournisseur-${i + 1}`,
      departement: pick(departements),
      createdAt,
      updatedAt: createdAt,
      siret: siret(i),
      nafCode,
      size: weighted(SIZES),
      essStatus: weighted(ESS),
      verificationStatus: "approved",
    };
    suppliers.push(org);
    organizations.push(org);
    join(founder, org, "admin", createdAt);
    events.push({
      at: createdAt,
      event: {
        kind: "organization.created",
        actorUserId: founder.id,
        actorLabel: founder.name,
        organizationIds: canonicalJson([org.id]),
        plannedProcurementId: null,
        eventId: null,
        summary: `${founder.name} a inscrit l'entreprise « ${org.name} » (SIRET ${org.siret}).`,
        payload: canonicalJson({
          siret: org.siret!,
          size: org.size!,
          essStatus: org.essStatus!,
          departement: org.departement,
        }),
        occurredAt: createdAt,
        parties: [org.id],
      },
    });
    if (i % 4 === 0) {
      const colleague = newUser(fraction + 0.05);
      join(colleague, org, "member", colleague.createdAt);
      events.push({
        at: colleague.createdAt,
        event: {
          kind: "organization.member_joined",
          actorUserId: colleague.id,
          actorLabel: colleague.name,
          organizationIds: canonicalJson([org.id]),
          plannedProcurementId: null,
          eventId: null,
          summary: `${colleague.name} a rejoint « ${org.name} » comme membre.`,
          payload: canonicalJson({ role: "member" }),
          occurredAt: colleague.createdAt,
          parties: [org.id],
        },
      });
    }
  }

  // Exchanges between a buyer and a supplier, recorded by hand (phone calls, meetings).
  const exchangeCount = Math.round(SIZE / 2);
  for (let i = 0; i < exchangeCount; i++) {
    const buyer = pick(buyers);
    const supplier = pick(suppliers);
    const at = pastDate(0.9 + (i / exchangeCount) * 0.099);
    const parties = [buyer.id, supplier.id].sort();
    events.push({
      at,
      event: {
        kind: "manual.exchange",
        actorUserId: null,
        actorLabel: `Service achats, ${buyer.name}`,
        organizationIds: canonicalJson(parties),
        plannedProcurementId: null,
        eventId: null,
        summary: `Échange téléphonique avec « ${supplier.name} » au sujet de ${pick(TOPICS)}.`,
        payload: canonicalJson({ channel: "telephone", durationMinutes: 5 + Math.floor(random() * 40) }),
        occurredAt: at,
        parties,
      },
    });
  }

  // The benchmark's logged-in user: a buyer's administrator who is also a relay member.
  const benchUser = newUser(0.95);
  benchUser.name = "Banc d'essai Connecté";
  join(benchUser, buyers[0]!, "admin", benchUser.createdAt);
  join(
    benchUser,
    organizations.find((org) => org.kind === "relay")!,
    "member",
    benchUser.createdAt,
  );

  // Sessions of half the users (all still valid, so that the hourly purge does not run during the load).
  const sessions: object[] = [];
  for (let i = 0; i < Math.round(SIZE / 2); i++) {
    const user = users[Math.floor(random() * users.length)]!;
    const createdAt = new Date(NOW - Math.floor(random() * 10 * 24 * 3600 * 1000));
    sessions.push({
      id: hashToken(generateToken()),
      userId: user.id,
      activeOrganizationId: null,
      expiresAt: new Date(createdAt.getTime() + 30 * 24 * 3600 * 1000),
      createdAt,
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) bench",
    });
  }

  // Verification e-mails already sent.
  const outbox: object[] = [];
  for (let i = 0; i < Math.round(SIZE / 5); i++) {
    const user = users[Math.floor(random() * users.length)]!;
    outbox.push({
      id: newId(),
      template: "verify-email",
      to: user.email,
      subject: "Confirmez votre adresse e-mail sur Amont",
      html: `<p>Bonjour ${user.name},</p><p>Votre code : ${String(Math.floor(random() * 1e6)).padStart(6, "0")}</p>`,
      text: `Bonjour ${user.name},\nVotre code : ${String(Math.floor(random() * 1e6)).padStart(6, "0")}`,
      status: "sent",
      attempts: 1,
      nextAttemptAt: user.createdAt,
      providerId: `bench-${i}`,
      createdAt: user.createdAt,
      sentAt: user.createdAt,
    });
  }

  console.log(
    `  generated ${organizations.length} organisations, ${users.length} users, ${memberships.length} memberships, ` +
      `${events.length} ledger records, ${sessions.length} sessions, ${outbox.length} e-mails`,
  );

  await timed(`users (${users.length})`, () => insertAll("user", users));
  await timed(`organisations (${organizations.length})`, () => insertAll("organization", organizations));
  await timed(`memberships (${memberships.length})`, () => insertAll("membership", memberships));
  await timed(`relay territories (${territories.length})`, () => insertAll("relayTerritory", territories));
  await timed(`sessions (${sessions.length})`, () => insertAll("session", sessions));
  await timed(`outbox (${outbox.length})`, () => insertAll("outboxMessage", outbox));

  // The ledger: continue the chain after the demo data's records, in time order.
  const last = await db.ledgerRecord.findFirst({
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  let sequence = last?.sequence ?? 0;
  let previousHash = last?.hash ?? GENESIS_HASH;
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const records: object[] = [];
  const parties: { sequence: number; organizationId: string }[] = [];
  for (const { event } of events) {
    const { parties: eventParties, ...rest } = event;
    sequence++;
    const fields = { ...rest, sequence, previousHash };
    const sealed = sealRecord(fields);
    const hash = sealed.hash;
    records.push({ ...fields, ...sealed });
    for (const organizationId of eventParties) parties.push({ sequence, organizationId });
    previousHash = hash;
  }
  await timed(`ledger records (${records.length})`, () => insertAll("ledgerRecord", records));
  await timed(`ledger parties (${parties.length})`, () => insertAll("ledgerParty", parties));

  // The forward plan, published after the synthetic ledger so that its records continue the chain.
  if (PLAN > 0) {
    const adminOf = new Map<string, UserRow>();
    const userById = new Map(users.map((user) => [user.id, user]));
    for (const membership of memberships) {
      if (membership.role === "admin" && !adminOf.has(membership.organizationId))
        adminOf.set(membership.organizationId, userById.get(membership.userId)!);
    }
    await timed(
      `forward plan (${PLAN} planned procurements of ${Math.ceil(PLAN / PLAN_PER_BUYER)} buyers, S1 and S2 2027 editions published)`,
      () => seedPlan(buyers, adminOf),
    );
  }

  // The relay whose page and widget are loaded (issue 16): it follows a whole région (the same
  // région as /plan's benchmark filter) and two buyers by name, and highlights a CPV division.
  const benchRelay = organizations.find((org) => org.kind === "relay")!;
  await timed(`relay ${benchRelay.slug} follows région 84 and two buyers`, async () => {
    const saved = await saveFollowing(
      benchRelay.id,
      followingSchema.parse({
        departements: [benchRelay.departement],
        regions: ["84"],
        buyers: buyers
          .slice(0, 2)
          .map((buyer) => buyer.slug)
          .join("\n"),
        categories: ["travaux"],
        cpv: "45",
      }),
    );
    if (!saved.ok) throw new Error(saved.message);
    await saveSites(benchRelay.id, ["https://www.reseau-bench.example"]);
  });

  // The benchmark's session, created as the app does (SHA-256 of the token as id) and the cookie
  // serialised by the app's own cookie object.
  const token = generateToken();
  await write((tx) =>
    tx.session.create({
      data: {
        id: hashToken(token),
        userId: benchUser.id,
        activeOrganizationId: buyers[0]!.id,
        expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
        userAgent: "autocannon (npm run bench)",
      },
    }),
  );
  const setCookie = await sessionCookieHeader(token);
  const cookie = setCookie.split(";")[0]!;

  let chainOk: boolean | null = null;
  if (!SKIP_VERIFY) {
    const verification = await timed("verifyLedger()", () => verifyLedger());
    chainOk = verification.ok;
    if (!verification.ok)
      throw new Error(`the synthetic ledger chain is broken at ${verification.brokenAt}: ${verification.reason}`);
  }

  const counts = {
    organizations: await db.organization.count(),
    suppliers: await db.organization.count({ where: { kind: "supplier" } }),
    buyers: await db.organization.count({ where: { kind: "buyer" } }),
    relays: await db.organization.count({ where: { kind: "relay" } }),
    users: await db.user.count(),
    memberships: await db.membership.count(),
    sessions: await db.session.count(),
    outboxMessages: await db.outboxMessage.count(),
    ledgerRecords: await db.ledgerRecord.count(),
    ledgerParties: await db.ledgerParty.count(),
    plannedProcurements: await db.plannedProcurement.count(),
    planEditions: await db.planEdition.count(),
    publishedPlanItems: await db.planEditionItem.count({ where: { edition: { isLatest: true } } }),
  };
  const seconds = (performance.now() - started) / 1000;
  console.log(`  done in ${seconds.toFixed(1)} s`);
  console.log(
    `BENCH_SEED_RESULT ${JSON.stringify({ size: SIZE, seconds, counts, chainOk, cookie, user: { id: benchUser.id, name: benchUser.name, email: benchUser.email }, relaySlug: benchRelay.slug })}`,
  );
}

main()
  .catch((error: unknown) => {
    console.error("seed-large failed:", error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
