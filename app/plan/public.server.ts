// What the public sees of the forward plan: only published editions, and of those only the latest
// edition of each buyer and semester (PlanEdition.isLatest). Everything here reads frozen edition
// snapshots (PlanEditionItem), never the buyers' working copies (PlannedProcurement).
//
// Published editions are immutable, so every answer depends only on the set of editions (and on
// buyers' names): `planVersion()` summarises that set with one cheap aggregate, and the heavier
// answers (filter options, list pages) are cached in memory under that version.
import { createHash } from "node:crypto";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { EditionItemData } from "./edition-diff";
import { DEPARTEMENTS_SORTED } from "~/territory/departements";
import { findRegion } from "~/territory/regions";
import { cpvDivisionLabel } from "./cpv";
import { PAGE_SIZE, filtersToSearchParams, type PlanFilters, type SelectionFilters } from "./filters";
import { semesterKey, semesterLabel, type Semester } from "./vocabulary";

// ---- types -----------------------------------------------------------------------------------

export interface PublicBuyerRef {
  id: string;
  slug: string;
  name: string;
  siren: string | null;
}

export interface PublicEditionRef {
  id: string;
  year: number;
  half: 1 | 2;
  number: number;
  publishedAt: Date;
}

export interface PlanLot {
  number: number;
  title: string;
  description: string | null;
}

/** One planned procurement as the public sees it (a snapshot of the latest edition). */
export type PublicPlanItem = Omit<EditionItemData, "organizationId" | "lots"> & {
  lots: PlanLot[];
  buyer: PublicBuyerRef;
  edition: PublicEditionRef;
};

/** The fields a list row needs (smaller than a full item). */
export type PlanListItem = Pick<
  PublicPlanItem,
  | "plannedProcurementId"
  | "title"
  | "category"
  | "cpvCode"
  | "valueBand"
  | "reserved"
  | "expectedPublicationDate"
  | "responseDeadline"
  | "status"
  | "departement"
  | "buyer"
  | "edition"
> & { hasSocialConsideration: boolean; hasEnvironmentalConsideration: boolean; hasJustification: boolean };

/**
 * A narrower public plan: the items (and their editions) of some buyers only, such as the buyers a
 * relay follows (app/relay). Filters apply within it.
 */
export interface PlanScope {
  /** Identifies the scope in caches and entity tags: two scopes with the same key select the same items. */
  key: string;
  items: Prisma.PlanEditionItemWhereInput;
  editions: Prisma.PlanEditionWhereInput;
}

// ---- version and cache -----------------------------------------------------------------------

/**
 * A cheap summary of everything the public plan depends on: the published editions (their number
 * and the latest publication; editions are never changed, so a new one or a deleted buyer changes
 * it) and the buyers' names (their latest update).
 */
