// Amont's demo dataset, as plain typed constants (no I/O). Every name below is fictional; the
// identifiers are made up but valid (Luhn), so they pass the same checks as real ones.
// prisma/seed.ts inserts this data; the README lists DEMO_ACCOUNTS.
import { completeLuhn } from "../app/organizations/identifiers";
import type { DepartementCode } from "../app/territory/departements";

/** Password of every demo account. DEMO ONLY: never load this dataset on a real deployment. */
export const DEMO_PASSWORD = "Amont-demo-2026!";

export type BuyerKind =
  "commune" | "intercommunalite" | "departement" | "region" | "hopital" | "bailleur_social" | "etat" | "autre";
export type SupplierSize = "TPE" | "PME" | "ETI" | "GE";
export type EssStatus = "none" | "ess" | "siae" | "ea_esat";
export type RelayKind = "cci" | "cma" | "cress" | "other";
export type MembershipRole = "admin" | "member";

interface OrganizationSeedBase {
  slug: string;
  name: string;
  departement: DepartementCode;
  /** Name of the fictional person who administers the organisation when no demo account does. */
  contactName: string;
}

export interface BuyerSeed extends OrganizationSeedBase {
  kind: "buyer";
  siren: string;
  buyerKind: BuyerKind;
}

export interface SupplierSeed extends OrganizationSeedBase {
  kind: "supplier";
  siret: string;
  nafCode: string;
  size: SupplierSize;
  essStatus: EssStatus;
}

export interface RelaySeed extends OrganizationSeedBase {
  kind: "relay";
  relayKind: RelayKind;
  /** Départements the relay follows (its own first). */
  territory: readonly DepartementCode[];
}

export type OrganizationSeed = BuyerSeed | SupplierSeed | RelaySeed;

export interface MembershipSeed {
  organizationSlug: string;
  role: MembershipRole;
}

export interface UserSeed {
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  memberships: readonly MembershipSeed[];
}

export interface DemoAccount extends UserSeed {
  /** What the account is for, in French (shown in the README and on the demo login page). */
  description: string;
}

/** A 9-digit SIREN from its first 8 digits (Luhn key appended). */
function siren(body: string): string {
  return completeLuhn(body);
}

/**
 * A 14-digit SIRET, deterministic for `n`: a SIREN built from `n` followed by a 5-digit NIC
 * (4 digits + Luhn key). The SIREN bodies stay clear of La Poste's (356000000).
 */
function siret(n: number, establishment = 1): string {
  const body = String(41_000_000 + ((n * 7_919_113) % 49_000_000));
  return completeLuhn(siren(body) + String(establishment).padStart(4, "0"));
}

// ---- buyers ------------------------------------------------------------------------------------

export const BUYERS = [
  {
    kind: "buyer",
    slug: "metropole-rhone-confluence",
    name: "Métropole Rhône-Confluence",
    departement: "69",
    siren: siren("24690087"),
    buyerKind: "intercommunalite",
    contactName: "Thomas Bernard",
  },
  {
    kind: "buyer",
    slug: "agglo-picardie-somme",
    name: "Communauté d'agglomération Picardie-Somme",
    departement: "80",
    siren: siren("24800213"),
    buyerKind: "intercommunalite",
    contactName: "Hélène Dumont",
  },
  {
    kind: "buyer",
    slug: "saint-aubin-de-garonne",
    name: "Commune de Saint-Aubin-de-Garonne",
    departement: "31",
    siren: siren("21310594"),
    buyerKind: "commune",
    contactName: "Patrick Sabatier",
  },
  {
    kind: "buyer",
    slug: "departement-haut-doubs",
    name: "Département du Haut-Doubs",
    departement: "25",
    siren: siren("22250003"),
    buyerKind: "departement",
    contactName: "Élodie Girardot",
  },
  {
    kind: "buyer",
    slug: "ch-intercommunal-ourcq",
    name: "Centre hospitalier intercommunal de l'Ourcq",
    departement: "93",
    siren: siren("26930128"),
    buyerKind: "hopital",
    contactName: "Karim Haddad",
  },
  {
    kind: "buyer",
    slug: "rhin-ill-habitat",
    name: "Rhin-Ill Habitat, office public de l'habitat de l'Eurométropole",
    departement: "67",
    siren: siren("27670049"),
    buyerKind: "bailleur_social",
    contactName: "Anne Schmitt",
  },
] as const satisfies readonly BuyerSeed[];

