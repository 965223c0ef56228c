// What a relay's page, widget, feeds and newsletter show: the latest editions of the buyers it
// follows (by name, or through the départements and régions it follows), their upcoming events and
// their open questionnaires, each with its source (the buyer, the edition or version) and its time.
// The plan's items come from the public plan (app/plan/public.server.ts) narrowed to the relay's
// scope, so that the same filters, sorting and caches apply.
import { addDays, todayInParis } from "~/calendar/dates";
import { chosenTerritory, periodsInSight, type NamedTerritory } from "~/calendar/territory.server";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { parsePlanFilters, type SelectionFilters } from "~/plan/filters";
import {
  formOptions,
  getFilterOptions,
  listPlanItems,
  planVersion,
  resolveSelection,
  upcomingPlanItems,
  type FilterOptions,
  type PlanListItem,
  type PlanScope,
  type ResolvedSelection,
} from "~/plan/public.server";
import { semesterLabel } from "~/plan/vocabulary";
import { departementLabel } from "~/territory/departements";
import { findRegion } from "~/territory/regions";
import {
  coveredDepartements,
  followedEditionsWhere,
  followedItemsWhere,
  followingKey,
  HIGHLIGHT_LABEL,
  isHighlighted,
  type RelayFollowing,
} from "./following";
import type { RelayView } from "./relays.server";

/** The public plan narrowed to what the relay follows. */
export function relayPlanScope(relay: Pick<RelayView, "following">): PlanScope {
  return {
    key: `relay:${followingKey(relay.following)}`,
    items: followedItemsWhere(relay.following),
    editions: followedEditionsWhere(relay.following),
  };
}

/** "Programmation du 1er semestre 2027, édition n° 2": where an item of the plan comes from. */
export function editionLabel(edition: { year: number; half: number; number: number }): string {
  return `Programmation du ${semesterLabel({ year: edition.year, half: edition.half === 2 ? 2 : 1 })}, édition n° ${edition.number}`;
}

/** A row of the relay's plan table, with its source and whether the relay highlights it. */
export function relayTableItem(item: PlanListItem, relay: Pick<RelayView, "highlights">) {
  return {
    plannedProcurementId: item.plannedProcurementId,
    title: item.title,
    category: item.category,
    cpvCode: item.cpvCode,
    valueBand: item.valueBand,
    reserved: item.reserved,
    expectedPublicationDate: item.expectedPublicationDate,
    status: item.status,
    departement: item.departement,
    buyer: { slug: item.buyer.slug, name: item.buyer.name },
    hasSocialConsideration: item.hasSocialConsideration,
    hasEnvironmentalConsideration: item.hasEnvironmentalConsideration,
    hasJustification: item.hasJustification,
    source: { label: editionLabel(item.edition), publishedAt: item.edition.publishedAt },
    highlight: isHighlighted(item, relay.highlights) ? HIGHLIGHT_LABEL : null,
  };
}

// ---- events and questionnaires -------------------------------------------------------------------------

/** The territory filters of the plan, applied to something located by a département. */
function territoryOf(filters: SelectionFilters): string[] | null {
  if (filters.departement) return [filters.departement];
  if (filters.region) return [...(findRegion(filters.region)?.departements ?? [])];
  return null;
}

export interface RelayEvent {
  id: string;
  kind: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  departement: string;
  location: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  organizer: { name: string; slug: string };
  coHost: string | null;
}

/** Published events still to come (or under way) of the followed buyers, in the covered départements, or co-hosted by the relay. */
export async function relayEvents(
  relay: Pick<RelayView, "id" | "following">,
  selection: Pick<ResolvedSelection, "filters" | "buyer">,
  now: Date,
  take: number,
): Promise<{ total: number; events: RelayEvent[] }> {
  const where = relayEventsWhere(relay, selection, now);
  const [total, rows] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take,
      select: {
        id: true,
        kind: true,
        title: true,
        startsAt: true,
        endsAt: true,
        departement: true,
        location: true,
        publishedAt: true,
        updatedAt: true,
        organization: { select: { name: true, slug: true } },
        coHost: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    events: rows.map(({ organization, coHost, ...event }) => ({
      ...event,
      organizer: organization,
      coHost: coHost?.name ?? null,
    })),
  };
}

