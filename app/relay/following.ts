// What a relay follows and highlights, and what that selects (pure): the buyers it follows by name,
// and every buyer of the départements and régions it follows. Items of the plan are selected by
// their buyer; their département is the buyer's, copied into each edition item when published.
import type { Prisma } from "~/generated/prisma/client";
import { cpvDivisionLabel, cpvDivisionOf } from "~/plan/cpv";
import { CATEGORIES, labelOf } from "~/plan/vocabulary";
import { compareDepartementCodes, departementLabel } from "~/territory/departements";
import { findRegion } from "~/territory/regions";

export interface RelayFollowing {
  /** Départements followed (the relay's territory). */
  departements: readonly string[];
  /** Régions followed (INSEE codes), in full. */
  regions: readonly string[];
  /** Buyers followed by name, wherever they are. */
  buyerIds: readonly string[];
}

export interface RelayHighlights {
  categories: readonly string[];
  /** CPV divisions, two digits. */
  cpvDivisions: readonly string[];
}

/** Every département the relay covers: its own and those of the régions it follows, in the usual order. */
export function coveredDepartements(following: Pick<RelayFollowing, "departements" | "regions">): string[] {
  const codes = new Set(following.departements);
  for (const code of following.regions)
    for (const departement of findRegion(code)?.departements ?? []) codes.add(departement);
  return [...codes].sort(compareDepartementCodes);
}

/** Whether the relay follows nothing at all (its page then says so instead of showing the whole plan). */
export function followsNothing(following: RelayFollowing): boolean {
  return following.departements.length + following.regions.length + following.buyerIds.length === 0;
}

/** A key that is the same for two followings that select the same buyers (caches, entity tags). */
export function followingKey(following: RelayFollowing): string {
  return `d:${coveredDepartements(following).join(",")}|b:${[...following.buyerIds].sort().join(",")}`;
}

/** Nothing matches: Prisma reads an empty `in` as false. */
const NOTHING = { in: [] as string[] };

/** The edition items of the followed buyers and of the buyers of the covered départements. */
export function followedItemsWhere(following: RelayFollowing): Prisma.PlanEditionItemWhereInput {
  const departements = coveredDepartements(following);
  const or: Prisma.PlanEditionItemWhereInput[] = [];
  if (following.buyerIds.length) or.push({ organizationId: { in: [...following.buyerIds] } });
  if (departements.length) or.push({ departement: { in: departements } });
  return or.length ? { OR: or } : { organizationId: NOTHING };
}

/** The editions of the same buyers. */
export function followedEditionsWhere(following: RelayFollowing): Prisma.PlanEditionWhereInput {
  const departements = coveredDepartements(following);
  const or: Prisma.PlanEditionWhereInput[] = [];
  if (following.buyerIds.length) or.push({ organizationId: { in: [...following.buyerIds] } });
  if (departements.length) or.push({ organization: { departement: { in: departements } } });
  return or.length ? { OR: or } : { organizationId: NOTHING };
}

/** The mention of a highlighted item, on the relay's page, widget and newsletter. */
export const HIGHLIGHT_LABEL = "Mis en avant par le réseau";

/** Whether a planned procurement is in what the relay highlights (its category or its CPV division). */
export function isHighlighted(item: { category: string; cpvCode: string }, highlights: RelayHighlights): boolean {
  return highlights.categories.includes(item.category) || highlights.cpvDivisions.includes(cpvDivisionOf(item.cpvCode));
}

/** "Départements : 69 — Rhône, 01 — Ain ; régions : Hauts-de-France": what the relay covers, in French. */
export function describeFollowing(
  following: Pick<RelayFollowing, "departements" | "regions">,
  buyerNames: readonly string[],
): string[] {
  const parts: string[] = [];
  if (following.departements.length)
    parts.push(
      `${following.departements.length > 1 ? "les départements" : "le département"} ${following.departements.map(departementLabel).join(", ")}`,
    );
  if (following.regions.length)
    parts.push(
      `${following.regions.length > 1 ? "les régions" : "la région"} ${following.regions.map((code) => findRegion(code)?.name ?? code).join(", ")}`,
    );
  if (buyerNames.length)
    parts.push(`${buyerNames.length > 1 ? "les acheteurs" : "l'acheteur"} ${buyerNames.join(", ")}`);
  return parts;
}

/** "Travaux, CPV 45 — Travaux de construction": what the relay highlights, in French. */
export function describeHighlights(highlights: RelayHighlights): string[] {
  return [
    ...highlights.categories.map((category) => labelOf(CATEGORIES, category)),
    ...highlights.cpvDivisions.map((division) => `CPV ${cpvDivisionLabel(division)}`),
  ];
}