/**
 * A commune that has just registered and waits for a platform admin's verification, so that the
 * demo's /admin/organisations has a request to approve or refuse. Until then it publishes nothing.
 * Every buyer above is verified.
 */
export const PENDING_BUYERS = [
  {
    kind: "buyer",
    slug: "rivebois-sur-authie",
    name: "Commune de Rivebois-sur-Authie",
    departement: "80",
    siren: siren("21800799"),
    buyerKind: "commune",
    contactName: "Sandrine Lefebvre",
  },
] as const satisfies readonly BuyerSeed[];

// ---- suppliers ---------------------------------------------------------------------------------

export const SUPPLIERS = [
  // Rhône-Confluence (69) and its neighbours (01, 38, 42), zone A
  {
    kind: "supplier",
    slug: "menuiserie-perrin",
    name: "Menuiserie Perrin & Fils",
    departement: "69",
    siret: siret(1),
    nafCode: "43.32A",
    size: "PME",
    essStatus: "none",
    contactName: "Julien Perrin",
  },
  {
    kind: "supplier",
    slug: "jardins-de-la-confluence",
    name: "Les Jardins de la Confluence (atelier et chantier d'insertion)",
    departement: "69",
    siret: siret(2),
    nafCode: "81.30Z",
    size: "PME",
    essStatus: "siae",
    contactName: "Aïcha Diallo",
  },
  {
    kind: "supplier",
    slug: "interim-solidaire-rhone",
    name: "Intérim Solidaire du Rhône (ETTI)",
    departement: "69",
    siret: siret(3),
    nafCode: "78.20Z",
    size: "PME",
    essStatus: "siae",
    contactName: "Mathieu Royer",
  },
  {
    kind: "supplier",
    slug: "coursiers-confluence",
    name: "Coursiers de la Confluence, SCOP de cyclologistique",
    departement: "69",
    siret: siret(4),
    nafCode: "53.20Z",
    size: "TPE",
    essStatus: "ess",
    contactName: "Léa Fontaine",
  },
  {
    kind: "supplier",
    slug: "logiciels-civiques",
    name: "Logiciels Civiques",
    departement: "69",
    siret: siret(5),
    nafCode: "58.29C",
    size: "ETI",
    essStatus: "none",
    contactName: "Olivier Marchand",
  },
  {
    kind: "supplier",
    slug: "saveurs-du-plateau",
    name: "Saveurs du Plateau, restauration collective",
    departement: "69",
    siret: siret(6),
    nafCode: "56.29A",
    size: "PME",
    essStatus: "none",
    contactName: "Sandrine Blanc",
  },
  {
    kind: "supplier",
    slug: "batisseurs-val-de-saone",
    name: "Les Bâtisseurs du Val de Saône (SCOP)",
    departement: "01",
    siret: siret(7),
    nafCode: "41.20B",
    size: "PME",
    essStatus: "ess",
    contactName: "Franck Morel",
  },
  {
    kind: "supplier",
    slug: "electricite-garnier",
    name: "Électricité Garnier",
    departement: "38",
    siret: siret(8),
    nafCode: "43.21A",
    size: "TPE",
    essStatus: "none",
    contactName: "Damien Garnier",
  },
  {
    kind: "supplier",
    slug: "maconnerie-da-silva",
    name: "Maçonnerie Da Silva",
    departement: "38",
    siret: siret(9),
    nafCode: "43.99C",
    size: "TPE",
    essStatus: "none",
    contactName: "Paulo Da Silva",
  },
  {
    kind: "supplier",
    slug: "thermi-loire",
    name: "Thermi-Loire Génie climatique",
    departement: "42",
    siret: siret(10),
    nafCode: "43.22B",
    size: "PME",
    essStatus: "none",
    contactName: "Cédric Vial",
  },

  // Picardie-Somme (80) and its neighbours (02, 60), zone B
  {
    kind: "supplier",
    slug: "table-de-somme",
    name: "La Table de Somme, entreprise d'insertion",
    departement: "80",
    siret: siret(11),
    nafCode: "56.29A",
    size: "PME",
    essStatus: "siae",
    contactName: "Virginie Lefebvre",
  },
  {
    kind: "supplier",
    slug: "picardie-proprete",
    name: "Picardie Propreté Services",
    departement: "80",
    siret: siret(12),
    nafCode: "81.21Z",
    size: "PME",
    essStatus: "none",
    contactName: "Stéphane Caron",
  },
  {
    kind: "supplier",
    slug: "somme-paysages",
    name: "Somme Paysages",
    departement: "80",
    siret: siret(13),
    nafCode: "81.30Z",
    size: "TPE",
    essStatus: "none",
    contactName: "Bruno Lecomte",
  },
  {
    kind: "supplier",
    slug: "esat-ateliers-du-santerre",
    name: "ESAT Les Ateliers du Santerre",
    departement: "80",
    siret: siret(14),
    nafCode: "88.10C",
    size: "PME",
    essStatus: "ea_esat",
    contactName: "Isabelle Dufour",
  },
  {
    kind: "supplier",
    slug: "imprimerie-delval",
    name: "Imprimerie Delval",
    departement: "60",
    siret: siret(15),
    nafCode: "18.12Z",
    size: "TPE",
    essStatus: "none",
    contactName: "Michel Delval",
  },
  {
    kind: "supplier",
    slug: "autocars-lemaire",
    name: "Autocars Lemaire Voyageurs",
    departement: "02",
    siret: siret(16),
    nafCode: "49.39B",
    size: "PME",
    essStatus: "none",
    contactName: "Nathalie Lemaire",
  },

  // Saint-Aubin-de-Garonne (31) and the Hérault (34), zone C
  {
    kind: "supplier",
    slug: "garonne-terrassement",
    name: "Garonne Terrassement",
    departement: "31",
    siret: siret(17),
    nafCode: "43.12A",
    size: "PME",
    essStatus: "none",
    contactName: "Jean-Luc Castex",
  },
  {
    kind: "supplier",
    slug: "occitanie-numerique-scic",
    name: "Occitanie Numérique (SCIC)",
    departement: "31",
    siret: siret(18),
    nafCode: "62.01Z",
    size: "TPE",
    essStatus: "ess",
    contactName: "Inès Ferrand",
  },
  {
    kind: "supplier",
    slug: "structures-sud-ouest",
    name: "Bureau d'études Structures Sud-Ouest",
    departement: "31",
    siret: siret(19),
    nafCode: "71.12B",
    size: "PME",
    essStatus: "none",
    contactName: "Antoine Roques",
  },
  {
    kind: "supplier",
    slug: "adapt-bureautique",
    name: "Adapt'Bureautique, entreprise adaptée",
    departement: "34",
    siret: siret(20),
    nafCode: "82.19Z",
    size: "PME",
    essStatus: "ea_esat",
    contactName: "Samia Belkacem",
  },

  // Haut-Doubs (25), zone A
  {
    kind: "supplier",
    slug: "mobilier-comtois",
    name: "Mobilier Comtois",
    departement: "25",
    siret: siret(21),
    nafCode: "31.01Z",
    size: "PME",
    essStatus: "none",
    contactName: "Laurent Cuenot",
  },
  {
    kind: "supplier",
    slug: "charpentes-haut-doubs",
    name: "Charpentes du Haut-Doubs",
    departement: "25",
    siret: siret(22),
    nafCode: "16.23Z",
    size: "TPE",
    essStatus: "none",
    contactName: "Rémi Pourcelot",
  },
  {
    kind: "supplier",
    slug: "maraichers-du-doubs",
    name: "Coopérative des Maraîchers du Doubs",
    departement: "25",
    siret: siret(23),
    nafCode: "01.13Z",
    size: "TPE",
    essStatus: "ess",
    contactName: "Claire Jeunet",
  },

  // Ourcq (93), zone C
  {
    kind: "supplier",
    slug: "ourcq-nettoyage-insertion",
    name: "Ourcq Nettoyage Insertion",
    departement: "93",
    siret: siret(24),
    nafCode: "81.21Z",
    size: "PME",
    essStatus: "siae",
    contactName: "Moussa Traoré",
  },
  {
    kind: "supplier",
    slug: "blanchisserie-est-parisien",
    name: "Blanchisserie de l'Est parisien",
    departement: "93",
    siret: siret(25),
    nafCode: "96.01A",
    size: "PME",
    essStatus: "none",
    contactName: "Valérie Nguyen",
  },
  {
    kind: "supplier",
    slug: "datacase-informatique",
    name: "Datacase Informatique",
    departement: "93",
    siret: siret(26),
    nafCode: "62.02A",
    size: "PME",
    essStatus: "none",
    contactName: "Yann Le Goff",
  },

  // Alsace-Moselle (67, 68, 57), zone B
  {
    kind: "supplier",
    slug: "rhin-menuiseries-alu",
    name: "Rhin Menuiseries Alu",
    departement: "67",
    siret: siret(27),
    nafCode: "43.32B",
    size: "PME",
    essStatus: "none",
    contactName: "Marc Wagner",
  },
  {
    kind: "supplier",
    slug: "toitures-hoffmann",
    name: "Toitures Hoffmann",
    departement: "67",
    siret: siret(28),
    nafCode: "43.91B",
    size: "TPE",
    essStatus: "none",
    contactName: "Luc Hoffmann",
  },
  {
    kind: "supplier",
    slug: "alsace-reemploi",
    name: "Alsace Réemploi, ressourcerie (chantier d'insertion)",
    departement: "67",
    siret: siret(29),
    nafCode: "38.32Z",
    size: "TPE",
    essStatus: "siae",
    contactName: "Émilie Kieffer",
  },
  {
    kind: "supplier",
    slug: "atelier-ill-et-bruche",
    name: "Atelier d'architecture Ill & Bruche",
    departement: "67",
    siret: siret(30),
    nafCode: "71.11Z",
    size: "TPE",
    essStatus: "none",
    contactName: "Pierre Muller",
  },
  {
    kind: "supplier",
    slug: "autocars-wendling",
    name: "Autocars Wendling",
    departement: "68",
    siret: siret(31),
    nafCode: "49.39A",
    size: "PME",
    essStatus: "none",
    contactName: "Christine Wendling",
  },
  {
    kind: "supplier",
    slug: "moselle-peinture-finitions",
    name: "Moselle Peinture & Finitions",
    departement: "57",
    siret: siret(32),
    nafCode: "43.34Z",
    size: "TPE",
    essStatus: "none",
    contactName: "Nicolas Thiel",
  },
] as const satisfies readonly SupplierSeed[];