export async function planVersion(): Promise<string> {
  const [editions, buyers] = await Promise.all([
    db.planEdition.aggregate({ _count: { _all: true }, _max: { publishedAt: true } }),
    db.organization.aggregate({ where: { kind: "buyer" }, _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  return [
    editions._count._all,
    editions._max.publishedAt?.getTime() ?? 0,
    buyers._count._all,
    buyers._max.updatedAt?.getTime() ?? 0,
  ].join(":");
}

class VersionedCache<T> {
  private readonly entries = new Map<string, T>();
  private version = "";
  constructor(private readonly capacity: number) {}

  async get(version: string, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = await compute();
    if (this.version === version) {
      this.entries.set(key, value);
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }
}

const listCache = new VersionedCache<PlanPage>(500);
const optionsCache = new VersionedCache<FilterOptions>(1);

// ---- filters → where -------------------------------------------------------------------------

export interface ResolvedSelection {
  filters: PlanFilters;
  buyer: PublicBuyerRef | null;
  notices: string[];
}

/** Checks the buyer filter against the database: an unknown buyer is ignored with a notice. */
export async function resolveSelection(filters: PlanFilters): Promise<ResolvedSelection> {
  if (!filters.acheteur) return { filters, buyer: null, notices: [] };
  const buyer = await db.organization.findUnique({
    where: { slug: filters.acheteur },
    select: { id: true, slug: true, name: true, kind: true, siren: true },
  });
  if (!buyer || buyer.kind !== "buyer") {
    return {
      filters: { ...filters, acheteur: undefined },
      buyer: null,
      notices: [`Acheteur « ${filters.acheteur} » ignoré : aucun acheteur public ne porte cet identifiant sur Amont.`],
    };
  }
  return { filters, buyer: { id: buyer.id, slug: buyer.slug, name: buyer.name, siren: buyer.siren }, notices: [] };
}

function editionScope(
  filters: SelectionFilters,
  buyerId: string | null,
  scope?: PlanScope,
): Prisma.PlanEditionWhereInput {
  const where: Prisma.PlanEditionWhereInput = { isLatest: true };
  if (scope) where.AND = [scope.editions];
  if (filters.semestre) {
    where.year = filters.semestre.year;
    where.half = filters.semestre.half;
  }
  if (buyerId) where.organizationId = buyerId;
  return where;
}

/** The items of the latest editions that match the filters (within the scope, when one is given). */
export function itemWhere(
  filters: SelectionFilters,
  buyerId: string | null,
  scope?: PlanScope,
): Prisma.PlanEditionItemWhereInput {
  const where: Prisma.PlanEditionItemWhereInput = { edition: editionScope(filters, buyerId, scope) };
  const and: Prisma.PlanEditionItemWhereInput[] = scope ? [scope.items] : [];
  if (buyerId) where.organizationId = buyerId;
  if (filters.departement) where.departement = filters.departement;
  if (filters.region) where.region = filters.region;
  if (filters.categorie) where.category = filters.categorie;
  if (filters.cpv) where.cpvDivision = filters.cpv;
  if (filters.reserve) where.reserved = { not: "none" };
  if (filters.consideration === "sociale")
    and.push({ socialConsideration: { not: null } }, { NOT: { socialConsideration: "" } });
  if (filters.consideration === "environnementale")
    and.push({ environmentalConsideration: { not: null } }, { NOT: { environmentalConsideration: "" } });
  if (and.length) where.AND = and;
  return where;
}

// ---- rows → public shapes ----------------------------------------------------------------------

type ItemRow = Prisma.PlanEditionItemGetPayload<object>;

function parseLots(json: string): PlanLot[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (lot): lot is { number: unknown; title: unknown; description?: unknown } =>
          typeof lot === "object" && lot !== null,
      )
      .map((lot) => ({
        number: Number(lot.number),
        title: String(lot.title ?? ""),
        description: typeof lot.description === "string" && lot.description.trim() ? lot.description : null,
      }))
      .sort((a, b) => a.number - b.number);
  } catch {
    return [];
  }
}

function present(text: string | null): string | null {
  return text && text.trim() ? text : null;
}

function toPublicItem(row: ItemRow, buyer: PublicBuyerRef, edition: PublicEditionRef): PublicPlanItem {
  return {
    plannedProcurementId: row.plannedProcurementId,
    reference: row.reference,
    title: row.title,
    need: row.need,
    category: row.category,
    cpvCode: row.cpvCode,
    cpvDivision: row.cpvDivision,
    valueBand: row.valueBand,
    procedure: row.procedure,
    reserved: row.reserved,
    socialConsideration: present(row.socialConsideration),
    environmentalConsideration: present(row.environmentalConsideration),
    expectedPublicationDate: row.expectedPublicationDate,
    publicationJustification: present(row.publicationJustification),
    responseDeadline: row.responseDeadline,
    deadlineJustification: present(row.deadlineJustification),
    contractStart: row.contractStart,
    contractDurationMonths: row.contractDurationMonths,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    status: row.status,
    buyerProfileUrl: row.buyerProfileUrl,
    departement: row.departement,
    region: row.region,
    lots: parseLots(row.lots),
    buyer,
    edition,
  };
}

function toEditionRef(edition: {
  id: string;
  year: number;
  half: number;
  number: number;
  publishedAt: Date;
}): PublicEditionRef {
  return {
    id: edition.id,
    year: edition.year,
    half: edition.half === 2 ? 2 : 1,
    number: edition.number,
    publishedAt: edition.publishedAt,
  };
}

async function buyersById(ids: Iterable<string>): Promise<Map<string, PublicBuyerRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.organization.findMany({
    where: { id: { in: unique } },
    select: { id: true, slug: true, name: true, siren: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

async function editionsById(ids: Iterable<string>): Promise<Map<string, PublicEditionRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.planEdition.findMany({
    where: { id: { in: unique } },
    select: { id: true, year: true, half: true, number: true, publishedAt: true },
  });
  return new Map(rows.map((row) => [row.id, toEditionRef(row)]));
}

const UNKNOWN_BUYER: PublicBuyerRef = { id: "", slug: "", name: "Acheteur inconnu", siren: null };

async function toPublicItems(rows: ItemRow[]): Promise<PublicPlanItem[]> {
  const [buyers, editions] = await Promise.all([
    buyersById(rows.map((row) => row.organizationId)),
    editionsById(rows.map((row) => row.editionId)),
  ]);
  return rows.map((row) =>
    toPublicItem(row, buyers.get(row.organizationId) ?? UNKNOWN_BUYER, editions.get(row.editionId)!),
  );
}

function toListItem(item: PublicPlanItem): PlanListItem {
  return {
    plannedProcurementId: item.plannedProcurementId,
    title: item.title,
    category: item.category,
    cpvCode: item.cpvCode,
    valueBand: item.valueBand,
    reserved: item.reserved,
    expectedPublicationDate: item.expectedPublicationDate,
    responseDeadline: item.responseDeadline,
    status: item.status,
    departement: item.departement,
    buyer: item.buyer,
    edition: item.edition,
    hasSocialConsideration: item.socialConsideration !== null,
    hasEnvironmentalConsideration: item.environmentalConsideration !== null,
    hasJustification: item.publicationJustification !== null || item.deadlineJustification !== null,
  };
}

// ---- the list ----------------------------------------------------------------------------------

export interface PlanPage {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  items: PlanListItem[];
  /** The requested page was past the last one: the last page is shown instead. */
  pageClamped: boolean;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/**
 * One page of the latest editions' items matching the filters. Sorting by date uses the database;
 * sorting by title or buyer compares French text (accents, case) in memory, over the matching rows'
 * ids and sort keys only, then loads the page.
 */
export async function listPlanItems(
  selection: ResolvedSelection,
  version?: string,
  scope?: PlanScope,
): Promise<PlanPage> {
  const { filters, buyer } = selection;
  const key = `${filtersToSearchParams(filters).toString()}|${buyer?.id ?? ""}|${scope?.key ?? ""}`;
  return listCache.get(version ?? (await planVersion()), key, () => queryPlanPage(filters, buyer?.id ?? null, scope));
}

async function queryPlanPage(filters: PlanFilters, buyerId: string | null, scope?: PlanScope): Promise<PlanPage> {
  const where = itemWhere(filters, buyerId, scope);
  const total = await db.planEditionItem.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const skip = (page - 1) * PAGE_SIZE;
  const direction = filters.ordre;
  let rows: ItemRow[];
  if (filters.tri === "date") {
    rows = await db.planEditionItem.findMany({
      where,
      orderBy: [{ expectedPublicationDate: direction }, { title: "asc" }, { id: "asc" }],
      skip,
      take: PAGE_SIZE,
    });
  } else {
    const keys = await db.planEditionItem.findMany({
      where,
      select: { id: true, title: true, organizationId: true, expectedPublicationDate: true },
    });
    const names =
      filters.tri === "acheteur"
        ? await buyersById(keys.map((row) => row.organizationId))
        : new Map<string, PublicBuyerRef>();
    const sign = direction === "asc" ? 1 : -1;
    keys.sort((a, b) => {
      const primary =
        filters.tri === "acheteur"
          ? collator.compare(names.get(a.organizationId)?.name ?? "", names.get(b.organizationId)?.name ?? "")
          : collator.compare(a.title, b.title);
      if (primary !== 0) return sign * primary;
      return (
        a.expectedPublicationDate.localeCompare(b.expectedPublicationDate) ||
        collator.compare(a.title, b.title) ||
        a.id.localeCompare(b.id)
      );
    });
    const pageIds = keys.slice(skip, skip + PAGE_SIZE).map((row) => row.id);
    const byId = new Map(
      (await db.planEditionItem.findMany({ where: { id: { in: pageIds } } })).map((row) => [row.id, row]),
    );
    rows = pageIds.map((id) => byId.get(id)).filter((row): row is ItemRow => row !== undefined);
  }
  const items = (await toPublicItems(rows)).map(toListItem);
  return { total, page, pageCount, pageSize: PAGE_SIZE, items, pageClamped: page < filters.page };
}

/** Every matching item, fully, ordered by expected publication date (for the feeds and the calendar). */
export async function listAllPlanItems(
  filters: SelectionFilters,
  buyerId: string | null,
  range?: { from: string; to: string },
  scope?: PlanScope,
): Promise<PublicPlanItem[]> {
  const where = itemWhere(filters, buyerId, scope);
  if (range) where.expectedPublicationDate = { gte: range.from, lte: range.to };
  const rows = await db.planEditionItem.findMany({
    where,
    orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }, { id: "asc" }],
  });
  return toPublicItems(rows);
}

/** The first `take` matching items expected on or after `from`, soonest first (a short "coming next" list). */
export async function upcomingPlanItems(
  filters: SelectionFilters,
  buyerId: string | null,
  from: string,
  take: number,
  scope?: PlanScope,
): Promise<{ total: number; items: PlanListItem[] }> {
  const where = itemWhere(filters, buyerId, scope);
  where.expectedPublicationDate = { gte: from };
  const [total, rows] = await Promise.all([
    db.planEditionItem.count({ where }),
    db.planEditionItem.findMany({
      where,
      orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }, { id: "asc" }],
      take,
    }),
  ]);
  return { total, items: (await toPublicItems(rows)).map(toListItem) };
}

/** The first expected publication on or after `date` among matching items (the calendar's default month). */
export async function nextPublicationDate(
  filters: SelectionFilters,
  buyerId: string | null,
  date: string,
): Promise<string | null> {
  const where = itemWhere(filters, buyerId);
  const next = await db.planEditionItem.findFirst({
    where: { ...where, expectedPublicationDate: { gte: date } },
    orderBy: { expectedPublicationDate: "asc" },
    select: { expectedPublicationDate: true },
  });
  if (next) return next.expectedPublicationDate;
  const last = await db.planEditionItem.findFirst({
    where,
    orderBy: { expectedPublicationDate: "desc" },
    select: { expectedPublicationDate: true },
  });
  return last?.expectedPublicationDate ?? null;
}

// ---- feeds' freshness ------------------------------------------------------------------------

export interface FeedFreshness {
  /** Strong entity tag, quoted. */
  etag: string;
  /** The latest publication among the editions in the filters' scope (null when none). */
  lastModified: Date | null;
}

/**
 * ETag and Last-Modified of a feed, without building it. The content depends only on the latest
 * editions in the filters' scope (immutable snapshots), the buyers' names and the filters, so the
 * tag hashes those. Last-Modified is the latest publication among the editions in the scope: any
 * change of the content comes with a newer edition there.
 */
export async function feedFreshness(
  kind: string,
  selection: ResolvedSelection,
  extra: string = "",
  scope?: PlanScope,
): Promise<FeedFreshness> {
  const { filters, buyer } = selection;
  const editions = await db.planEdition.findMany({
    where: editionScope(filters, buyer?.id ?? null, scope),
    select: { id: true, publishedAt: true, organization: { select: { updatedAt: true } } },
    orderBy: { id: "asc" },
  });
  const hash = createHash("sha256");
  hash.update(
    `${kind}\n${filtersToSearchParams(filters, {}, { only: "selection" }).toString()}\n${scope ? `${scope.key}\n` : ""}${extra}\n`,
  );
  let lastModified: Date | null = null;
  for (const edition of editions) {
    hash.update(`${edition.id}:${edition.publishedAt.getTime()}:${edition.organization.updatedAt.getTime()}\n`);
    if (!lastModified || edition.publishedAt > lastModified) lastModified = edition.publishedAt;
  }
  return { etag: `"${hash.digest("base64url").slice(0, 32)}"`, lastModified };
}

// ---- one item ----------------------------------------------------------------------------------

export interface PublicItemPage {
  item: PublicPlanItem;
  /** The item is no longer in the buyer's latest edition: this is its last published snapshot. */
  withdrawn: boolean;
  /** When withdrawn: the edition that no longer lists it. */
  withdrawnIn: PublicEditionRef | null;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export async function getPublicItem(plannedProcurementId: string): Promise<PublicItemPage | null> {
  if (!ID_PATTERN.test(plannedProcurementId)) return null;
  const current = await db.planEditionItem.findFirst({
    where: { plannedProcurementId, edition: { isLatest: true } },
    orderBy: { edition: { publishedAt: "desc" } },
  });
  if (current) {
    const [item] = await toPublicItems([current]);
    return { item: item!, withdrawn: false, withdrawnIn: null };
  }
  const last = await db.planEditionItem.findFirst({
    where: { plannedProcurementId },
    orderBy: { edition: { publishedAt: "desc" } },
  });
  if (!last) return null;
  const [item] = await toPublicItems([last]);
  const later = await db.planEdition.findFirst({
    where: { organizationId: last.organizationId, year: item!.edition.year, half: item!.edition.half, isLatest: true },
    select: { id: true, year: true, half: true, number: true, publishedAt: true },
  });
  return { item: item!, withdrawn: true, withdrawnIn: later ? toEditionRef(later) : null };
}

// ---- a buyer's public page ---------------------------------------------------------------------

export interface BuyerSemester {
  semester: Semester;
  key: string;
  label: string;
  editions: { number: number; publishedAt: Date; itemCount: number; isLatest: boolean }[];
  /** Items of the latest edition, by date (at most BUYER_PAGE_ITEMS). */
  items: PlanListItem[];
  itemCount: number;
}

export interface BuyerPublicPage {
  buyer: PublicBuyerRef & { departement: string; buyerKind: string | null };
  semesters: BuyerSemester[];
}

export const BUYER_PAGE_ITEMS = 50;

export async function getBuyerPublicPage(slug: string): Promise<BuyerPublicPage | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const organization = await db.organization.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      departement: true,
      buyerKind: true,
      siren: true,
      verificationStatus: true,
    },
  });
  // A buyer the platform has not verified has no public page: its name alone would be a publication.
  if (!organization || organization.kind !== "buyer" || organization.verificationStatus !== "approved") return null;
  const editions = await db.planEdition.findMany({
    where: { organizationId: organization.id },
    orderBy: [{ year: "desc" }, { half: "desc" }, { number: "desc" }],
    select: { id: true, year: true, half: true, number: true, publishedAt: true, itemCount: true, isLatest: true },
  });
  const latestIds = editions.filter((edition) => edition.isLatest).map((edition) => edition.id);
  const rows = latestIds.length
    ? await db.planEditionItem.findMany({
        where: { editionId: { in: latestIds } },
        orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }],
      })
    : [];
  const buyer: PublicBuyerRef = {
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    siren: organization.siren,
  };
  const editionRefs = new Map(editions.map((edition) => [edition.id, toEditionRef(edition)]));
  const items = rows.map((row) => toListItem(toPublicItem(row, buyer, editionRefs.get(row.editionId)!)));
  const semesters = new Map<string, BuyerSemester>();
  for (const edition of editions) {
    const semester: Semester = { year: edition.year, half: edition.half === 2 ? 2 : 1 };
    const key = semesterKey(semester);
    let entry = semesters.get(key);
    if (!entry) {
      entry = { semester, key, label: semesterLabel(semester), editions: [], items: [], itemCount: 0 };
      semesters.set(key, entry);
    }
    entry.editions.push({
      number: edition.number,
      publishedAt: edition.publishedAt,
      itemCount: edition.itemCount,
      isLatest: edition.isLatest,
    });
    if (edition.isLatest) {
      const editionItems = rows.filter((row) => row.editionId === edition.id);
      entry.itemCount = editionItems.length;
      entry.items = items.filter((_, index) => rows[index]!.editionId === edition.id).slice(0, BUYER_PAGE_ITEMS);
    }
  }
  return {
    buyer: { ...buyer, departement: organization.departement, buyerKind: organization.buyerKind },
    semesters: [...semesters.values()],
  };
}

