// What alerts are matched against, read from committed, public data only: the planned procurements
// of published editions (never a buyer's working copy), published questionnaires and events. Each
// item carries what matching reads (app/alerts/matching.ts) and what an email or a feed shows.
//
// - An edition's changes: the items its diff with the previous edition of the same semester calls
//   added, moved or modified (app/plan/edition-diff.ts); withdrawn items are not news to a supplier.
// - A week's changes: the same for every edition published in the week, kept only if the item is
//   still in its buyer's latest edition, with that edition's data.
// - A questionnaire or an event: the procurements they concern give their CPV divisions, categories
//   and conditions (from the latest published edition that lists them; a questionnaire's own
//   procurement also from its public page: category and CPV code); the territory is the buyer's
//   département for a questionnaire and the event's own for an event.
import type { AlertEventItem, AlertProcurementItem, AlertQuestionnaireItem } from "../../emails/alert-parts";
import { todayInParis } from "~/calendar/dates";
import { formatDateFr, formatEventWhen } from "~/calendar/format";
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { EVENT_KINDS, type EventKind } from "~/meetings/kinds";
import { cpvDivisionOf } from "~/plan/cpv";
import { diffEditions, type EditionItemData } from "~/plan/edition-diff";
import { regionOf } from "~/territory/regions";
import { yieldToEventLoop } from "./event-loop.server";
import type { AlertItem } from "./matching";

interface Located {
  /** Unique among items: "procurement:<id>", "questionnaire:<id>", "event:<id>". */
  key: string;
  /** For ordering in a message: the date that matters (YYYY-MM-DD or an ISO instant). */
  sortKey: string;
  /** When it was published (or cancelled): the DTSTAMP of the feed, stable for the same data. */
  stamp: Date;
}

export type ProcurementMatchable = AlertItem &
  Located & {
    kind: "procurement";
    email: AlertProcurementItem;
    plannedProcurementId: string;
    expectedPublicationDate: string;
    responseDeadline: string | null;
  };
export type QuestionnaireMatchable = AlertItem &
  Located & { kind: "questionnaire"; email: AlertQuestionnaireItem; id: string; openUntil: string };
export type EventMatchable = AlertItem &
  Located & { kind: "event"; email: AlertEventItem; id: string; startsAt: Date; endsAt: Date; cancelled: boolean };
export type Matchable = ProcurementMatchable | QuestionnaireMatchable | EventMatchable;

function present(text: string | null | undefined): boolean {
  return Boolean(text && text.trim());
}

function regionCode(departement: string): string {
  return regionOf(departement)?.code ?? "";
}

// ---- planned procurements -----------------------------------------------------------------------

type EditionItemRow = EditionItemData & { id: string; editionId: string };

function procurementMatchable(
  row: EditionItemData,
  edition: { publishedAt: Date; organization: { name: string } },
  change: string,
): ProcurementMatchable {
  const buyerName = edition.organization.name;
  return {
    kind: "procurement",
    key: `procurement:${row.plannedProcurementId}`,
    sortKey: row.expectedPublicationDate,
    stamp: edition.publishedAt,
    plannedProcurementId: row.plannedProcurementId,
    expectedPublicationDate: row.expectedPublicationDate,
    responseDeadline: row.responseDeadline,
    cpvDivisions: [row.cpvDivision],
    departement: row.departement,
    region: row.region,
    categories: [row.category],
    reserved: row.reserved !== "none",
    environmental: present(row.environmentalConsideration),
    social: present(row.socialConsideration),
    text: [row.title, row.reference ?? "", row.need, buyerName].join(" \n "),
    email: {
      title: row.title,
      buyerName,
      change,
      when: `Publication prévue le ${formatDateFr(row.expectedPublicationDate)}`,
      url: `${env().appOrigin}/plan/${row.plannedProcurementId}`,
    },
  };
}

/** The French word for a change, as the diff gives it. */
type Change = { kind: "added" } | { kind: "moved"; from: string } | { kind: "modified"; fields: string[] };