function relayEventsWhere(
  relay: Pick<RelayView, "id" | "following">,
  { filters, buyer }: Pick<ResolvedSelection, "filters" | "buyer">,
  now: Date,
): Prisma.EventWhereInput {
  const departements = coveredDepartements(relay.following);
  const inScope: Prisma.EventWhereInput[] = [{ coHostOrganizationId: relay.id }];
  if (relay.following.buyerIds.length) inScope.push({ organizationId: { in: [...relay.following.buyerIds] } });
  if (departements.length) inScope.push({ departement: { in: departements } });
  const and: Prisma.EventWhereInput[] = [{ OR: inScope }];
  const territory = territoryOf(filters);
  if (territory) and.push({ departement: { in: territory } });
  if (buyer) and.push({ organizationId: buyer.id });
  return { status: "published", endsAt: { gte: now }, AND: and };
}

export interface RelayQuestionnaire {
  id: string;
  title: string;
  openUntil: string;
  versionNumber: number | null;
  publishedAt: Date | null;
  buyer: { name: string; slug: string; departement: string };
  procurement: { id: string; title: string };
}

/** Open questionnaires of the buyers the relay follows, soonest deadline first. */
export async function relayQuestionnaires(
  relay: Pick<RelayView, "following">,
  selection: Pick<ResolvedSelection, "filters" | "buyer">,
  today: string,
  take: number,
): Promise<{ total: number; questionnaires: RelayQuestionnaire[] }> {
  const where = relayQuestionnairesWhere(relay.following, selection, today);
  const [total, rows] = await Promise.all([
    db.questionnaire.count({ where }),
    db.questionnaire.findMany({
      where,
      orderBy: [{ openUntil: "asc" }, { id: "asc" }],
      take,
      select: {
        id: true,
        openUntil: true,
        currentVersionNumber: true,
        organization: { select: { name: true, slug: true, departement: true } },
        plannedProcurement: { select: { id: true, title: true } },
        versions: { orderBy: { number: "desc" }, take: 1, select: { title: true, publishedAt: true } },
      },
    }),
  ]);
  return {
    total,
    questionnaires: rows.map((row) => ({
      id: row.id,
      title: row.versions[0]?.title ?? "",
      openUntil: row.openUntil!,
      versionNumber: row.currentVersionNumber,
      publishedAt: row.versions[0]?.publishedAt ?? null,
      buyer: row.organization,
      procurement: row.plannedProcurement,
    })),
  };
}

function relayQuestionnairesWhere(
  following: RelayFollowing,
  { filters, buyer }: Pick<ResolvedSelection, "filters" | "buyer">,
  today: string,
): Prisma.QuestionnaireWhereInput {
  const departements = coveredDepartements(following);
  const inScope: Prisma.QuestionnaireWhereInput[] = [];
  if (following.buyerIds.length) inScope.push({ organizationId: { in: [...following.buyerIds] } });
  if (departements.length) inScope.push({ organization: { departement: { in: departements } } });
  const and: Prisma.QuestionnaireWhereInput[] = [inScope.length ? { OR: inScope } : { id: { in: [] } }];
  const territory = territoryOf(filters);
  if (territory) and.push({ organization: { departement: { in: territory } } });
  if (buyer) and.push({ organizationId: buyer.id });
  if (filters.categorie) and.push({ plannedProcurement: { category: filters.categorie } });
  if (filters.cpv) and.push({ plannedProcurement: { cpvCode: { startsWith: filters.cpv } } });
  return { status: "published", openUntil: { gte: today }, closedEarlyAt: null, AND: and };
}

// ---- holidays in sight -----------------------------------------------------------------------------------