/** The buyer with this slug (buyers only), for the edition page. */
export async function findPublicBuyer(slug: string): Promise<(PublicBuyerRef & { departement: string }) | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const organization = await db.organization.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, kind: true, departement: true, siren: true, verificationStatus: true },
  });
  if (!organization || organization.kind !== "buyer" || organization.verificationStatus !== "approved") return null;
  return {
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    siren: organization.siren,
    departement: organization.departement,
  };
}

// ---- filter options ----------------------------------------------------------------------------

export interface FilterOptions {
  buyers: { value: string; label: string; departement: string }[];
  cpvDivisions: { value: string; label: string }[];
  semesters: { value: string; label: string }[];
  /** Départements where something is planned, in the usual order. */
  departements: { value: string; label: string }[];
}

/** Choices for the filters form: buyers with a published plan; CPV divisions, semesters and départements present. */
export async function getFilterOptions(version?: string): Promise<FilterOptions> {
  return optionsCache.get(version ?? (await planVersion()), "options", async () => {
    const [buyers, divisions, semesters, departements] = await Promise.all([
      db.organization.findMany({
        where: { kind: "buyer", planEditions: { some: { isLatest: true } } },
        select: { slug: true, name: true, departement: true },
      }),
      db.planEditionItem.groupBy({
        by: ["cpvDivision"],
        where: { edition: { isLatest: true } },
        orderBy: { cpvDivision: "asc" },
      }),
      db.planEdition.groupBy({
        by: ["year", "half"],
        where: { isLatest: true },
        orderBy: [{ year: "asc" }, { half: "asc" }],
      }),
      db.planEditionItem.groupBy({ by: ["departement"], where: { edition: { isLatest: true } } }),
    ]);
    const present = new Set(departements.map((row) => row.departement));
    return {
      buyers: buyers
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((buyer) => ({ value: buyer.slug, label: buyer.name, departement: buyer.departement })),
      cpvDivisions: divisions.map(({ cpvDivision }) => ({ value: cpvDivision, label: cpvDivisionLabel(cpvDivision) })),
      semesters: semesters.map(({ year, half }) => {
        const semester: Semester = { year, half: half === 2 ? 2 : 1 };
        return { value: semesterKey(semester), label: semesterLabel(semester) };
      }),
      departements: DEPARTEMENTS_SORTED.filter((d) => present.has(d.code)).map((d) => ({
        value: d.code,
        label: `${d.code} — ${d.name}`,
      })),
    };
  });
}

