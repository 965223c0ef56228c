// Semester editions of a buyer's plan: numbered, immutable snapshots (database triggers refuse any
// change to an item, and to an edition except its isLatest flag), published with a ledger record.
//
// An edition of semester S holds every planned procurement of the buyer whose expected
// publication date falls in S and whose status is neither draft nor abandoned, as it is at that
// moment. Publishing is one transaction: the snapshot, the edition and its items, isLatest moved
// from the previous edition, and the ledger record.
import { scheduleImmediateAlerts } from "~/alerts/delivery.server";
import { scheduleRelayEditionNotice } from "~/relay/edition-notices.server";
import { db, write, type ReadClient } from "~/db/db.server";
import { appendExchange } from "~/ledger/ledger.server";
import { mayPublish } from "~/organizations/verification.server";
import {
  diffCounts,
  diffEditions,
  diffSummaryFr,
  hasChanges,
  type EditionDiff,
  type EditionDiffCounts,
  type EditionItemData,
} from "./edition-diff";
import { editionContentHash, editionItemData, snapshotItem } from "./edition-snapshot";
import { UNPUBLISHED_STATUSES } from "./schema";
import { semesterBounds, semesterKey, semesterLabel, type Semester } from "./vocabulary";

/** Reads go through `db` (committed data) or, when publishing, through the write transaction. */
type Reader = Pick<ReadClient, "organization" | "plannedProcurement" | "planEdition" | "planEditionItem">;

async function currentSnapshot(reader: Reader, organizationId: string, semester: Semester) {
  const { from, to } = semesterBounds(semester);
  const organization = await reader.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, kind: true, departement: true },
  });
  if (!organization) return null;
  const procurements = await reader.plannedProcurement.findMany({
    where: {
      organizationId,
      expectedPublicationDate: { gte: from, lte: to },
      status: { notIn: [...UNPUBLISHED_STATUSES] },
    },
    include: { lots: { orderBy: { number: "asc" } } },
    orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }],
  });
  const items = procurements.map((procurement) => snapshotItem(procurement, organization));
  return { organization, items, contentHash: editionContentHash(organizationId, semester, items) };
}

async function latestEdition(reader: Reader, organizationId: string, semester: Semester) {
  return reader.planEdition.findFirst({
    where: { organizationId, year: semester.year, half: semester.half },
    orderBy: { number: "desc" },
    include: { items: true },
  });
}

export interface EditionPreview {
  semester: Semester;
  items: EditionItemData[];
  contentHash: string;
  previous: { number: number; publishedAt: Date; itemCount: number; contentHash: string } | null;
  nextNumber: number;
  diff: EditionDiff;
  /** Why it cannot be published now, or null. */
  blocker: string | null;
}

function blockerOf(
  semester: Semester,
  items: readonly EditionItemData[],
  previous: { number: number; contentHash: string; itemCount: number } | null,
  contentHash: string,
  diff: EditionDiff,
): string | null {
  if (previous && (previous.contentHash === contentHash || !hasChanges(diff))) {
    return `Rien n'a changé depuis l'édition n° ${previous.number} du ${semesterLabel(semester)} : il n'y a pas de nouvelle édition à publier.`;
  }
  if (items.length === 0 && !previous) {
    return `Aucun achat à publier pour le ${semesterLabel(semester)}. Une édition reprend les achats dont la date de publication prévue tombe dans ce semestre et qui ne sont ni en brouillon ni retirés.`;
  }
  return null;
}

/** What publishing now would give: the items, the changes since the previous edition, and whether it is possible. */
export async function previewEdition(organizationId: string, semester: Semester): Promise<EditionPreview | null> {
  const current = await currentSnapshot(db, organizationId, semester);
  if (!current) return null;
  const [previous, verification] = await Promise.all([
    latestEdition(db, organizationId, semester),
    mayPublish(db, organizationId),
  ]);
  const diff = diffEditions(previous ? previous.items.map(editionItemData) : [], current.items);
  const previousSummary = previous
    ? {
        number: previous.number,
        publishedAt: previous.publishedAt,
        itemCount: previous.itemCount,
        contentHash: previous.contentHash,
      }
    : null;
  return {
    semester,
    items: current.items,
    contentHash: current.contentHash,
    previous: previousSummary,
    nextNumber: (previous?.number ?? 0) + 1,
    diff,
    blocker: verification.ok
      ? blockerOf(semester, current.items, previousSummary, current.contentHash, diff)
      : verification.message,
  };
}

export type PublishResult =
  | {
      ok: true;
      edition: { id: string; number: number; itemCount: number; contentHash: string; publishedAt: Date };
      counts: EditionDiffCounts;
    }
  | { ok: false; message: string };

/**
 * Publishes the organisation's plan for `semester` as its next edition. Refused while the buyer is
 * not verified by a platform admin, when it would be empty (with no earlier edition to empty out),
 * or when nothing changed since the previous one.
 *
 * An edition with no item is accepted when the previous one had items: it is how a buyer tells
 * the public that everything it had announced for the semester is withdrawn or moved.
 */
