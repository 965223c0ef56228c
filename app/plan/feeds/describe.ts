// Plain-French wording of a planned procurement shared by the feeds (pure).
import { formatShortDateFr } from "~/calendar/dates";
import { departementLabel } from "~/territory/departements";
import { CATEGORIES, PROCEDURES, RESERVED, STATUSES, VALUE_BANDS, labelOf } from "../vocabulary";
import type { PublicPlanItem } from "../public.server";

/** The fields the feeds read (a PublicPlanItem has them all). */
export type FeedItem = Omit<PublicPlanItem, "reference" | "cpvDivision" | "buyer" | "edition"> & {
  buyer: { slug: string; name: string; id: string; siren: string | null };
  edition: { id: string; year: number; half: 1 | 2; number: number; publishedAt: Date };
};

export function itemUrl(origin: string, item: Pick<FeedItem, "plannedProcurementId">): string {
  return `${origin}/plan/${encodeURIComponent(item.plannedProcurementId)}`;
}

/** "Marché réservé" line: who may answer. */
export function reservedLabel(reserved: string): string {
  return labelOf(RESERVED, reserved);
}

export function valueBandLabel(valueBand: string): string {
  return labelOf(VALUE_BANDS, valueBand);
}

/** The description of an item in a calendar event: who, what, how much, who may answer, and the link. */
export function eventDescription(item: FeedItem, url: string): string {
  const lines = [
    `Acheteur : ${item.buyer.name} (${departementLabel(item.departement)})`,
    `Catégorie : ${labelOf(CATEGORIES, item.category)} — code CPV ${item.cpvCode}`,
    `Montant estimé : ${valueBandLabel(item.valueBand)}`,
    `Qui peut répondre : ${reservedLabel(item.reserved)}`,
    `Procédure envisagée : ${labelOf(PROCEDURES, item.procedure)}`,
    `Statut : ${labelOf(STATUSES, item.status)}`,
  ];
  if (item.responseDeadline) lines.push(`Date limite de réponse prévue : ${formatShortDateFr(item.responseDeadline)}`);
  if (item.publicationJustification)
    lines.push(`Date en période de congés, justification de l'acheteur : ${item.publicationJustification}`);
  if (item.lots.length) lines.push(`Lots : ${item.lots.map((lot) => `${lot.number}. ${lot.title}`).join(" ; ")}`);
  lines.push("", item.need, "", `Fiche complète : ${url}`);
  return lines.join("\n");
}
