// The matching rule of supplier alerts: examples, then properties (fast-check) that state the rule
// itself: an item matches an alert if and only if every criterion the alert sets holds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileAlert,
  hasAnyCriterion,
  indexItems,
  matchesAlert,
  matchingItems,
  NO_CRITERIA,
  normalizeText,
  prepareItem,
  type AlertCriteria,
  type AlertItem,
} from "~/alerts/matching";
import { CPV_DIVISIONS } from "~/plan/cpv";
import { DEPARTEMENT_CODES } from "~/territory/departements";
import { regionCodeOf, REGIONS } from "~/territory/regions";

const ITEM: AlertItem = {
  cpvDivisions: ["45"],
  departement: "69",
  region: "84",
  categories: ["travaux"],
  reserved: false,
  environmental: true,
  social: false,
  text: "Rénovation des menuiseries de l'École Jean-Moulin — Métropole Rhône-Confluence",
};

describe("matching, by example", () => {
  it("matches everything when no criterion is set", () => {
    expect(hasAnyCriterion(NO_CRITERIA)).toBe(false);
    expect(matchesAlert(NO_CRITERIA, ITEM)).toBe(true);
  });

  it("needs every set criterion", () => {
    expect(matchesAlert({ ...NO_CRITERIA, cpvDivisions: ["45", "71"], departements: ["69"] }, ITEM)).toBe(true);
    expect(matchesAlert({ ...NO_CRITERIA, cpvDivisions: ["45"], departements: ["01"] }, ITEM)).toBe(false);
    expect(matchesAlert({ ...NO_CRITERIA, categories: ["services"] }, ITEM)).toBe(false);
    expect(matchesAlert({ ...NO_CRITERIA, environmental: true }, ITEM)).toBe(true);
    expect(matchesAlert({ ...NO_CRITERIA, environmental: true, social: true }, ITEM)).toBe(false);
    expect(matchesAlert({ ...NO_CRITERIA, reservedOnly: true }, ITEM)).toBe(false);
  });

  it("takes départements and régions together as one territory", () => {
    expect(matchesAlert({ ...NO_CRITERIA, departements: ["01"], regions: ["84"] }, ITEM)).toBe(true);
    expect(matchesAlert({ ...NO_CRITERIA, departements: ["69"], regions: ["11"] }, ITEM)).toBe(true);
    expect(matchesAlert({ ...NO_CRITERIA, departements: ["01"], regions: ["11"] }, ITEM)).toBe(false);
  });

  it("finds keywords at the start of a word, whatever the case and accents", () => {
    const keyword = (keywords: string[]) => matchesAlert({ ...NO_CRITERIA, keywords }, ITEM);
    expect(keyword(["menuiser"])).toBe(true);
    expect(keyword(["ECOLE"])).toBe(true);
    expect(keyword(["école jean"])).toBe(true);
    expect(keyword(["rhone confluence"])).toBe(true);
    expect(keyword(["uiserie"])).toBe(false);
    expect(keyword(["peinture", "moulin"])).toBe(true);
    expect(keyword(["peinture", "plomberie"])).toBe(false);
  });

  it("normalises text: lower case, no accents or ligatures, one space between words", () => {
    expect(normalizeText("L'Œuvre  d'ÉTÉ — n°2")).toBe("l oeuvre d ete n 2");
  });
});

// ---- properties ------------------------------------------------------------------------------------

const divisions = Object.keys(CPV_DIVISIONS);
const categories = ["travaux", "fournitures", "services"];
const words = ["menuiserie", "école", "bois", "Espaces verts", "nettoyage", "toiture", "repas", "numérique"];

const itemArb: fc.Arbitrary<AlertItem> = fc
  .record({
    cpvDivisions: fc.uniqueArray(fc.constantFrom(...divisions), { maxLength: 3 }),
    departement: fc.constantFrom(...DEPARTEMENT_CODES),
    categories: fc.uniqueArray(fc.constantFrom(...categories), { maxLength: 2 }),
    reserved: fc.boolean(),
    environmental: fc.boolean(),
    social: fc.boolean(),
    words: fc.array(fc.constantFrom(...words, "Lyon", "mairie", "travaux"), { maxLength: 6 }),
  })
  .map(({ words: text, ...item }) => ({ ...item, region: regionCodeOf(item.departement), text: text.join(" ") }));

