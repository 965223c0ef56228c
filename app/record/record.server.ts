// The record of a planned procurement: every ledger record that concerns it, in ledger order.
//
// A record concerns the procurement when it names it (plannedProcurementId: its questionnaires'
// records, manual entries, the launch, bookings at a stand that presents only it), when it belongs
// to an event that presents it (EventProcurement) or to a fair where one of its stands presents it
// (StandProcurement, see eventRecordConcerns), or when it publishes a plan edition that lists it.
// The set is resolved once per request into one SQL condition (RecordScope), so that filters,
// counts and keyset pagination on the sequence all run in the database.
//
// listRecordEntries() is the one way to read it: the record page uses it, and exports page
// through it the same way (eachRecordEntry()).
import { addDays, instantToParisDate } from "~/calendar/dates";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { expectedStoredHash, redactedFieldsOf } from "~/ledger/canonical";
import { ledgerKindLabel } from "~/ledger/kinds";
import { parisLocalToUtc } from "~/meetings/slots";
import type { AttachmentType } from "./attachments";
import { attachmentErasures } from "./attachment-erasure.server";
import type { RecordCursor, RecordFilters } from "./filters";
import {
  correctedSequence,
  entryFacts,
  eventRecordConcerns,
  parsePayload,
  readLaunch,
  readManualEntry,
  type EntryFact,
  type EventLink,
  type JsonObject,
  type LaunchView,
  type ManualEntryView,
} from "./entries";

export type { RecordCursor, RecordFilters };

export const RECORD_PAGE_SIZE = 50;

export interface RecordProcurement {
  id: string;
  title: string;
  reference: string | null;
  status: string;
  expectedPublicationDate: string;
  organizationId: string;
  organizationName: string;
  launchedOn: string | null;
  launchNoticeReference: string | null;
  buyerProfileUrl: string | null;
}

export interface RecordScope {
  procurement: RecordProcurement;
  /** The SQL condition that selects the procurement's records. */
  where: Prisma.LedgerRecordWhereInput;
  events: Map<string, { title: string; kind: string }>;
  questionnaires: Map<string, string>;
}

/**
 * The record of a procurement of this organisation, or null when the procurement does not exist or
 * belongs to another organisation (the caller answers 404).
 */
export async function loadRecordScope(organizationId: string, procurementId: string): Promise<RecordScope | null> {
  const procurement = await db.plannedProcurement.findFirst({
    where: { id: procurementId, organizationId },
    select: {
      id: true,
      title: true,
      reference: true,
      status: true,
      expectedPublicationDate: true,
      organizationId: true,
      launchedOn: true,
      launchNoticeReference: true,
      buyerProfileUrl: true,
      organization: { select: { name: true } },
      questionnaires: { select: { id: true, title: true } },
      events: { select: { event: { select: { id: true, title: true, kind: true } } } },
      stands: { select: { stand: { select: { id: true, event: { select: { id: true, title: true, kind: true } } } } } },
    },
  });
  if (!procurement) return null;

  const events = new Map<string, { title: string; kind: string }>();
  const direct = new Set<string>();
  for (const { event } of procurement.events) {
    events.set(event.id, { title: event.title, kind: event.kind });
    direct.add(event.id);
  }
  for (const { stand } of procurement.stands)
    events.set(stand.event.id, { title: stand.event.title, kind: stand.event.kind });
  const [eventSequences, editionSequences] = await Promise.all([
    eventRecordSequences(
      procurement.id,
      new Map([...events].map(([id, event]) => [id, event.kind])),
      direct,
      new Set(procurement.stands.map(({ stand }) => stand.id)),
    ),
    editionRecordSequences(procurement.id, organizationId),
  ]);
  const sequences = [...eventSequences, ...editionSequences];
  const where: Prisma.LedgerRecordWhereInput = {
    OR: [{ plannedProcurementId: procurement.id }, ...(sequences.length ? [{ sequence: { in: sequences } }] : [])],
  };
  return {
    procurement: {
      id: procurement.id,
      title: procurement.title,
      reference: procurement.reference,
      status: procurement.status,
      expectedPublicationDate: procurement.expectedPublicationDate,
      organizationId: procurement.organizationId,
      organizationName: procurement.organization.name,
      launchedOn: procurement.launchedOn,
      launchNoticeReference: procurement.launchNoticeReference,
      buyerProfileUrl: procurement.buyerProfileUrl,
    },
    where,
    events,
    questionnaires: new Map(procurement.questionnaires.map((questionnaire) => [questionnaire.id, questionnaire.title])),
  };
}

