// The events list's filters (kind, département or région, organiser, date range): reading them
// from the query string, writing them back and describing them in French. Pure, so that the page
// component can use them in the browser too.
import { z } from "zod";
import { formatShortDateFr, isIsoDate } from "~/calendar/dates";
import { departementLabel, isDepartementCode } from "~/territory/departements";
import { findRegion, isRegionCode, REGIONS } from "~/territory/regions";
import { EVENT_KINDS, isEventKind, type EventKind } from "./kinds";

export interface EventFilters {
  type?: EventKind;
  departement?: string;
  region?: string;
  /** The organiser's slug. */
  organisateur?: string;
  /** From this Paris day (default: today). */
  du?: string;
  au?: string;
}

const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(100);

/** The query-string parameters the events list reads (the page cache keys on these alone). */
export const EVENT_FILTER_PARAMETERS = ["type", "departement", "region", "organisateur", "du", "au"] as const;
export type EventFilterParameter = (typeof EVENT_FILTER_PARAMETERS)[number];

/** Reads the query string; a bad value is dropped with a French notice (a mistyped link still shows events). */
export function parseEventFilters(params: URLSearchParams): { filters: EventFilters; notices: string[] } {
  const filters: EventFilters = {};
  const notices: string[] = [];
  const value = (name: EventFilterParameter) => params.get(name)?.trim() || null;
  const type = value("type");
  if (type) {
    if (isEventKind(type)) filters.type = type;
    else
      notices.push(
        `Type « ${type.slice(0, 30)} » ignoré : choisissez salon inversé, webinaire ou réunion d'information.`,
      );
  }
  const departement = value("departement")?.toUpperCase();
  if (departement) {
    if (isDepartementCode(departement)) filters.departement = departement;
    else
      notices.push(
        `Département « ${departement.slice(0, 10)} » ignoré : il n'existe pas (par exemple 69 pour le Rhône).`,
      );
  }
  const region = value("region");
  if (region) {
    if (isRegionCode(region)) filters.region = region;
    else notices.push(`Région « ${String(region).slice(0, 10)} » ignorée : elle n'existe pas.`);
  }
  const organizer = value("organisateur");
  if (organizer) {
    const parsed = slugSchema.safeParse(organizer);
    if (parsed.success) filters.organisateur = parsed.data;
    else
      notices.push(
        "Organisateur ignoré : l'identifiant ne contient que des lettres sans accent, des chiffres et des tirets.",
      );
  }
  for (const name of ["du", "au"] as const) {
    const date = value(name);
    if (!date) continue;
    if (isIsoDate(date)) filters[name] = date;
    else notices.push(`Date « ${String(date).slice(0, 20)} » ignorée : écrivez-la comme 2027-01-14.`);
  }
  if (filters.du && filters.au && filters.au < filters.du) {
    notices.push("La date de fin venait avant la date de début : elle est ignorée.");
    delete filters.au;
  }
  return { filters, notices };
}

export function eventSearch(filters: EventFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function describeEventFilters(filters: EventFilters, organizerName?: string | null): string[] {
  const parts: string[] = [];
  if (filters.type) parts.push(EVENT_KINDS[filters.type]);
  if (filters.departement) parts.push(departementLabel(filters.departement));
  if (filters.region) parts.push(findRegion(filters.region)?.name ?? filters.region);
  if (filters.organisateur) parts.push(`organisé par ${organizerName ?? filters.organisateur}`);
  if (filters.du) parts.push(`à partir du ${formatShortDateFr(filters.du)}`);
  if (filters.au) parts.push(`jusqu'au ${formatShortDateFr(filters.au)}`);
  return parts;
}

export const REGION_OPTIONS = REGIONS.map((region) => ({ value: region.code, label: region.name }));
