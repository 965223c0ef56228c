// Whether an item (a planned procurement, an open questionnaire, an event) matches a supplier's
// alert (pure). The rule, which the property tests state: an item matches an alert if and only if
// every criterion the alert sets holds; a criterion left empty (or unchecked) constrains nothing.
//
// - CPV divisions: one of the item's divisions is among the alert's.
// - Territory: the départements and the régions chosen form ONE criterion: the item is in one of
//   the départements or in one of the régions (someone who picks "69" and "Bourgogne-Franche-Comté"
//   wants both).
// - Categories: one of the item's categories (travaux, fournitures, services) is among the alert's.
// - Reserved contracts only / environmental / social consideration: the item has it.
// - Keywords: one of them appears in the item's text at the start of a word, ignoring case and
//   accents ("menuiser" finds "Menuiserie", "ecole" finds "l'École"); several words are a phrase.
//
// An event or a questionnaire may concern several procurements: it carries the union of their CPV
// divisions and categories, and "reserved", "environmental" or "social" when one of them is.

export interface AlertCriteria {
  cpvDivisions: readonly string[];
  departements: readonly string[];
  regions: readonly string[];
  categories: readonly string[];
  reservedOnly: boolean;
  environmental: boolean;
  social: boolean;
  keywords: readonly string[];
}

/** What matching reads of an item. */
export interface AlertItem {
  cpvDivisions: readonly string[];
  departement: string;
  region: string;
  categories: readonly string[];
  reserved: boolean;
  environmental: boolean;
  social: boolean;
  /** The words searched by keywords: title, description, buyer's name... */
  text: string;
}

export const NO_CRITERIA: AlertCriteria = {
  cpvDivisions: [],
  departements: [],
  regions: [],
  categories: [],
  reservedOnly: false,
  environmental: false,
  social: false,
  keywords: [],
};

/**
 * Lower case, without accents or ligatures, every run of characters other than letters and digits
 * turned into one space, trimmed: "L'Œuvre  d'ÉTÉ" → "l oeuvre d ete".
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The text as keywords search it: normalised, with a space on each side (so " kw" is a word start). */
export function searchableText(text: string): string {
  return ` ${normalizeText(text)} `;
}

/** Whether the criterion is set (the alert constrains it). */
export function setCriteria(criteria: AlertCriteria) {
  return {
    cpv: criteria.cpvDivisions.length > 0,
    territory: criteria.departements.length > 0 || criteria.regions.length > 0,
    category: criteria.categories.length > 0,
    reserved: criteria.reservedOnly,
    environmental: criteria.environmental,
    social: criteria.social,
    keywords: criteria.keywords.some((keyword) => normalizeText(keyword) !== ""),
  };
}

/** Whether the alert sets at least one criterion. */
export function hasAnyCriterion(criteria: AlertCriteria): boolean {
  return Object.values(setCriteria(criteria)).some(Boolean);
}

/** An item with its searchable text computed once, to be matched against many alerts. */
export interface PreparedItem<T extends AlertItem = AlertItem> {
  item: T;
  searchable: string;
}

export function prepareItem<T extends AlertItem>(item: T): PreparedItem<T> {
  return { item, searchable: searchableText(item.text) };
}

function intersects(values: readonly string[], wanted: ReadonlySet<string>): boolean {
  return values.some((value) => wanted.has(value));
}

/**
 * The alert as a test on prepared items: its lists turned into sets and its keywords normalised
 * once, so that matching thousands of alerts against thousands of items stays cheap.
 */
export function compileAlert(criteria: AlertCriteria): (prepared: PreparedItem) => boolean {
  const cpv = new Set(criteria.cpvDivisions);
  const departements = new Set(criteria.departements);
  const regions = new Set(criteria.regions);
  const categories = new Set(criteria.categories);
  const keywords = [...new Set(criteria.keywords.map(normalizeText).filter((keyword) => keyword !== ""))].map(
    (keyword) => ` ${keyword}`,
  );
  const territory = departements.size > 0 || regions.size > 0;
  return ({ item, searchable }) =>
    (cpv.size === 0 || intersects(item.cpvDivisions, cpv)) &&
    (!territory || departements.has(item.departement) || regions.has(item.region)) &&
    (categories.size === 0 || intersects(item.categories, categories)) &&
    (!criteria.reservedOnly || item.reserved) &&
    (!criteria.environmental || item.environmental) &&
    (!criteria.social || item.social) &&
    (keywords.length === 0 || keywords.some((keyword) => searchable.includes(keyword)));
}

/** One alert, one item. */
export function matchesAlert(criteria: AlertCriteria, item: AlertItem): boolean {
  return compileAlert(criteria)(prepareItem(item));
}

/**
 * Items indexed by CPV division, département and région, so that an alert that sets one of these
 * only looks at the items that can match it. The compiled test still checks every criterion: the
 * index only narrows the candidates (a superset of the matches), it never decides.
 */
export interface ItemIndex<T extends AlertItem = AlertItem> {
  all: readonly PreparedItem<T>[];
  byCpv: ReadonlyMap<string, readonly number[]>;
  byDepartement: ReadonlyMap<string, readonly number[]>;
  byRegion: ReadonlyMap<string, readonly number[]>;
}

function push(map: Map<string, number[]>, key: string, position: number) {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

export function indexItems<T extends AlertItem>(items: readonly T[]): ItemIndex<T> {
  const all = items.map(prepareItem);
  const byCpv = new Map<string, number[]>();
  const byDepartement = new Map<string, number[]>();
  const byRegion = new Map<string, number[]>();
  all.forEach(({ item }, position) => {
    for (const division of new Set(item.cpvDivisions)) push(byCpv, division, position);
    push(byDepartement, item.departement, position);
    push(byRegion, item.region, position);
  });
  return { all, byCpv, byDepartement, byRegion };
}

/** The positions of the candidates for `keys` in `map`, without duplicates, in item order. */
function union(map: ReadonlyMap<string, readonly number[]>, keys: readonly string[]): number[] {
  const positions = new Set<number>();
  for (const key of keys) for (const position of map.get(key) ?? []) positions.add(position);
  return [...positions].sort((a, b) => a - b);
}

/** The items that match the alert, in the index's order. */
export function matchingItems<T extends AlertItem>(index: ItemIndex<T>, criteria: AlertCriteria): T[] {
  const test = compileAlert(criteria);
  const candidateLists: number[][] = [];
  if (criteria.cpvDivisions.length) candidateLists.push(union(index.byCpv, criteria.cpvDivisions));
  if (criteria.departements.length || criteria.regions.length)
    candidateLists.push(
      [
        ...new Set([...union(index.byDepartement, criteria.departements), ...union(index.byRegion, criteria.regions)]),
      ].sort((a, b) => a - b),
    );
  const narrowest = candidateLists.sort((a, b) => a.length - b.length)[0];
  const candidates = narrowest ? narrowest.map((position) => index.all[position]!) : index.all;
  return candidates.filter(test).map((prepared) => prepared.item);
}