/** Records of the linked events that concern the procurement and do not name it already. */
async function eventRecordSequences(
  procurementId: string,
  kinds: ReadonlyMap<string, string>,
  direct: ReadonlySet<string>,
  ownStandIds: ReadonlySet<string>,
): Promise<number[]> {
  const eventIds = [...kinds.keys()];
  if (eventIds.length === 0) return [];
  const [stands, candidates] = await Promise.all([
    db.stand.findMany({
      where: { eventId: { in: eventIds } },
      select: {
        id: true,
        eventId: true,
        _count: { select: { procurements: true } },
        slots: { select: { id: true, booking: { select: { id: true } } } },
      },
    }),
    db.ledgerRecord.findMany({
      // (SQL: "<> id" alone would also drop the records without a procurement.)
      where: {
        eventId: { in: eventIds },
        OR: [{ plannedProcurementId: null }, { plannedProcurementId: { not: procurementId } }],
      },
      select: { sequence: true, kind: true, eventId: true, plannedProcurementId: true, payload: true },
    }),
  ]);
  const links = new Map<string, EventLink>();
  for (const eventId of eventIds) {
    // A stand that presents no procurement stands for the event's own procurements (bookings.server.ts).
    const concerned = stands.filter(
      (stand) =>
        stand.eventId === eventId &&
        (ownStandIds.has(stand.id) || (direct.has(eventId) && stand._count.procurements === 0)),
    );
    links.set(eventId, {
      procurementId,
      isFair: kinds.get(eventId) === "reverse_fair",
      linkedDirectly: direct.has(eventId),
      standIds: new Set(concerned.map((stand) => stand.id)),
      slotIds: new Set(concerned.flatMap((stand) => stand.slots.map((slot) => slot.id))),
      bookingIds: new Set(
        concerned.flatMap((stand) => stand.slots.flatMap((slot) => (slot.booking ? [slot.booking.id] : []))),
      ),
    });
  }
  return candidates
    .filter((record) => {
      const link = record.eventId ? links.get(record.eventId) : undefined;
      return link ? eventRecordConcerns({ ...record, payload: parsePayload(record.payload) }, link) : false;
    })
    .map((record) => record.sequence);
}

/** The publications of the buyer's plan editions that list the procurement. */
async function editionRecordSequences(procurementId: string, organizationId: string): Promise<number[]> {
  const items = await db.planEditionItem.findMany({
    where: { plannedProcurementId: procurementId },
    select: { editionId: true },
  });
  if (items.length === 0) return [];
  const editionIds = new Set(items.map((item) => item.editionId));
  const published = await db.ledgerRecord.findMany({
    where: { kind: "plan.edition_published", parties: { some: { organizationId } } },
    select: { sequence: true, payload: true },
  });
  return published
    .filter((record) => {
      const editionId = parsePayload(record.payload).editionId;
      return typeof editionId === "string" && editionIds.has(editionId);
    })
    .map((record) => record.sequence);
}

// ---- reading the record ---------------------------------------------------------------------------