function changeLabel(change: Change): string {
  switch (change.kind) {
    case "added":
      return "Nouveau";
    case "moved":
      return `Date déplacée (était le ${formatDateFr(change.from)})`;
    case "modified": {
      const shown = change.fields.slice(0, 3).join(", ").toLowerCase();
      return `Modifié : ${shown}${change.fields.length > 3 ? "…" : ""}`;
    }
  }
}

/**
 * Values per query in the lists below: SQLite (through Prisma) takes at most 999 parameters in one
 * statement, and a busy week can have more editions or items than that.
 */
const PER_QUERY = 200;

async function inChunks<T, R>(values: readonly T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < values.length; start += PER_QUERY)
    results.push(...(await read(values.slice(start, start + PER_QUERY))));
  return results;
}

type EditionKey = { id: string; organizationId: string; year: number; half: number; number: number };

/** Rows read at a time: reading thousands of items at once holds the server's thread for a while. */
const ROWS_PER_READ = 500;

/** The items of these editions, by edition id (added to `into` when given). */
async function itemsOfEditions(
  editionIds: readonly string[],
  into = new Map<string, EditionItemRow[]>(),
): Promise<Map<string, EditionItemRow[]>> {
  const wanted = editionIds.filter((id) => !into.has(id));
  for (const id of wanted) into.set(id, []);
  for (let start = 0; start < wanted.length; start += PER_QUERY) {
    const chunk = wanted.slice(start, start + PER_QUERY);
    let after: string | undefined;
    for (;;) {
      const rows = await db.planEditionItem.findMany({
        where: { editionId: { in: chunk }, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take: ROWS_PER_READ,
      });
      for (const row of rows) into.get(row.editionId)!.push(row);
      if (rows.length < ROWS_PER_READ) break;
      after = rows[rows.length - 1]!.id;
      await yieldToEventLoop();
    }
  }
  return into;
}

function semesterOfEdition(edition: { organizationId: string; year: number; half: number }): string {
  return `${edition.organizationId}:${edition.year}:${edition.half}`;
}

/** The changed items of each edition (by plannedProcurementId), and the items read on the way. */
async function changesOfEditions(
  editions: readonly EditionKey[],
): Promise<{ changes: Map<string, Map<string, Change>>; items: Map<string, EditionItemRow[]> }> {
  const byEdition = new Map<string, Map<string, Change>>();
  if (editions.length === 0) return { changes: byEdition, items: new Map() };
  const previousKeys = editions
    .filter((edition) => edition.number > 1)
    .map((edition) => ({
      organizationId: edition.organizationId,
      year: edition.year,
      half: edition.half,
      number: edition.number - 1,
    }));
  const previous = await inChunks(previousKeys, (chunk) =>
    db.planEdition.findMany({
      where: { OR: chunk },
      select: { id: true, organizationId: true, year: true, half: true, number: true },
    }),
  );
  const previousId = new Map(
    previous.map((edition) => [`${semesterOfEdition(edition)}:${edition.number}`, edition.id]),
  );
  const items = await itemsOfEditions([
    ...editions.map((edition) => edition.id),
    ...previous.map((edition) => edition.id),
  ]);
  for (const edition of editions) {
    const beforeId = previousId.get(`${semesterOfEdition(edition)}:${edition.number - 1}`);
    const diff = diffEditions(beforeId ? (items.get(beforeId) ?? []) : [], items.get(edition.id) ?? []);
    const changes = new Map<string, Change>();
    for (const item of diff.added) changes.set(item.plannedProcurementId, { kind: "added" });
    for (const moved of diff.moved) changes.set(moved.item.plannedProcurementId, { kind: "moved", from: moved.from });
    for (const modified of diff.modified)
      changes.set(modified.item.plannedProcurementId, { kind: "modified", fields: modified.fields });
    byEdition.set(edition.id, changes);
    await yieldToEventLoop();
  }
  return { changes: byEdition, items };
}

function byDateThenTitle(a: ProcurementMatchable, b: ProcurementMatchable): number {
  return a.sortKey.localeCompare(b.sortKey) || a.email.title.localeCompare(b.email.title, "fr");
}

export interface EditionChanges {
  edition: EditionKey;
  buyer: { id: string; name: string; slug: string; departement: string };
  items: ProcurementMatchable[];
}

/** One edition's added, moved and modified items; null when the edition does not exist. */
export async function editionChanges(editionId: string): Promise<EditionChanges | null> {
  const edition = await db.planEdition.findUnique({
    where: { id: editionId },
    select: {
      id: true,
      organizationId: true,
      year: true,
      half: true,
      number: true,
      publishedAt: true,
      organization: { select: { id: true, name: true, slug: true, departement: true } },
    },
  });
  if (!edition) return null;
  const read = await changesOfEditions([edition]);
  const changes = read.changes.get(edition.id) ?? new Map<string, Change>();
  const rows = read.items.get(edition.id) ?? [];
  const { organization, publishedAt: _publishedAt, ...rest } = edition;
  return {
    edition: rest,
    buyer: organization,
    items: rows
      .filter((row) => changes.has(row.plannedProcurementId))
      .map((row) => procurementMatchable(row, edition, changeLabel(changes.get(row.plannedProcurementId)!)))
      .sort(byDateThenTitle),
  };
}

/** The procurements added, moved or modified by the editions published in [from, to), as they stand now. */
export async function procurementChangesBetween(from: Date, to: Date): Promise<ProcurementMatchable[]> {
  const editions = await db.planEdition.findMany({
    where: { publishedAt: { gte: from, lt: to } },
    orderBy: { publishedAt: "asc" },
    select: { id: true, organizationId: true, year: true, half: true, number: true },
  });
  if (editions.length === 0) return [];
  const { changes: perEdition, items: read } = await changesOfEditions(editions);
  // Merged in publication order: "Nouveau" this week stays "Nouveau" whatever came after it.
  const merged = new Map<string, Change>();
  for (const edition of editions) {
    for (const [id, change] of perEdition.get(edition.id) ?? []) {
      if (merged.get(id)?.kind !== "added") merged.set(id, change);
    }
  }
  // As they stand now: in the latest edition of their buyer's semester (not withdrawn since).
  const semesters = [...new Map(editions.map((edition) => [semesterOfEdition(edition), edition])).values()];
  const latest = await inChunks(semesters, (chunk) =>
    db.planEdition.findMany({
      where: { isLatest: true, OR: chunk.map(({ organizationId, year, half }) => ({ organizationId, year, half })) },
      select: { id: true, publishedAt: true, organization: { select: { name: true } } },
    }),
  );
  // Usually the week's own editions, already read.
  const items = await itemsOfEditions(
    latest.map((edition) => edition.id),
    read,
  );
  return latest
    .flatMap((edition) =>
      (items.get(edition.id) ?? [])
        .filter((row) => merged.has(row.plannedProcurementId))
        .map((row) => procurementMatchable(row, edition, changeLabel(merged.get(row.plannedProcurementId)!))),
    )
    .sort(byDateThenTitle);
}

/** Every item of the latest editions whose expected publication is not past, for the personal feed. */
export async function currentProcurements(today: string, limit = 20_000): Promise<ProcurementMatchable[]> {
  const rows = await db.planEditionItem.findMany({
    where: { edition: { isLatest: true }, expectedPublicationDate: { gte: today } },
    orderBy: { expectedPublicationDate: "asc" },
    take: limit,
    include: { edition: { select: { publishedAt: true, organization: { select: { name: true } } } } },
  });
  return rows.map(({ edition, ...row }) => procurementMatchable(row, edition, "Prévu"));
}

// ---- what questionnaires and events concern ----------------------------------------------------------

interface Facts {
  cpvDivisions: Set<string>;
  categories: Set<string>;
  reserved: boolean;
  environmental: boolean;
  social: boolean;
  titles: string[];
}

/** The published facts of procurements (latest edition first), merged: unions and "any". */
async function publishedFacts(plannedProcurementIds: readonly string[]): Promise<Map<string, EditionItemData>> {
  const byId = new Map<string, EditionItemData>();
  if (plannedProcurementIds.length === 0) return byId;
  const rows = await inChunks([...new Set(plannedProcurementIds)], (chunk) =>
    db.planEditionItem.findMany({
      where: { plannedProcurementId: { in: chunk } },
      orderBy: { edition: { publishedAt: "desc" } },
    }),
  );
  // Chunks are each ordered newest first; across chunks an id appears in one chunk only.
  for (const row of rows) if (!byId.has(row.plannedProcurementId)) byId.set(row.plannedProcurementId, row);
  return byId;
}

function mergeFacts(rows: readonly (EditionItemData | undefined)[]): Facts {
  const facts: Facts = {
    cpvDivisions: new Set(),
    categories: new Set(),
    reserved: false,
    environmental: false,
    social: false,
    titles: [],
  };
  for (const row of rows) {
    if (!row) continue;
    facts.cpvDivisions.add(row.cpvDivision);
    facts.categories.add(row.category);
    facts.reserved ||= row.reserved !== "none";
    facts.environmental ||= present(row.environmentalConsideration);
    facts.social ||= present(row.socialConsideration);
    facts.titles.push(row.title);
  }
  return facts;
}

// ---- questionnaires -------------------------------------------------------------------------------------

const QUESTIONNAIRE_SELECT = {
  id: true,
  title: true,
  introduction: true,
  openUntil: true,
  firstPublishedAt: true,
  plannedProcurementId: true,
  plannedProcurement: { select: { category: true, cpvCode: true } },
  organization: { select: { name: true, departement: true } },
} as const;

type QuestionnaireRow = {
  id: string;
  title: string;
  introduction: string;
  openUntil: string | null;
  firstPublishedAt: Date | null;
  plannedProcurementId: string;
  plannedProcurement: { category: string; cpvCode: string };
  organization: { name: string; departement: string };
};

async function questionnaireMatchables(rows: readonly QuestionnaireRow[]): Promise<QuestionnaireMatchable[]> {
  const facts = await publishedFacts(rows.map((row) => row.plannedProcurementId));
  return rows
    .filter((row): row is QuestionnaireRow & { openUntil: string } => row.openUntil !== null)
    .map((row) => {
      const published = facts.get(row.plannedProcurementId);
      const merged = mergeFacts([published]);
      // What the questionnaire's public page shows of its procurement, published in an edition or not.
      merged.cpvDivisions.add(cpvDivisionOf(row.plannedProcurement.cpvCode));
      merged.categories.add(row.plannedProcurement.category);
      return {
        kind: "questionnaire" as const,
        key: `questionnaire:${row.id}`,
        sortKey: row.openUntil,
        stamp: row.firstPublishedAt ?? new Date(0),
        id: row.id,
        openUntil: row.openUntil,
        cpvDivisions: [...merged.cpvDivisions],
        departement: row.organization.departement,
        region: regionCode(row.organization.departement),
        categories: [...merged.categories],
        reserved: merged.reserved,
        environmental: merged.environmental,
        social: merged.social,
        text: [row.title, row.introduction, ...merged.titles, row.organization.name].join(" \n "),
        email: {
          title: row.title,
          buyerName: row.organization.name,
          deadline: `Réponses jusqu'au ${formatDateFr(row.openUntil)}`,
          url: `${env().appOrigin}/sourcing/${row.id}`,
        },
      };
    });
}

/** A questionnaire still open to answers (published, not closed, deadline not past), or null. */
export async function openQuestionnaire(id: string, now: Date): Promise<QuestionnaireMatchable | null> {
  const row = await db.questionnaire.findFirst({
    where: { id, status: "published", closedEarlyAt: null, openUntil: { gte: todayInParis(now) } },
    select: QUESTIONNAIRE_SELECT,
  });
  return row ? ((await questionnaireMatchables([row]))[0] ?? null) : null;
}

/** Questionnaires with a version published in [from, to) that are still open. */
export async function questionnairesPublishedBetween(
  from: Date,
  to: Date,
  now: Date,
): Promise<QuestionnaireMatchable[]> {
  const rows = await db.questionnaire.findMany({
    where: {
      status: "published",
      closedEarlyAt: null,
      openUntil: { gte: todayInParis(now) },
      versions: { some: { publishedAt: { gte: from, lt: to } } },
    },
    orderBy: { openUntil: "asc" },
    select: QUESTIONNAIRE_SELECT,
  });
  return questionnaireMatchables(rows);
}

/** Every questionnaire open to answers now, for the personal feed. */
export async function openQuestionnaires(now: Date): Promise<QuestionnaireMatchable[]> {
  const rows = await db.questionnaire.findMany({
    where: { status: "published", closedEarlyAt: null, openUntil: { gte: todayInParis(now) } },
    orderBy: { openUntil: "asc" },
    take: 2_000,
    select: QUESTIONNAIRE_SELECT,
  });
  return questionnaireMatchables(rows);
}

// ---- events ------------------------------------------------------------------------------------------------

const EVENT_SELECT = {
  id: true,
  kind: true,
  title: true,
  description: true,
  departement: true,
  location: true,
  startsAt: true,
  endsAt: true,
  status: true,
  publishedAt: true,
  cancelledAt: true,
  organization: { select: { name: true } },
  procurements: { select: { plannedProcurementId: true } },
  stands: { select: { procurements: { select: { plannedProcurementId: true } } } },
} as const;

type EventRow = {
  id: string;
  kind: string;
  title: string;
  description: string;
  departement: string;
  location: string | null;
  startsAt: Date;
  endsAt: Date;
  status: string;
  publishedAt: Date | null;
  cancelledAt: Date | null;
  organization: { name: string };
  procurements: { plannedProcurementId: string }[];
  stands: { procurements: { plannedProcurementId: string }[] }[];
};

function procurementIdsOf(row: EventRow): string[] {
  return [
    ...row.procurements.map((link) => link.plannedProcurementId),
    ...row.stands.flatMap((stand) => stand.procurements.map((link) => link.plannedProcurementId)),
  ];
}

async function eventMatchables(rows: readonly EventRow[]): Promise<EventMatchable[]> {
  const facts = await publishedFacts(rows.flatMap(procurementIdsOf));
  return rows.map((row) => {
    // Only procurements a published edition made public count (as on the event's public page).
    const merged = mergeFacts(procurementIdsOf(row).map((id) => facts.get(id)));
    const kind = EVENT_KINDS[row.kind as EventKind] ?? "Événement";
    return {
      kind: "event" as const,
      key: `event:${row.id}`,
      sortKey: row.startsAt.toISOString(),
      stamp: row.cancelledAt ?? row.publishedAt ?? row.startsAt,
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      cancelled: row.status === "cancelled",
      cpvDivisions: [...merged.cpvDivisions],
      departement: row.departement,
      region: regionCode(row.departement),
      categories: [...merged.categories],
      reserved: merged.reserved,
      environmental: merged.environmental,
      social: merged.social,
      text: [row.title, row.description, ...merged.titles, row.organization.name].join(" \n "),
      email: {
        title: row.title,
        organizerName: row.organization.name,
        when: `${kind}, ${formatEventWhen(row.startsAt, row.endsAt)}`,
        place: row.location ?? "En ligne",
        url: `${env().appOrigin}/evenements/${row.id}`,
      },
    };
  });
}

/** A published event that has not started, or null. */
export async function upcomingEvent(id: string, now: Date): Promise<EventMatchable | null> {
  const row = await db.event.findFirst({
    where: { id, status: "published", startsAt: { gt: now } },
    select: EVENT_SELECT,
  });
  return row ? ((await eventMatchables([row]))[0] ?? null) : null;
}

/** Events published in [from, to) that are still to come. */
export async function eventsPublishedBetween(from: Date, to: Date, now: Date): Promise<EventMatchable[]> {
  const rows = await db.event.findMany({
    where: { status: "published", publishedAt: { gte: from, lt: to }, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: EVENT_SELECT,
  });
  return eventMatchables(rows);
}

/** Published events still to come (and cancelled ones, so that agendas strike them out), for the feed. */
export async function upcomingEvents(now: Date): Promise<EventMatchable[]> {
  const rows = await db.event.findMany({
    where: { status: { in: ["published", "cancelled"] }, publishedAt: { not: null }, endsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    take: 2_000,
    select: EVENT_SELECT,
  });
  return eventMatchables(rows);
}
