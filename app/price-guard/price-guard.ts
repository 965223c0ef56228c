// The price guard: sourcing informs the buyer about a market; it must never become a negotiation
// of prices or contract terms with some suppliers before the tender (equal treatment, Code de la
// commande publique art. R.2111-1). This pure rule scans texts a buyer is about to send to
// suppliers (questionnaires, help texts, meeting notes) and reports what looks like such a
// negotiation. A finding does not forbid publication: the buyer may go on with a written
// justification, which is kept on the ledger.

export type PriceGuardRule = "price" | "rebate" | "payment_terms" | "negotiation" | "amount";

export interface GuardedText {
  /** Stable identifier of the text (form field name or question id), to show the finding next to it. */
  field: string;
  /** What the buyer calls that text, in French ("Question 3", "Introduction"). */
  label: string;
  text: string;
}

export interface PriceGuardFinding {
  field: string;
  label: string;
  rule: PriceGuardRule;
  /** The words that matched, as written. */
  match: string;
  /** The match with some context around it, as written. */
  excerpt: string;
}

export const PRICE_GUARD_RULE_LABELS: Record<PriceGuardRule, string> = {
  price: "Demande de prix ou de tarif",
  rebate: "Remise, rabais ou geste commercial",
  payment_terms: "Conditions de paiement ou clauses du futur contrat",
  negotiation: "Proposition de négociation",
  amount: "Montant en euros",
};

/** Why the guard exists, for the buyer who meets it (shown above the findings). */
export const PRICE_GUARD_EXPLANATION =
  "Pendant le sourcing, l’acheteur s’informe sur le marché : il ne négocie ni les prix ni les conditions du futur contrat. " +
  "Demander un prix, une remise ou des conditions de paiement à quelques entreprises avant la consultation peut les avantager " +
  "ou désavantager les autres, et fragiliser toute la procédure.";

/** What the buyer may ask instead. */
export const PRICE_GUARD_ALTERNATIVE =
  "Vous pouvez en revanche interroger le marché sur la façon dont les coûts se forment en général : principaux postes de dépense, " +
  "effet des quantités ou des délais, évolution du prix des matières premières, pratiques habituelles du secteur. " +
  "Posez la question sur le secteur, pas sur l’offre de l’entreprise qui répond.";

interface Pattern {
  rule: PriceGuardRule;
  /** Matched against the text lower-cased and without accents (same length as the original). */
  regex: RegExp;
}

// Word boundaries are written as lookarounds on letters so that they work without accents.
const W = "(?<![a-z0-9])";
const E = "(?![a-z0-9])";

const PATTERNS: Pattern[] = [
  {
    rule: "price",
    regex: new RegExp(
      `${W}(?:vos|votre|ton|tes|quels? (?:sont|serai(?:en)?t|est)(?: vos| votre| les| le)?) (?:prix|tarifs?|tarification)${E}`,
      "g",
    ),
  },
  {
    rule: "price",
    regex: new RegExp(
      `${W}(?:prix|couts?) (?:unitaires?|horaires?|forfaitaires?|ht|ttc|au m[2²3]|par (?:unite|heure|jour|m[2²3]|repas|tonne|km))${E}`,
      "g",
    ),
  },
  {
    rule: "price",
    regex: new RegExp(
      `${W}(?:tarifs?|tarification|grille tarifaire|bareme|devis|chiffrage|chiffrer|cotation|bordereau de prix|bpu|dqe|detail quantitatif)${E}`,
      "g",
    ),
  },
  {
    rule: "price",
    regex: new RegExp(
      `${W}(?:montant|prix) (?:de|du|des) (?:votre offre|votre proposition|votre devis|l[’']offre|la proposition|la prestation|votre|vos)${E}`,
      "g",
    ),
  },
  {
    rule: "price",
    regex: new RegExp(
      `${W}(?:a quel prix|quel prix|combien (?:couterait|coute|facturez|factureriez|demandez|demanderiez)|indiquez (?:le|un|votre) prix|proposer un prix|prix propose)${E}`,
      "g",
    ),
  },
  {
    rule: "rebate",
    regex: new RegExp(
      `${W}(?:remises?(?! (?:des|de l[’']|de la|du) (?:offres?|plis?|candidatures?|dossiers?|propositions?|reponses?|prix de))|rabais|ristournes?|escomptes?|geste commercial|reduction de prix|reductions? tarifaires?|prix degressifs?|degressivite)${E}`,
      "g",
    ),
  },
  {
    rule: "payment_terms",
    regex: new RegExp(`${W}(?:conditions|delais?|modalites|echeancier) de (?:paiement|reglement|facturation)${E}`, "g"),
  },
  {
    rule: "payment_terms",
    regex: new RegExp(
      `${W}(?:penalites? de retard|revision des prix|clause de revision|avance forfaitaire|acomptes?|retenue de garantie)${E}`,
      "g",
    ),
  },
  {
    rule: "negotiation",
    regex: new RegExp(
      `${W}(?:negocier|negociation|negociable|meilleure offre|meilleur prix|accepteriez[- ]vous (?:de baisser|un prix|une remise|de reduire)|pourriez[- ]vous (?:baisser|reduire) (?:vos|votre|le))${E}`,
      "g",
    ),
  },
  { rule: "amount", regex: /(?<![a-z0-9])\d[\d\u00a0\u202f .,]*\s?(?:€|euros?(?![a-z])|eur(?![a-z])|k€|m€)/g },
  { rule: "amount", regex: /€\s?\d[\d\u00a0\u202f .,]*/g },
];

/** Lower-cases and removes accents while keeping every character at its place. */
function foldForMatching(text: string): string {
  let folded = "";
  for (const char of text) {
    const base = char
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
    // Characters that fold to something of another length (rare ligatures) keep their place.
    folded +=
      base.length === char.length ? base : char.toLowerCase().length === char.length ? char.toLowerCase() : char;
  }
  return folded;
}

const EXCERPT_CONTEXT = 40;

function excerptAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - EXCERPT_CONTEXT);
  const to = Math.min(text.length, end + EXCERPT_CONTEXT);
  return `${from > 0 ? "…" : ""}${text.slice(from, to).replace(/\s+/g, " ").trim()}${to < text.length ? "…" : ""}`;
}

/** Every passage of the given texts that looks like a price or contract-term negotiation. */
export function scanForPriceNegotiation(texts: readonly GuardedText[]): PriceGuardFinding[] {
  const findings: PriceGuardFinding[] = [];
  for (const { field, label, text } of texts) {
    if (!text) continue;
    const folded = foldForMatching(text);
    const taken: Array<[number, number]> = [];
    for (const { rule, regex } of PATTERNS) {
      regex.lastIndex = 0;
      for (const found of folded.matchAll(regex)) {
        const start = found.index;
        const end = start + found[0].trimEnd().length;
        if (taken.some(([a, b]) => start < b && end > a)) continue;
        taken.push([start, end]);
        findings.push({ field, label, rule, match: text.slice(start, end), excerpt: excerptAround(text, start, end) });
      }
    }
  }
  return findings;
}

/** Findings grouped by field, in the order the texts were given (to show them next to each field). */
export function findingsByField(findings: readonly PriceGuardFinding[]): Map<string, PriceGuardFinding[]> {
  const byField = new Map<string, PriceGuardFinding[]>();
  for (const finding of findings) {
    const list = byField.get(finding.field) ?? [];
    list.push(finding);
    byField.set(finding.field, list);
  }
  return byField;
}

/** The minimum length of a justification for publishing despite findings. */
export const GUARD_JUSTIFICATION_MIN_LENGTH = 20;