export interface RecordEntry {
  sequence: number;
  kind: string;
  kindLabel: string;
  occurredAt: Date;
  /** The Paris day the exchange took place (for a manual entry or a launch: the day given). */
  day: string;
  actorUserId: string | null;
  actorLabel: string;
  summary: string;
  organizationIds: string[];
  plannedProcurementId: string | null;
  eventId: string | null;
  /** The stored payload, exactly as hashed (canonical JSON), and parsed. */
  payloadJson: string;
  payload: JsonObject;
  previousHash: string;
  hash: string;
  /** What the entry is about within the procurement: its questionnaire or its event. */
  context: string | null;
  /** Supplier organisations among the parties, and the supplier typed in a manual entry. */
  suppliers: { organizationId: string | null; name: string; siret: string | null }[];
  manual: ManualEntryView | null;
  /** A manual entry's attachment as the record shows it (its name may have been redacted, its file deleted). */
  attachment: RecordAttachment | null;
  launch: LaunchView | null;
  corrects: number | null;
  correctedBy: number[];
  afterLaunch: boolean;
  facts: EntryFact[];
  /** Protected fields erased at the request of the person concerned (decision 0022), and when. */
  redaction: { fields: string[]; at: Date | null } | null;
  /** The entry's content no longer gives its hash: it was changed behind the database's guard. */
  altered: boolean;
}

export interface RecordAttachment {
  sha256: string;
  /** Null when the name was redacted at the request of the person it named. */
  fileName: string | null;
  contentType: AttachmentType;
  size: number;
  /** The file was deleted at the request of the person concerned: nothing to download. */
  erased: boolean;
}