/** How far ahead the relay page lists the periods to avoid. */
export const PERIODS_AHEAD_DAYS = 183;

/** The relay's own territory for the periods in sight: what it covers, or its own département. */
export function relayTerritory(relay: Pick<RelayView, "following" | "departement">): NamedTerritory {
  const covered = coveredDepartements(relay.following);
  if (covered.length > 1) return { departements: covered, label: "les départements suivis par le réseau" };
  const only = covered[0] ?? relay.departement;
  return { departements: [only], label: `le département ${departementLabel(only)}` };
}

// ---- the filters form -------------------------------------------------------------------------------------

/** The plan's filter options, narrowed to the buyers and départements the relay covers. */
export function relayFilterOptions(
  options: FilterOptions,
  relay: Pick<RelayView, "following" | "followedBuyers">,
): FilterOptions {
  const covered = new Set(coveredDepartements(relay.following));
  const followed = new Set(relay.followedBuyers.map((buyer) => buyer.slug));
  const buyers = options.buyers.filter((buyer) => covered.has(buyer.departement) || followed.has(buyer.value));
  const departements = new Set([...covered, ...buyers.map((buyer) => buyer.departement)]);
  return {
    ...options,
    buyers,
    departements: options.departements.filter((departement) => departements.has(departement.value)),
  };
}

// ---- the page and the widget ----------------------------------------------------------------------------

export const PAGE_EVENTS = 10;
export const PAGE_QUESTIONNAIRES = 10;

/** Everything /relais/:slug shows, for the plan's filters of `params`. */
export async function loadRelayPage(relay: RelayView, params: URLSearchParams, now: Date) {
  const parsed = parsePlanFilters(params);
  const version = await planVersion();
  const selection = await resolveSelection(parsed.filters);
  const scope = relayPlanScope(relay);
  const today = todayInParis(now);
  const [page, options, events, questionnaires, periods] = await Promise.all([
    listPlanItems(selection, version, scope),
    getFilterOptions(version),
    relayEvents(relay, selection, now, PAGE_EVENTS),
    relayQuestionnaires(relay, selection, today, PAGE_QUESTIONNAIRES),
    periodsInSight(
      chosenTerritory(selection.filters) ?? relayTerritory(relay),
      today,
      addDays(today, PERIODS_AHEAD_DAYS - 1),
    ),
  ]);
  const notices = [...parsed.notices, ...selection.notices];
  if (page.pageClamped)
    notices.push(`La page ${selection.filters.page} n'existe pas : voici la dernière page, la ${page.page}.`);
  return {
    filters: { ...selection.filters, page: page.page },
    buyerName: selection.buyer?.name ?? null,
    notices,
    page: { ...page, items: page.items.map((item) => relayTableItem(item, relay)) },
    options: formOptions(relayFilterOptions(options, relay), selection.filters),
    events,
    questionnaires,
    periods,
  };
}

/** How many of each the widget lists. */
export const WIDGET_ITEMS = 8;
export const WIDGET_EVENTS = 3;
export const WIDGET_QUESTIONNAIRES = 3;

/** What the widget shows: the next planned procurements, events and questionnaires (the plan's filters apply). */
export async function loadRelayWidget(relay: RelayView, params: URLSearchParams, now: Date) {
  const { filters } = parsePlanFilters(params);
  const selection = await resolveSelection(filters);
  const today = todayInParis(now);
  const [upcoming, events, questionnaires] = await Promise.all([
    upcomingPlanItems(selection.filters, selection.buyer?.id ?? null, today, WIDGET_ITEMS, relayPlanScope(relay)),
    relayEvents(relay, selection, now, WIDGET_EVENTS),
    relayQuestionnaires(relay, selection, today, WIDGET_QUESTIONNAIRES),
  ]);
  return {
    filters: selection.filters,
    items: { total: upcoming.total, items: upcoming.items.map((item) => relayTableItem(item, relay)) },
    events,
    questionnaires,
  };
}
