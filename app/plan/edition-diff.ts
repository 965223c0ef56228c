// What changed between two editions of a buyer's semester plan (pure).
//
// Items are matched by plannedProcurementId. An item of the current edition that was not in the
// previous one is "added"; one that is no longer there is "withdrawn" (abandoned, back to draft,
// or moved to another semester); one whose expected publication date changed is "moved" (with the
// other fields that changed, if any); one with other changes only is "modified". The four lists
// are disjoint, and with `unchanged` they count every item of both editions once.
import type { PlanEditionItem } from "~/generated/prisma/client";

/** The fields of an edition item that readers see, as stored in PlanEditionItem. */
/** An edition item's published fields (lots as canonical JSON of { number, title, description }). */
export type EditionItemData = Omit<PlanEditionItem, "id" | "editionId">;

export type ComparedField = Exclude<keyof EditionItemData, "plannedProcurementId" | "organizationId">;

/**
 * French labels of the compared fields, in the order a change list reads them. cpvDivision follows
 * from cpvCode, so it shares its label (a change is listed once).
 */
export const EDITION_FIELD_LABELS: Record<ComparedField, string> = {
  title: "Intitulé",
  reference: "Référence",
  need: "Description du besoin",
  category: "Catégorie",
  cpvCode: "Code CPV",
  cpvDivision: "Code CPV",
  valueBand: "Montant estimé",
  lots: "Lots",
  procedure: "Procédure envisagée",
  reserved: "Marché réservé",
  socialConsideration: "Considération sociale",
  environmentalConsideration: "Considération environnementale",
  expectedPublicationDate: "Date de publication prévue",
  publicationJustification: "Justification de la date de publication",
  responseDeadline: "Date limite de réponse",
  deadlineJustification: "Justification de la date limite de réponse",
  contractStart: "Début du contrat",
  contractDurationMonths: "Durée du contrat",
  contactName: "Contact",
  contactEmail: "Adresse électronique du contact",
  status: "État d'avancement",
  buyerProfileUrl: "Lien vers la consultation",
  departement: "Département",
  region: "Région",
};

const COMPARED_FIELDS = Object.keys(EDITION_FIELD_LABELS) as ComparedField[];

export interface MovedItem<T extends EditionItemData> {
  item: T;
  previous: T;
  from: string;
  to: string;
  /** Labels of the other fields that changed too (empty when only the date moved). */
  fields: string[];
}

export interface ModifiedItem<T extends EditionItemData> {
  item: T;
  previous: T;
  /** French labels of the changed fields, without duplicates. */
  fields: string[];
}

export interface EditionDiff<T extends EditionItemData = EditionItemData> {
  added: T[];
  moved: MovedItem<T>[];
  withdrawn: T[];
  modified: ModifiedItem<T>[];
  unchanged: number;
}

export interface EditionDiffCounts {
  added: number;
  moved: number;
  withdrawn: number;
  modified: number;
  unchanged: number;
}

/** Labels of the fields (other than `except`) whose values differ. */
export function changedFieldLabels(
  previous: EditionItemData,
  current: EditionItemData,
  except: ComparedField[] = [],
): string[] {
  const labels: string[] = [];
  for (const field of COMPARED_FIELDS) {
    if (except.includes(field)) continue;
    if ((previous[field] ?? null) !== (current[field] ?? null)) {
      const label = EDITION_FIELD_LABELS[field];
      if (!labels.includes(label)) labels.push(label);
    }
  }
  return labels;
}

function byDateThenTitle(a: EditionItemData, b: EditionItemData): number {
  return (
    a.expectedPublicationDate.localeCompare(b.expectedPublicationDate) ||
    a.title.localeCompare(b.title, "fr") ||
    a.plannedProcurementId.localeCompare(b.plannedProcurementId)
  );
}

export function diffEditions<T extends EditionItemData>(
  previousItems: readonly T[],
  currentItems: readonly T[],
): EditionDiff<T> {
  const previousById = new Map(previousItems.map((item) => [item.plannedProcurementId, item]));
  const currentIds = new Set(currentItems.map((item) => item.plannedProcurementId));
  const diff: EditionDiff<T> = { added: [], moved: [], withdrawn: [], modified: [], unchanged: 0 };
  for (const item of [...currentItems].sort(byDateThenTitle)) {
    const previous = previousById.get(item.plannedProcurementId);
    if (!previous) {
      diff.added.push(item);
    } else if (previous.expectedPublicationDate !== item.expectedPublicationDate) {
      diff.moved.push({
        item,
        previous,
        from: previous.expectedPublicationDate,
        to: item.expectedPublicationDate,
        fields: changedFieldLabels(previous, item, ["expectedPublicationDate"]),
      });
    } else {
      const fields = changedFieldLabels(previous, item);
      if (fields.length > 0) diff.modified.push({ item, previous, fields });
      else diff.unchanged++;
    }
  }
  diff.withdrawn = previousItems.filter((item) => !currentIds.has(item.plannedProcurementId)).sort(byDateThenTitle);
  return diff;
}

export function diffCounts(diff: EditionDiff<EditionItemData>): EditionDiffCounts {
  return {
    added: diff.added.length,
    moved: diff.moved.length,
    withdrawn: diff.withdrawn.length,
    modified: diff.modified.length,
    unchanged: diff.unchanged,
  };
}

/** Whether the diff reports any change at all. */
export function hasChanges(diff: EditionDiff<EditionItemData>): boolean {
  return diff.added.length + diff.moved.length + diff.withdrawn.length + diff.modified.length > 0;
}

/** "2 ajoutés, 1 déplacé, 1 retiré" (only the non-zero counts), or "aucun changement". */
export function diffSummaryFr(counts: EditionDiffCounts): string {
  const parts: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;
  if (counts.added) parts.push(plural(counts.added, "ajouté"));
  if (counts.moved) parts.push(plural(counts.moved, "déplacé"));
  if (counts.modified) parts.push(plural(counts.modified, "modifié"));
  if (counts.withdrawn) parts.push(plural(counts.withdrawn, "retiré"));
  return parts.length ? parts.join(", ") : "aucun changement";
}