export interface RecordPage {
  entries: RecordEntry[];
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

function filterWhere(filters: RecordFilters): Prisma.LedgerRecordWhereInput[] {
  const conditions: Prisma.LedgerRecordWhereInput[] = [];
  if (filters.kind) conditions.push({ kind: filters.kind });
  if (filters.supplierOrganizationId)
    conditions.push({ parties: { some: { organizationId: filters.supplierOrganizationId } } });
  if (filters.from) conditions.push({ occurredAt: { gte: parisLocalToUtc(filters.from, "00:00") } });
  if (filters.to) conditions.push({ occurredAt: { lt: parisLocalToUtc(addDays(filters.to, 1), "00:00") } });
  return conditions;
}

/** The record's condition with the filters: what counts and pages run on. */
export function recordWhere(scope: RecordScope, filters: RecordFilters = {}): Prisma.LedgerRecordWhereInput {
  return { AND: [scope.where, ...filterWhere(filters)] };
}

/**
 * One page of the record, oldest first, with the filters. Keyset pagination on the ledger's
 * sequence: a page costs the same at the start of a record of 100,000 entries as at its end.
 */
export async function listRecordEntries(
  scope: RecordScope,
  filters: RecordFilters = {},
  cursor?: RecordCursor,
  limit = RECORD_PAGE_SIZE,
): Promise<RecordPage> {
  const where = recordWhere(scope, filters);
  const backwards = cursor !== undefined && "before" in cursor;
  const bound: Prisma.LedgerRecordWhereInput | null = !cursor
    ? null
    : "after" in cursor
      ? { sequence: { gt: cursor.after } }
      : cursor.before === "end"
        ? null
        : { sequence: { lt: cursor.before } };
  const [rows, total] = await Promise.all([
    db.ledgerRecord.findMany({
      where: bound ? { AND: [where, bound] } : where,
      orderBy: { sequence: backwards ? "desc" : "asc" },
      take: limit + 1,
    }),
    db.ledgerRecord.count({ where }),
  ]);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const first = page[0]?.sequence;
  const last = page[page.length - 1]?.sequence;
  let hasPrevious: Promise<boolean> | boolean;
  let hasNext: Promise<boolean> | boolean;
  if (backwards) {
    hasPrevious = more;
    hasNext =
      last !== undefined
        ? exists(where, { gt: last })
        : typeof cursor.before === "number" && exists(where, { gte: cursor.before });
  } else {
    hasNext = more;
    hasPrevious =
      first !== undefined
        ? exists(where, { lt: first })
        : cursor !== undefined && "after" in cursor && exists(where, { lte: cursor.after });
  }
  const [previous, next, entries] = await Promise.all([hasPrevious, hasNext, toEntries(scope, page)]);
  return { entries, total, hasPrevious: previous, hasNext: next };
}

async function exists(where: Prisma.LedgerRecordWhereInput, sequence: Prisma.IntFilter): Promise<boolean> {
  return (
    (await db.ledgerRecord.findFirst({ where: { AND: [where, { sequence }] }, select: { sequence: true } })) !== null
  );
}

/** Every entry of the record with the filters, in ledger order, read page by page (for exports). */
export async function* eachRecordEntry(scope: RecordScope, filters: RecordFilters = {}): AsyncGenerator<RecordEntry> {
  let after = 0;
  for (;;) {
    const page = await listRecordEntries(scope, filters, { after }, 500);
    yield* page.entries;
    if (!page.hasNext || page.entries.length === 0) return;
    after = page.entries[page.entries.length - 1]!.sequence;
  }
}

type LedgerRow = Awaited<ReturnType<typeof db.ledgerRecord.findMany>>[number];

/** Each shown entry is checked against its own hash (cheap); the whole chain is checked by checkpoints. */
function isAltered(row: LedgerRow): boolean {
  const expected = expectedStoredHash(row);
  return "problem" in expected || expected.hash !== row.hash;
}

async function toEntries(scope: RecordScope, rows: LedgerRow[]): Promise<RecordEntry[]> {
  if (rows.length === 0) return [];
  const organizationIds = new Set<string>();
  const parsed = rows.map((row) => {
    const ids = parseIds(row.organizationIds);
    for (const id of ids) organizationIds.add(id);
    return { row, ids, payload: parsePayload(row.payload) };
  });
  const [organizations, corrections] = await Promise.all([
    db.organization.findMany({
      where: { id: { in: [...organizationIds] } },
      select: { id: true, name: true, kind: true, siret: true },
    }),
    correctionsOf(
      scope.procurement.id,
      rows
        .filter((row) => row.kind === "manual.exchange" || row.kind === "procurement.launched")
        .map((row) => row.sequence),
    ),
  ]);
  const byId = new Map(organizations.map((organization) => [organization.id, organization]));
  const launchedOn = scope.procurement.launchedOn;
  const manuals = new Map(
    parsed.flatMap(({ row, payload }) => {
      const manual = row.kind === "manual.exchange" ? readManualEntry(payload) : null;
      return manual ? [[row.sequence, manual] as const] : [];
    }),
  );
  const erasures = await attachmentErasures({
    sha256s: [...manuals.values()].flatMap((manual) => (manual.attachment ? [manual.attachment.sha256] : [])),
    sequences: [...manuals].flatMap(([sequence, manual]) => (manual.attachmentRedacted ? [sequence] : [])),
  });
  const attachmentOf = (sequence: number, manual: ManualEntryView | null): RecordAttachment | null => {
    if (!manual) return null;
    const stored = manual.attachment ?? erasures.bySequence.get(sequence) ?? null;
    if (!stored) return null;
    return {
      sha256: stored.sha256,
      fileName: manual.attachment?.fileName ?? null,
      contentType: stored.contentType,
      size: stored.size,
      erased: erasures.isDeleted(stored.sha256, sequence),
    };
  };
  return parsed.map(({ row, ids, payload }) => {
    const manual = manuals.get(row.sequence) ?? null;
    const launch = row.kind === "procurement.launched" ? readLaunch(payload) : null;
    const suppliers: RecordEntry["suppliers"] = ids.flatMap((id) => {
      const organization = byId.get(id);
      return organization?.kind === "supplier"
        ? [{ organizationId: id, name: organization.name, siret: organization.siret }]
        : [];
    });
    if (manual && !manual.supplier.organizationId) suppliers.push(manual.supplier);
    const day = instantToParisDate(row.occurredAt);
    return {
      sequence: row.sequence,
      kind: row.kind,
      kindLabel: ledgerKindLabel(row.kind),
      occurredAt: row.occurredAt,
      day,
      actorUserId: row.actorUserId,
      actorLabel: row.actorLabel,
      summary: row.summary,
      organizationIds: ids,
      plannedProcurementId: row.plannedProcurementId,
      eventId: row.eventId,
      payloadJson: row.payload,
      payload,
      previousHash: row.previousHash,
      hash: row.hash,
      context: contextOf(scope, row.eventId, payload),
      suppliers,
      manual,
      attachment: attachmentOf(row.sequence, manual),
      launch,
      corrects: correctedSequence(row.kind, payload),
      correctedBy: corrections.get(row.sequence) ?? [],
      afterLaunch: Boolean(launchedOn && row.kind !== "procurement.launched" && day >= launchedOn),
      facts: entryFacts(row.kind, payload),
      redaction: row.redactedDigests ? { fields: redactedFieldsOf(row), at: row.redactedAt } : null,
      altered: isAltered(row),
    };
  });
}

function parseIds(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

function contextOf(scope: RecordScope, eventId: string | null, payload: JsonObject): string | null {
  const event = eventId ? scope.events.get(eventId) : undefined;
  if (event) return `Événement « ${event.title} »`;
  const questionnaire =
    typeof payload.questionnaireId === "string" ? scope.questionnaires.get(payload.questionnaireId) : undefined;
  return questionnaire ? `Questionnaire « ${questionnaire} »` : null;
}

/**
 * For the given entries (manual entries, launches), the later entries that correct them. The
 * payload is canonical JSON (no spaces), so corrections are found in SQL as payloads with a
 * `"corrects":` that is not null (they are few); each is then read properly.
 */
async function correctionsOf(procurementId: string, targets: number[]): Promise<Map<number, number[]>> {
  const corrections = new Map<number, number[]>();
  if (targets.length === 0) return corrections;
  const rows = await db.ledgerRecord.findMany({
    where: {
      plannedProcurementId: procurementId,
      kind: { in: ["manual.exchange", "procurement.launched"] },
      sequence: { gt: Math.min(...targets) },
      payload: { contains: '"corrects":' },
      NOT: { payload: { contains: '"corrects":null' } },
    },
    orderBy: { sequence: "asc" },
    select: { sequence: true, kind: true, payload: true },
  });
  for (const row of rows) {
    const target = correctedSequence(row.kind, parsePayload(row.payload));
    if (target === null || !targets.includes(target)) continue;
    corrections.set(target, [...(corrections.get(target) ?? []), row.sequence]);
  }
  return corrections;
}

// ---- filter choices -------------------------------------------------------------------------------

export interface RecordFilterOptions {
  kinds: { value: string; label: string; count: number }[];
  suppliers: { value: string; label: string }[];
}

/** The kinds and the supplier organisations present in the record, for the filters form. */
export async function recordFilterOptions(scope: RecordScope): Promise<RecordFilterOptions> {
  const [kinds, parties] = await Promise.all([
    db.ledgerRecord.groupBy({ by: ["kind"], where: scope.where, _count: { _all: true } }),
    db.ledgerParty.groupBy({ by: ["organizationId"], where: { record: scope.where } }),
  ]);
  const suppliers = await db.organization.findMany({
    where: { id: { in: parties.map((party) => party.organizationId) }, kind: "supplier" },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return {
    kinds: kinds
      .map((row) => ({ value: row.kind, label: ledgerKindLabel(row.kind), count: row._count._all }))
      .sort((a, b) => a.label.localeCompare(b.label, "fr")),
    suppliers: suppliers.map((supplier) => ({ value: supplier.id, label: supplier.name })),
  };
}
