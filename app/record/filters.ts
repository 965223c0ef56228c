// The record page's query string (pure): filters (kind, supplier, period) and the keyset cursor.
// A value that does not make sense is dropped with a French notice, never an error page.
import { isIsoDate } from "~/calendar/dates";
import { LEDGER_KINDS } from "~/ledger/kinds";

export interface RecordFilters {
  kind?: string;
  supplierOrganizationId?: string;
  /** Paris dates, inclusive. */
  from?: string;
  to?: string;
}

/** Keyset cursor: the entries after a sequence, or before one ("end": the last page). */
export type RecordCursor = { after: number } | { before: number | "end" };

export interface RecordQuery {
  filters: RecordFilters;
  cursor: RecordCursor | undefined;
  notices: string[];
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SEQUENCE = /^[1-9]\d{0,15}$/;

export function parseRecordQuery(params: URLSearchParams): RecordQuery {
  const notices: string[] = [];
  const filters: RecordFilters = {};
  const kind = params.get("type");
  if (kind) {
    if (kind in LEDGER_KINDS) filters.kind = kind;
    else notices.push("Le type d'échange demandé n'existe pas : tous les types sont affichés.");
  }
  const supplier = params.get("entreprise");
  if (supplier) {
    if (ID.test(supplier)) filters.supplierOrganizationId = supplier;
    else notices.push("L'entreprise demandée n'existe pas : toutes les entreprises sont affichées.");
  }
  for (const [name, key, label] of [
    ["du", "from", "de début"],
    ["au", "to", "de fin"],
  ] as const) {
    const value = params.get(name);
    if (!value) continue;
    if (isIsoDate(value)) filters[key] = value;
    else notices.push(`La date ${label} n'est pas une date valable : elle a été ignorée.`);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    notices.push("La date de début était après la date de fin : elles ont été inversées.");
    [filters.from, filters.to] = [filters.to, filters.from];
  }
  let cursor: RecordCursor | undefined;
  const after = params.get("apres");
  const before = params.get("avant");
  if (after && SEQUENCE.test(after)) cursor = { after: Number(after) };
  else if (before === "fin") cursor = { before: "end" };
  else if (before && SEQUENCE.test(before)) cursor = { before: Number(before) };
  return { filters, cursor, notices };
}

/** The query string of the record page for these filters and cursor ("" when there is none). */
export function recordSearch(filters: RecordFilters, cursor?: RecordCursor): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set("type", filters.kind);
  if (filters.supplierOrganizationId) params.set("entreprise", filters.supplierOrganizationId);
  if (filters.from) params.set("du", filters.from);
  if (filters.to) params.set("au", filters.to);
  if (cursor && "after" in cursor) params.set("apres", String(cursor.after));
  if (cursor && "before" in cursor) params.set("avant", cursor.before === "end" ? "fin" : String(cursor.before));
  const search = params.toString();
  return search ? `?${search}` : "";
}