/** Above this many buyers, the form asks for a territory first instead of listing them all. */
export const MAX_BUYER_OPTIONS = 150;

/**
 * The buyers the form offers: those of the chosen territory (département or région), or all of
 * them while they are few. null: too many to list, choose a territory first.
 */
export function buyerChoices(
  options: FilterOptions,
  filters: SelectionFilters,
): { value: string; label: string }[] | null {
  const region = filters.region ? findRegion(filters.region) : undefined;
  const inTerritory = options.buyers.filter(
    (buyer) =>
      (!filters.departement || buyer.departement === filters.departement) &&
      (!region || region.departements.some((code) => code === buyer.departement)),
  );
  if (inTerritory.length > MAX_BUYER_OPTIONS) return null;
  return inTerritory.map(({ value, label }) => ({ value, label }));
}

/** The filters form's choices for these filters (what a page loader sends to the browser). */
export function formOptions(options: FilterOptions, filters: SelectionFilters) {
  return {
    buyers: buyerChoices(options, filters),
    cpvDivisions: options.cpvDivisions,
    semesters: options.semesters,
    departements: options.departements,
  };
}

/** The région's name for a code stored on an item ("84" → "Auvergne-Rhône-Alpes"). */
export function regionName(code: string): string {
  return findRegion(code)?.name ?? code;
}

