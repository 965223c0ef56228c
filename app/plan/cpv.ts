// CPV codes (Common Procurement Vocabulary, Regulation (EC) 213/2008), pure.
//
// A CPV code is 8 digits, usually written with a check digit: "45210000-2". The check digit is
// not recomputed here: the formula published with the regulation does not reproduce the digits
// of the official list for most codes, so a "wrong" digit would mostly be our error, not the
// buyer's. We accept 8 digits with an optional "-d", ignore spaces and dots, and check that the
// first two digits name one of the 45 divisions, which catches most typing mistakes.

/** The 45 CPV divisions (first two digits) and their official French titles, shortened. */
export const CPV_DIVISIONS = {
  "03": "Produits agricoles, de l'élevage, de la pêche et de la sylviculture",
  "09": "Produits pétroliers, combustibles, électricité et autres sources d'énergie",
  "14": "Produits d'exploitation minière, métaux de base et produits connexes",
  "15": "Produits alimentaires, boissons, tabac et produits connexes",
  "16": "Machines agricoles",
  "18": "Vêtements, articles chaussants, bagages et accessoires",
  "19": "Cuir et textiles, matériaux en plastique et en caoutchouc",
  "22": "Imprimés et produits connexes",
  "24": "Produits chimiques",
  "30": "Machines de bureau et matériel informatique, sauf meubles et logiciels",
  "31": "Machines, appareils et consommables électriques ; éclairage",
  "32": "Équipements de radio, télévision, communication et télécommunication",
  "33": "Matériel médical, pharmaceutique et produits de soins personnels",
  "34": "Équipements de transport et produits auxiliaires pour le transport",
  "35": "Équipements de sécurité, de lutte contre l'incendie, de police et de défense",
  "37": "Instruments de musique, articles de sport, jeux, jouets et articles d'artisanat",
  "38": "Équipements de laboratoire, d'optique et de précision",
  "39": "Meubles, aménagements, électroménager et produits de nettoyage",
  "41": "Eau collectée et purifiée",
  "42": "Machines industrielles",
  "43": "Machines pour l'exploitation minière et les carrières, matériel de construction",
  "44": "Structures et matériaux de construction ; produits auxiliaires pour la construction",
  "45": "Travaux de construction",
  "48": "Logiciels et systèmes d'information",
  "50": "Services de réparation et d'entretien",
  "51": "Services d'installation (sauf logiciels)",
  "55": "Services d'hôtellerie, de restauration et de commerce au détail",
  "60": "Services de transport (sauf transport des déchets)",
  "63": "Services de transport complémentaires et auxiliaires ; agences de voyages",
  "64": "Services des postes et télécommunications",
  "65": "Services publics (eau, énergie)",
  "66": "Services financiers et d'assurance",
  "70": "Services immobiliers",
  "71": "Services d'architecture, de construction, d'ingénierie et d'inspection",
  "72": "Services informatiques : conseil, développement de logiciels, internet et appui",
  "73": "Services de recherche et développement et services de conseil connexes",
  "75": "Services de l'administration publique, de la défense et de la sécurité sociale",
  "76": "Services relatifs à l'industrie du pétrole et du gaz",
  "77": "Services agricoles, sylvicoles, horticoles, aquacoles et apicoles",
  "79": "Services aux entreprises : droit, marketing, conseil, recrutement, impression et sécurité",
  "80": "Services d'enseignement et de formation",
  "85": "Services de santé et services sociaux",
  "90": "Services d'assainissement, de gestion des déchets et services environnementaux",
  "92": "Services récréatifs, culturels et sportifs",
  "98": "Autres services communautaires, sociaux et personnels",
} as const;
export type CpvDivision = keyof typeof CPV_DIVISIONS;

export function isCpvDivision(value: unknown): value is CpvDivision {
  return typeof value === "string" && Object.hasOwn(CPV_DIVISIONS, value);
}

/** "45 – Travaux de construction", or the bare code when unknown. */
export function cpvDivisionLabel(division: string): string {
  return isCpvDivision(division) ? `${division} – ${CPV_DIVISIONS[division]}` : division;
}

const CPV_INPUT = /^(\d{8})(?:-(\d))?$/;

export type CpvParse = { ok: true; code: string; division: CpvDivision } | { ok: false; message: string };

/**
 * Reads a CPV code as typed ("45210000-2", "45 21 00 00 - 2", "45210000") and gives its normal
 * form: the 8 digits, then "-d" when a check digit was given.
 */
export function parseCpvCode(input: string): CpvParse {
  const compact = input.replace(/[\s.\u00a0]/g, "").replace(/[–—]/g, "-");
  const match = CPV_INPUT.exec(compact);
  if (!match) {
    return {
      ok: false,
      message: "Le code CPV s'écrit avec 8 chiffres, suivis si vous la connaissez de la clé : par exemple 45210000-2.",
    };
  }
  const division = match[1]!.slice(0, 2);
  if (!isCpvDivision(division)) {
    return {
      ok: false,
      message: `Aucune division du vocabulaire CPV ne commence par ${division}. Vérifiez les deux premiers chiffres.`,
    };
  }
  return { ok: true, code: match[2] === undefined ? match[1]! : `${match[1]}-${match[2]}`, division };
}

/** First two digits of a (valid) CPV code. */
export function cpvDivisionOf(code: string): string {
  return code.slice(0, 2);
}