// ---- relays ------------------------------------------------------------------------------------

export const RELAYS = [
  {
    kind: "relay",
    slug: "cci-rhone-confluence",
    name: "CCI Rhône-Confluence",
    departement: "69",
    relayKind: "cci",
    territory: ["69", "01", "38", "42"],
    contactName: "Sophie Lambert",
  },
  {
    kind: "relay",
    slug: "cma-picardie-somme",
    name: "Chambre de métiers et de l'artisanat Picardie-Somme",
    departement: "80",
    relayKind: "cma",
    territory: ["80", "02", "60"],
    contactName: "Frédéric Vasseur",
  },
] as const satisfies readonly RelaySeed[];

export const ORGANIZATIONS: readonly OrganizationSeed[] = [...BUYERS, ...PENDING_BUYERS, ...SUPPLIERS, ...RELAYS];

// ---- accounts ----------------------------------------------------------------------------------

/** The accounts to try the portal with, one per kind of user. Password: DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = [
  {
    email: "admin@amont.test",
    name: "Camille Roux",
    isPlatformAdmin: true,
    memberships: [],
    description:
      "Administratrice de la plateforme : vérifie les acheteurs et les réseaux qui s'inscrivent (une commune attend), gère le calendrier des congés.",
  },
  {
    email: "acheteur@amont.test",
    name: "Thomas Bernard",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "metropole-rhone-confluence", role: "admin" }],
    description:
      "Acheteur, administrateur de la Métropole Rhône-Confluence (69, zone A) : programmation, sourcing, salons et webinaires, gestion des membres.",
  },
  {
    email: "acheteuse@amont.test",
    name: "Nadia Benali",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "agglo-picardie-somme", role: "member" }],
    description:
      "Acheteuse, membre de la Communauté d'agglomération Picardie-Somme (80, zone B) : programmation et sourcing, sans gestion des membres.",
  },
  {
    email: "fournisseur@amont.test",
    name: "Julien Perrin",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "menuiserie-perrin", role: "admin" }],
    description:
      "Fournisseur, administrateur de Menuiserie Perrin & Fils (PME, 69) : suit la programmation, répond aux questionnaires, réserve des créneaux.",
  },
  {
    email: "ess@amont.test",
    name: "Aïcha Diallo",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "jardins-de-la-confluence", role: "admin" }],
    description:
      "Structure d'insertion (SIAE), administratrice des Jardins de la Confluence (69) : voit les marchés réservés et répond au sourcing.",
  },
  {
    email: "cci@amont.test",
    name: "Sophie Lambert",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "cci-rhone-confluence", role: "admin" }],
    description:
      "Relais, administratrice de la CCI Rhône-Confluence (territoire 69, 01, 38, 42) : relaie la programmation des acheteurs et co-organise des événements.",
  },
] as const satisfies readonly DemoAccount[];

/** Organisations that a demo account already administers. */
const organizationsAdministeredByDemoAccounts = new Set<string>(
  DEMO_ACCOUNTS.flatMap((account) =>
    account.memberships.filter((m) => m.role === "admin").map((m) => m.organizationSlug),
  ),
);