export async function publishEdition(
  actor: { id: string; name: string },
  organizationId: string,
  semester: Semester,
): Promise<PublishResult> {
  return write(async (tx) => {
    const current = await currentSnapshot(tx, organizationId, semester);
    if (!current || current.organization.kind !== "buyer")
      return { ok: false, message: "Seul un acheteur public publie une programmation." };
    const verification = await mayPublish(tx, organizationId);
    if (!verification.ok) return verification;
    const previous = await latestEdition(tx, organizationId, semester);
    const diff = diffEditions(previous ? previous.items.map(editionItemData) : [], current.items);
    const blocker = blockerOf(semester, current.items, previous, current.contentHash, diff);
    if (blocker) return { ok: false, message: blocker };
    const number = (previous?.number ?? 0) + 1;
    if (previous) {
      await tx.planEdition.updateMany({
        where: { organizationId, year: semester.year, half: semester.half, isLatest: true },
        data: { isLatest: false },
      });
    }
    const publishedAt = new Date(Math.floor(Date.now()));
    const edition = await tx.planEdition.create({
      data: {
        organizationId,
        year: semester.year,
        half: semester.half,
        number,
        publishedAt,
        publishedById: actor.id,
        isLatest: true,
        itemCount: current.items.length,
        contentHash: current.contentHash,
      },
    });
    if (current.items.length > 0) {
      await tx.planEditionItem.createMany({ data: current.items.map((item) => ({ ...item, editionId: edition.id })) });
    }
    const counts = diffCounts(diff);
    const key = semesterKey(semester);
    // Suppliers' immediate alerts and the relays that follow the buyer are told by jobs, once this
    // edition is committed.
    await scheduleImmediateAlerts(tx, { kind: "edition", id: edition.id }, publishedAt);
    await scheduleRelayEditionNotice(tx, edition.id, publishedAt);
    await appendExchange(tx, {
      kind: "plan.edition_published",
      actor: { userId: actor.id, label: actor.name },
      organizationIds: [organizationId],
      summary:
        `${actor.name} a publié l'édition n° ${number} de la programmation du ${semesterLabel(semester)} de ${current.organization.name} ` +
        `(${current.items.length} achat${current.items.length > 1 ? "s" : ""} prévu${current.items.length > 1 ? "s" : ""}${previous ? ` ; depuis l'édition n° ${previous.number} : ${diffSummaryFr(counts)}` : ""}).`,
      payload: {
        editionId: edition.id,
        editionNumber: number,
        semester: key,
        year: semester.year,
        half: semester.half,
        itemCount: current.items.length,
        contentHash: current.contentHash,
        previousEditionNumber: previous?.number ?? null,
        diff: { ...counts },
      },
      occurredAt: publishedAt,
    });
    return {
      ok: true,
      edition: { id: edition.id, number, itemCount: edition.itemCount, contentHash: edition.contentHash, publishedAt },
      counts,
    };
  });
}

export interface EditionWithDiff {
  edition: {
    id: string;
    organizationId: string;
    year: number;
    half: number;
    number: number;
    publishedAt: Date;
    publishedById: string;
    isLatest: boolean;
    itemCount: number;
    contentHash: string;
  };
  items: (EditionItemData & { id: string; editionId: string })[];
  /** Changes since the previous edition of the same semester (everything "added" for edition 1). */
  diff: EditionDiff<EditionItemData & { id: string; editionId: string }>;
  previousNumber: number | null;
}

/** An edition, its items (by expected publication date) and what changed since the previous one; null when it does not exist. */
export async function loadEditionWithDiff(
  organizationId: string,
  year: number,
  half: number,
  number: number,
): Promise<EditionWithDiff | null> {
  const edition = await db.planEdition.findUnique({
    where: { organizationId_year_half_number: { organizationId, year, half, number } },
    include: { items: { orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }] } },
  });
  if (!edition) return null;
  const previous =
    number > 1
      ? await db.planEditionItem.findMany({ where: { edition: { organizationId, year, half, number: number - 1 } } })
      : [];
  const { items, ...rest } = edition;
  return { edition: rest, items, diff: diffEditions(previous, items), previousNumber: number > 1 ? number - 1 : null };
}

/** Every edition of the organisation, newest semester first, then newest number first. */
export function listEditions(organizationId: string) {
  return db.planEdition.findMany({
    where: { organizationId },
    orderBy: [{ year: "desc" }, { half: "desc" }, { number: "desc" }],
    select: {
      id: true,
      year: true,
      half: true,
      number: true,
      publishedAt: true,
      isLatest: true,
      itemCount: true,
      contentHash: true,
    },
  });
}

export interface SemesterStatus {
  key: string;
  semester: Semester;
  latest: { number: number; publishedAt: Date; itemCount: number } | null;
  /** Items an edition published now would hold. */
  publishableCount: number;
  /** Whether publishing now would differ from the latest edition (or be the first one). */
  hasUnpublishedChanges: boolean;
}

/** Per semester: the latest edition and whether the plan changed since, for the buyer's list. */
export async function semesterStatuses(
  organizationId: string,
  semesters: readonly Semester[],
): Promise<SemesterStatus[]> {
  return Promise.all(
    semesters.map(async (semester) => {
      const [current, latest] = await Promise.all([
        currentSnapshot(db, organizationId, semester),
        db.planEdition.findFirst({
          where: { organizationId, year: semester.year, half: semester.half },
          orderBy: { number: "desc" },
        }),
      ]);
      const publishableCount = current?.items.length ?? 0;
      const hasUnpublishedChanges = latest ? latest.contentHash !== current?.contentHash : publishableCount > 0;
      return {
        key: semesterKey(semester),
        semester,
        latest: latest ? { number: latest.number, publishedAt: latest.publishedAt, itemCount: latest.itemCount } : null,
        publishableCount,
        hasUnpublishedChanges,
      };
    }),
  );
}