const criteriaArb: fc.Arbitrary<AlertCriteria> = fc.record({
  cpvDivisions: fc.uniqueArray(fc.constantFrom(...divisions), { maxLength: 3 }),
  departements: fc.uniqueArray(fc.constantFrom(...DEPARTEMENT_CODES), { maxLength: 3 }),
  regions: fc.uniqueArray(fc.constantFrom(...REGIONS.map((region) => region.code)), { maxLength: 2 }),
  categories: fc.uniqueArray(fc.constantFrom(...categories), { maxLength: 2 }),
  reservedOnly: fc.boolean(),
  environmental: fc.boolean(),
  social: fc.boolean(),
  keywords: fc.uniqueArray(fc.constantFrom(...words.map((word) => word.toUpperCase()), "bo", "verts"), {
    maxLength: 2,
  }),
});

/** The rule written the plain way, criterion by criterion, independently of the implementation. */
function eachSetCriterionHolds(criteria: AlertCriteria, item: AlertItem): boolean {
  const checks: boolean[] = [];
  if (criteria.cpvDivisions.length) checks.push(item.cpvDivisions.some((d) => criteria.cpvDivisions.includes(d)));
  if (criteria.departements.length || criteria.regions.length)
    checks.push(criteria.departements.includes(item.departement) || criteria.regions.includes(item.region));
  if (criteria.categories.length) checks.push(item.categories.some((c) => criteria.categories.includes(c)));
  if (criteria.reservedOnly) checks.push(item.reserved);
  if (criteria.environmental) checks.push(item.environmental);
  if (criteria.social) checks.push(item.social);
  if (criteria.keywords.length) {
    const itemWords = normalizeText(item.text).split(" ");
    checks.push(
      criteria.keywords.some((keyword) => {
        const wanted = normalizeText(keyword).split(" ");
        return itemWords.some((_, start) =>
          wanted.every((word, offset) =>
            offset === wanted.length - 1
              ? (itemWords[start + offset] ?? "").startsWith(word)
              : itemWords[start + offset] === word,
          ),
        );
      }),
    );
  }
  return checks.every(Boolean);
}

describe("matching, as properties", () => {
  it("an item matches an alert if and only if each set criterion holds", () => {
    fc.assert(
      fc.property(criteriaArb, itemArb, (criteria, item) => {
        expect(matchesAlert(criteria, item)).toBe(eachSetCriterionHolds(criteria, item));
      }),
      { numRuns: 2_000 },
    );
  });

  it("a compiled alert gives the same answer as matchesAlert on every item", () => {
    fc.assert(
      fc.property(criteriaArb, fc.array(itemArb, { maxLength: 20 }), (criteria, items) => {
        const test = compileAlert(criteria);
        for (const item of items) expect(test(prepareItem(item))).toBe(matchesAlert(criteria, item));
      }),
    );
  });

  it("setting one more criterion never adds a match", () => {
    fc.assert(
      fc.property(criteriaArb, criteriaArb, itemArb, (criteria, extra, item) => {
        const narrower: AlertCriteria = {
          cpvDivisions: criteria.cpvDivisions.length ? criteria.cpvDivisions : extra.cpvDivisions,
          departements:
            criteria.departements.length || criteria.regions.length ? criteria.departements : extra.departements,
          regions: criteria.departements.length || criteria.regions.length ? criteria.regions : extra.regions,
          categories: criteria.categories.length ? criteria.categories : extra.categories,
          reservedOnly: criteria.reservedOnly || extra.reservedOnly,
          environmental: criteria.environmental || extra.environmental,
          social: criteria.social || extra.social,
          keywords: criteria.keywords.length ? criteria.keywords : extra.keywords,
        };
        if (matchesAlert(narrower, item)) expect(matchesAlert(criteria, item)).toBe(true);
      }),
    );
  });

  it("an item with exactly the alert's values in each set criterion matches it", () => {
    fc.assert(
      fc.property(criteriaArb, (criteria) => {
        const departement = criteria.departements[0] ?? "69";
        const item: AlertItem = {
          cpvDivisions: criteria.cpvDivisions.slice(0, 1),
          departement,
          region: criteria.departements.length ? regionCodeOf(departement) : (criteria.regions[0] ?? "84"),
          categories: criteria.categories.slice(0, 1),
          reserved: criteria.reservedOnly,
          environmental: criteria.environmental,
          social: criteria.social,
          text: criteria.keywords.join(" "),
        };
        expect(matchesAlert(criteria, item)).toBe(true);
      }),
    );
  });
});

describe("the item index", () => {
  it("finds exactly the items a plain filter finds, in the same order", () => {
    fc.assert(
      fc.property(criteriaArb, fc.array(itemArb, { maxLength: 40 }), (criteria, items) => {
        const expected = items.filter((item) => matchesAlert(criteria, item));
        expect(matchingItems(indexItems(items), criteria)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
