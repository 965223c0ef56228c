// The public plan's query-string filters (pure): valid values are read, invalid ones are ignored
// with a French notice, and the canonical query string round-trips.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FILTERS,
  describeSelection,
  filtersToSearchParams,
  hasSelection,
  parsePlanFilters,
  planQuerySchema,
  planSearch,
} from "~/plan/filters";

describe("parsePlanFilters", () => {
  it("reads every filter", () => {
    const { filters, notices } = parsePlanFilters(
      "semestre=2027-s1&departement=69&region=84&acheteur=Metropole-Rhone&categorie=Travaux&cpv=45&reserve=1&consideration=environnementale&tri=titre&ordre=desc&page=3",
    );
    expect(notices).toEqual([]);
    expect(filters).toEqual({
      semestre: { year: 2027, half: 1 },
      departement: "69",
      region: "84",
      acheteur: "metropole-rhone",
      categorie: "travaux",
      cpv: "45",
      reserve: true,
      consideration: "environnementale",
      tri: "titre",
      ordre: "desc",
      page: 3,
    });
  });

  it("has defaults: no filter, by date ascending, first page", () => {
    expect(parsePlanFilters("")).toEqual({ filters: DEFAULT_FILTERS, notices: [] });
    expect(parsePlanFilters("semestre=&departement=&page=")).toEqual({ filters: DEFAULT_FILTERS, notices: [] });
  });

  it("normalises département codes (2a → 2A) and accepts overseas ones", () => {
    expect(parsePlanFilters("departement=2a").filters.departement).toBe("2A");
    expect(parsePlanFilters("departement=974").filters.departement).toBe("974");
  });

  it("ignores invalid values with a French notice each, never throws", () => {
    const { filters, notices } = parsePlanFilters(
      "semestre=2027-S3&departement=99&region=00&acheteur=<script>&categorie=jardinage&cpv=4&reserve=peut-etre&consideration=economique&tri=prix&ordre=haut&page=-2",
    );
    expect(filters).toEqual(DEFAULT_FILTERS);
    expect(notices).toHaveLength(11);
    expect(notices[0]).toBe(
      "Semestre « 2027-S3 » ignoré : le semestre s'écrit comme 2027-S1 (janvier à juin) ou 2027-S2 (juillet à décembre).",
    );
    expect(notices).toContain("Département « 99 » ignoré : ce département n'existe pas.");
    expect(notices).toContain(
      "Division CPV « 4 » ignoré : une division CPV s'écrit avec les deux premiers chiffres du code, par exemple 45 pour les travaux de construction.",
    );
    expect(notices).toContain("Page « -2 » ignoré : le numéro de page commence à 1.");
    for (const notice of notices) expect(notice).toMatch(/ignoré : .+\.$/);
  });

  it("rejects a CPV division that does not exist, and pages that are not whole numbers", () => {
    expect(parsePlanFilters("cpv=99").notices).toEqual([
      "Division CPV « 99 » ignoré : cette division CPV n'existe pas.",
    ]);
    expect(parsePlanFilters("page=2.5").filters.page).toBe(1);
    expect(parsePlanFilters("page=abc").notices).toEqual([
      "Page « abc » ignoré : le numéro de page doit être un nombre entier.",
    ]);
    expect(parsePlanFilters("page=99999999").filters.page).toBe(1);
  });

  it("keeps valid filters next to invalid ones", () => {
    const { filters, notices } = parsePlanFilters("departement=80&cpv=zz&reserve=oui");
    expect(filters).toMatchObject({ departement: "80", reserve: true });
    expect(filters.cpv).toBeUndefined();
    expect(notices).toHaveLength(1);
  });

  it("warns when the département is not in the région (both filters kept: nothing matches)", () => {
    const { filters, notices } = parsePlanFilters("departement=69&region=32");
    expect(filters).toMatchObject({ departement: "69", region: "32" });
    expect(notices).toEqual([
      "Le département 69 — Rhône n'appartient pas à la région Hauts-de-France : aucun achat ne peut correspondre aux deux.",
    ]);
  });

  it("shortens long invalid values in notices", () => {
    const { notices } = parsePlanFilters(`acheteur=${"x".repeat(300)}`);
    expect(notices[0]!.length).toBeLessThan(200);
  });

  it("takes the last value of a repeated parameter (checkbox plus hidden field)", () => {
    expect(parsePlanFilters("reserve=0&reserve=1").filters.reserve).toBe(true);
  });

  it("ignores unknown parameters silently", () => {
    expect(parsePlanFilters("utm_source=lettre&mois=2027-03")).toEqual({ filters: DEFAULT_FILTERS, notices: [] });
  });
});

describe("canonical query strings", () => {
  it("round-trips and leaves out defaults", () => {
    const query =
      "semestre=2027-S2&region=32&departement=80&acheteur=agglo&categorie=services&cpv=90&reserve=1&consideration=sociale&tri=acheteur&ordre=desc&page=2";
    const { filters } = parsePlanFilters(query);
    expect(filtersToSearchParams(filters).toString()).toBe(query);
    expect(parsePlanFilters(filtersToSearchParams(filters)).filters).toEqual(filters);
    expect(filtersToSearchParams(DEFAULT_FILTERS).toString()).toBe("");
  });

  it("builds links: changes, selection only (feeds), empty", () => {
    const { filters } = parsePlanFilters("departement=69&tri=titre&page=4");
    expect(planSearch(filters, { page: 5 })).toBe("?departement=69&tri=titre&page=5");
    expect(planSearch(filters, {}, { only: "selection" })).toBe("?departement=69");
    expect(planSearch(DEFAULT_FILTERS)).toBe("");
    expect(hasSelection(filters)).toBe(true);
    expect(hasSelection({ ...DEFAULT_FILTERS, tri: "titre" })).toBe(false);
  });

  it("describes the selection in French", () => {
    const { filters } = parsePlanFilters(
      "semestre=2027-S1&departement=69&categorie=travaux&reserve=1&consideration=sociale&cpv=45",
    );
    expect(describeSelection(filters)).toEqual([
      "1er semestre 2027",
      "Département 69 — Rhône",
      "Travaux",
      "CPV 45 – Travaux de construction",
      "Marchés réservés uniquement",
      "Avec une considération sociale",
    ]);
  });

  it("exposes the whole query-string schema", () => {
    expect(planQuerySchema.safeParse({ semestre: "2027-S1", page: "2" })).toMatchObject({
      success: true,
      data: { semestre: { year: 2027, half: 1 }, page: 2 },
    });
    expect(planQuerySchema.safeParse({ categorie: "autre" }).success).toBe(false);
  });
});