/**
 * Colleagues who joined a supplier after its founder registered it (each one is a
 * "member joined" record in the exchange ledger). Password: DEMO_PASSWORD.
 */
export const TEAM_MEMBERS = [
  {
    email: "chiffrage@menuiserie-perrin.test",
    name: "Léa Perrin",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "menuiserie-perrin", role: "member" }],
  },
  {
    email: "coordination@jardins-de-la-confluence.test",
    name: "Bastien Ollivier",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "jardins-de-la-confluence", role: "member" }],
  },
  {
    email: "marches@table-de-somme.test",
    name: "Kevin Delattre",
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: "table-de-somme", role: "admin" }],
  },
] as const satisfies readonly UserSeed[];

/**
 * Every user to create: the demo accounts, one fictional administrator (contact@<slug>.test) for
 * each organisation that no demo account administers, then the team members.
 */
export const SEED_USERS: readonly UserSeed[] = [
  ...DEMO_ACCOUNTS,
  ...ORGANIZATIONS.filter((org) => !organizationsAdministeredByDemoAccounts.has(org.slug)).map((org): UserSeed => ({
    email: `contact@${org.slug}.test`,
    name: org.contactName,
    isPlatformAdmin: false,
    memberships: [{ organizationSlug: org.slug, role: "admin" }],
  })),
  ...TEAM_MEMBERS,
];