/** Numbers of the editions of one buyer's semester, oldest first (for the edition page's navigation). */
export async function editionNumbers(organizationId: string, semester: Semester): Promise<number[]> {
  const rows = await db.planEdition.findMany({
    where: { organizationId, year: semester.year, half: semester.half },
    orderBy: { number: "asc" },
    select: { number: true },
  });
  return rows.map((row) => row.number);
}

// ---- the sitemap -------------------------------------------------------------------------------

export interface PublicPlanPages {
  /** The latest publication of any edition (when /plan last changed), null before the first one. */
  lastPublishedAt: Date | null;
  /** Each planned procurement of a latest edition (its /plan/:id page), with that edition's publication. */
  items: { plannedProcurementId: string; publishedAt: Date }[];
  /** Buyers that published at least one edition (their /acheteurs/:slug page), with their last publication. */
  buyers: { slug: string; publishedAt: Date }[];
}

/** The plan's public pages worth listing for search engines: what the latest editions publish. */
export async function publicPlanPages(): Promise<PublicPlanPages> {
  const [rows, buyers] = await Promise.all([
    db.planEditionItem.findMany({
      where: { edition: { isLatest: true } },
      select: { plannedProcurementId: true, edition: { select: { publishedAt: true } } },
    }),
    db.organization.findMany({
      where: { kind: "buyer", planEditions: { some: {} } },
      orderBy: { slug: "asc" },
      select: {
        slug: true,
        planEditions: { orderBy: { publishedAt: "desc" }, take: 1, select: { publishedAt: true } },
      },
    }),
  ]);
  // A procurement moved to another semester may be in two latest editions: keep the newer one.
  const items = new Map<string, Date>();
  for (const { plannedProcurementId, edition } of rows) {
    const known = items.get(plannedProcurementId);
    if (!known || edition.publishedAt > known) items.set(plannedProcurementId, edition.publishedAt);
  }
  const buyerPages = buyers.map((buyer) => ({ slug: buyer.slug, publishedAt: buyer.planEditions[0]!.publishedAt }));
  return {
    lastPublishedAt: buyerPages.reduce<Date | null>(
      (latest, { publishedAt }) => (latest && latest > publishedAt ? latest : publishedAt),
      null,
    ),
    items: [...items].map(([plannedProcurementId, publishedAt]) => ({ plannedProcurementId, publishedAt })),
    buyers: buyerPages,
  };
}
