// /plan.csv: the plan as a spreadsheet that opens cleanly in French Excel: UTF-8 with a byte order
// mark (otherwise Excel reads Windows-1252 and breaks accents), ";" as separator (the French list
// separator), CRLF line ends, every field quoted, dates as JJ/MM/AAAA, French headers.
import { formatShortDateFr, instantToParisDate } from "~/calendar/dates";
import { departementLabel } from "~/territory/departements";
import { findRegion } from "~/territory/regions";
import { CATEGORIES, PROCEDURES, STATUSES, labelOf } from "../vocabulary";
import { itemUrl, reservedLabel, valueBandLabel, type FeedItem } from "./describe";

export const CSV_BOM = "\uFEFF";

const COLUMNS: { header: string; value: (item: FeedItem, origin: string) => string | number | null }[] = [
  { header: "Date de publication prévue", value: (item) => formatShortDateFr(item.expectedPublicationDate) },
  { header: "Intitulé", value: (item) => item.title },
  { header: "Acheteur", value: (item) => item.buyer.name },
  { header: "Département", value: (item) => departementLabel(item.departement) },
  { header: "Région", value: (item) => findRegion(item.region)?.name ?? item.region },
  { header: "Catégorie", value: (item) => labelOf(CATEGORIES, item.category) },
  { header: "Code CPV", value: (item) => item.cpvCode },
  { header: "Montant estimé", value: (item) => valueBandLabel(item.valueBand) },
  { header: "Procédure envisagée", value: (item) => labelOf(PROCEDURES, item.procedure) },
  { header: "Marché réservé", value: (item) => reservedLabel(item.reserved) },
  { header: "Considération sociale", value: (item) => item.socialConsideration },
  { header: "Considération environnementale", value: (item) => item.environmentalConsideration },
  { header: "Justification de la date de publication", value: (item) => item.publicationJustification },
  {
    header: "Date limite de réponse prévue",
    value: (item) => (item.responseDeadline ? formatShortDateFr(item.responseDeadline) : null),
  },
  { header: "Justification de la date limite", value: (item) => item.deadlineJustification },
  { header: "Début du contrat", value: (item) => (item.contractStart ? formatShortDateFr(item.contractStart) : null) },
  { header: "Durée du contrat (mois)", value: (item) => item.contractDurationMonths },
  { header: "Lots", value: (item) => item.lots.map((lot) => `${lot.number}. ${lot.title}`).join(" | ") },
  { header: "Statut", value: (item) => labelOf(STATUSES, item.status) },
  { header: "Besoin", value: (item) => item.need },
  { header: "Contact", value: (item) => item.contactName },
  { header: "Courriel du contact", value: (item) => item.contactEmail },
  { header: "Profil d'acheteur", value: (item) => item.buyerProfileUrl },
  { header: "Édition", value: (item) => `S${item.edition.half} ${item.edition.year} n° ${item.edition.number}` },
  { header: "Édition publiée le", value: (item) => formatShortDateFr(instantToParisDate(item.edition.publishedAt)) },
  { header: "Fiche", value: (item, origin) => itemUrl(origin, item) },
  { header: "Identifiant", value: (item) => item.plannedProcurementId },
];

export const CSV_HEADERS = COLUMNS.map((column) => column.header);

/**
 * One quoted field. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe, the usual guard against CSV injection.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/\r\n?/g, "\n").replaceAll('"', '""')}"`;
}

export function buildPlanCsv(items: readonly FeedItem[], origin: string): string {
  const lines = [COLUMNS.map((column) => csvField(column.header)).join(";")];
  for (const item of items) lines.push(COLUMNS.map((column) => csvField(column.value(item, origin))).join(";"));
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
