// The frozen copy of planned procurements that an edition publishes, and its hash (pure).
import { canonicalJson, sha256Hex, type JsonValue } from "~/ledger/canonical";
import { regionCodeOf } from "~/territory/regions";
import { cpvDivisionOf } from "./cpv";
import type { PlannedProcurement } from "~/generated/prisma/client";
import type { EditionItemData } from "./edition-diff";
import type { Semester } from "./vocabulary";

/** What the snapshot reads of a planned procurement (a PlannedProcurement row with its lots). */
export type SnapshotSource = Omit<
  PlannedProcurement,
  "valueBand" | "createdById" | "createdAt" | "updatedAt" | "withdrawnAt" | "withdrawalReason"
> & {
  valueBand: string;
  lots: { number: number; title: string; description: string | null }[];
};

export interface EditionLot {
  number: number;
  title: string;
  description: string | null;
}

/** Lots as stored in an edition item: canonical JSON, in lot order. */
export function lotsJson(lots: readonly EditionLot[]): string {
  return canonicalJson(
    [...lots]
      .sort((a, b) => a.number - b.number)
      .map((lot) => ({ number: lot.number, title: lot.title, description: lot.description ?? null })),
  );
}

/** Reads the lots of an edition item back. */
export function parseEditionLots(json: string): EditionLot[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as EditionLot[]) : [];
  } catch {
    return [];
  }
}

/** One planned procurement as an edition publishes it, with the buyer's territory copied in. */
export function snapshotItem(source: SnapshotSource, buyer: { departement: string }): EditionItemData {
  return {
    plannedProcurementId: source.id,
    organizationId: source.organizationId,
    departement: buyer.departement,
    region: regionCodeOf(buyer.departement),
    reference: source.reference,
    title: source.title,
    need: source.need,
    category: source.category,
    cpvCode: source.cpvCode,
    cpvDivision: cpvDivisionOf(source.cpvCode),
    valueBand: source.valueBand,
    procedure: source.procedure,
    reserved: source.reserved,
    socialConsideration: source.socialConsideration,
    environmentalConsideration: source.environmentalConsideration,
    expectedPublicationDate: source.expectedPublicationDate,
    publicationJustification: source.publicationJustification,
    responseDeadline: source.responseDeadline,
    deadlineJustification: source.deadlineJustification,
    contractStart: source.contractStart,
    contractDurationMonths: source.contractDurationMonths,
    contactName: source.contactName,
    contactEmail: source.contactEmail,
    status: source.status,
    buyerProfileUrl: source.buyerProfileUrl,
    lots: lotsJson(source.lots),
  };
}

const HASH_FORMAT = "amont-plan-edition-v1";

/**
 * SHA-256 of the canonical snapshot: the buyer, the semester and every item's published fields,
 * items sorted by plannedProcurementId. The edition's number and publication instant are not part
 * of it, so two editions with the same content have the same hash.
 */
export function editionContentHash(
  organizationId: string,
  semester: Semester,
  items: readonly EditionItemData[],
): string {
  const sorted = [...items].sort((a, b) => a.plannedProcurementId.localeCompare(b.plannedProcurementId));
  const snapshot: JsonValue = {
    format: HASH_FORMAT,
    organizationId,
    year: semester.year,
    half: semester.half,
    items: sorted.map((item) => ({ ...item })),
  };
  return sha256Hex(canonicalJson(snapshot));
}

/** Picks the EditionItemData fields out of a stored PlanEditionItem row (drops id and editionId). */
export function editionItemData(row: EditionItemData & Record<string, unknown>): EditionItemData {
  return {
    plannedProcurementId: row.plannedProcurementId,
    organizationId: row.organizationId,
    departement: row.departement,
    region: row.region,
    reference: row.reference,
    title: row.title,
    need: row.need,
    category: row.category,
    cpvCode: row.cpvCode,
    cpvDivision: row.cpvDivision,
    valueBand: row.valueBand,
    procedure: row.procedure,
    reserved: row.reserved,
    socialConsideration: row.socialConsideration,
    environmentalConsideration: row.environmentalConsideration,
    expectedPublicationDate: row.expectedPublicationDate,
    publicationJustification: row.publicationJustification,
    responseDeadline: row.responseDeadline,
    deadlineJustification: row.deadlineJustification,
    contractStart: row.contractStart,
    contractDurationMonths: row.contractDurationMonths,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    status: row.status,
    buyerProfileUrl: row.buyerProfileUrl,
    lots: row.lots,
  };
}
