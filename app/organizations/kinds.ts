// The kinds of organisations and their categories, with the French labels users see.
export const ORGANIZATION_KINDS = {
  buyer: { label: "Acheteur public", slug: "acheteur" },
  supplier: { label: "Entreprise ou structure de l'ESS", slug: "fournisseur" },
  relay: { label: "Réseau d'accompagnement", slug: "relais" },
} as const;
export type OrganizationKind = keyof typeof ORGANIZATION_KINDS;

export function organizationKindFromSlug(slug: string | undefined): OrganizationKind | null {
  const entry = Object.entries(ORGANIZATION_KINDS).find(([, value]) => value.slug === slug);
  return entry ? (entry[0] as OrganizationKind) : null;
}

export const SUPPLIER_SIZES = {
  TPE: "TPE — moins de 10 salariés",
  PME: "PME — de 10 à 249 salariés",
  ETI: "ETI — de 250 à 4 999 salariés",
  GE: "Grande entreprise — 5 000 salariés ou plus",
} as const;

export const ESS_STATUSES = {
  none: "Aucun statut particulier",
  ess: "Entreprise de l'économie sociale et solidaire (ESS)",
  siae: "Structure d'insertion par l'activité économique (SIAE)",
  ea_esat: "Entreprise adaptée ou ESAT",
} as const;

export const BUYER_KINDS = {
  commune: "Commune",
  intercommunalite: "Intercommunalité (communauté de communes, d'agglomération, métropole)",
  departement: "Département",
  region: "Région",
  hopital: "Hôpital ou établissement de santé",
  bailleur_social: "Bailleur social",
  etat: "Service de l'État",
  autre: "Autre acheteur public",
} as const;

export const RELAY_KINDS = {
  cci: "Chambre de commerce et d'industrie (CCI)",
  cma: "Chambre de métiers et de l'artisanat (CMA)",
  cress: "Chambre régionale de l'ESS (CRESS)",
  other: "Autre réseau d'entreprises",
} as const;

export const MEMBER_ROLES = {
  admin: "Administrateur",
  member: "Membre",
} as const;
export type MemberRole = keyof typeof MEMBER_ROLES;

export { labelOf, optionsOf } from "~/ui/labels";
