// Pure rules of the forward plan: the form schema, CPV codes, the edition diff and hash.
import { describe, expect, it } from "vitest";
import { blockedPeriodSchema } from "~/plan/calendar-settings";
import { parseCpvCode } from "~/plan/cpv";
import { diffEditions, diffSummaryFr, EDITION_FIELD_LABELS, type EditionItemData } from "~/plan/edition-diff";
import { editionContentHash, lotsJson, parseEditionLots } from "~/plan/edition-snapshot";
import { plannedProcurementSchema } from "~/plan/schema";

const valid = {
  title: "Réfection de la toiture du gymnase",
  need: "Remplacer la couverture en fibrociment du gymnase municipal, environ 1 200 m², avec désamiantage.",
  category: "travaux",
  cpvCode: "45261210-9",
  valueBand: "215k_1m",
  procedure: "mapa",
  expectedPublicationDate: "2027-03-08",
  responseDeadline: "2027-04-09",
  contactName: "Claire Martin",
  contactEmail: "Claire.Martin@Exemple.fr",
};

function issues(input: Record<string, unknown>) {
  const result = plannedProcurementSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("planned procurement form schema", () => {
  it("accepts a complete procurement and fills the defaults", () => {
    const value = plannedProcurementSchema.parse(valid);
    expect(value).toMatchObject({
      reserved: "none",
      status: "planned",
      lots: [],
      contactEmail: "claire.martin@exemple.fr",
      cpvCode: "45261210-9",
    });
  });

  it("says in French what is missing", () => {
    const errors = issues({});
    expect(errors.title).toBe("Indiquez l'intitulé de l'achat.");
    expect(errors.need).toMatch(/Décrivez le besoin/);
    expect(errors.category).toBe("Choisissez travaux, fournitures ou services.");
    expect(errors.cpvCode).toMatch(/code CPV principal/);
    expect(errors.expectedPublicationDate).toMatch(/date de publication prévue/);
    expect(errors.contactEmail).toMatch(/adresse électronique du contact/);
  });

  it("reads dates typed as jj/mm/aaaa and refuses impossible ones", () => {
    expect(
      plannedProcurementSchema.parse({ ...valid, expectedPublicationDate: "8/3/2027" }).expectedPublicationDate,
    ).toBe("2027-03-08");
    expect(issues({ ...valid, expectedPublicationDate: "2027-02-30" }).expectedPublicationDate).toMatch(/n'existe pas/);
  });

  it("checks the order of the dates", () => {
    expect(issues({ ...valid, responseDeadline: "2027-03-08" }).responseDeadline).toMatch(
      /après la date de publication/,
    );
    expect(issues({ ...valid, contractStart: "2027-04-01" }).contractStart).toMatch(/avant la date limite de réponse/);
    expect(issues({ ...valid, responseDeadline: undefined, contractStart: "2027-03-01" }).contractStart).toMatch(
      /avant la publication/,
    );
  });

  it("requires the buyer-profile link once the consultation is published", () => {
    expect(issues({ ...valid, status: "published" }).buyerProfileUrl).toMatch(
      /lien vers elle sur votre profil d'acheteur/,
    );
    expect(issues({ ...valid, status: "published", buyerProfileUrl: "marches.exemple.fr" }).buyerProfileUrl).toMatch(
      /https:\/\//,
    );
    expect(
      plannedProcurementSchema.safeParse({
        ...valid,
        status: "published",
        buyerProfileUrl: "https://marches.exemple.fr/avis/123",
      }).success,
    ).toBe(true);
    expect(issues({ ...valid, status: "abandoned" }).status).toMatch(/état d'avancement/);
  });

  it("requires a title per lot and at most 20 lots", () => {
    expect(issues({ ...valid, lots: [{ title: "Couverture" }, { description: "sans titre" }] })["lots.1.title"]).toBe(
      "Donnez un intitulé à ce lot.",
    );
    const many = Array.from({ length: 21 }, (_, index) => ({ title: `Lot numéro ${index + 1}` }));
    expect(issues({ ...valid, lots: many }).lots).toMatch(/au plus 20 lots/);
  });

  it("checks the duration as a whole number of months", () => {
    expect(issues({ ...valid, contractDurationMonths: 0 }).contractDurationMonths).toMatch(/au moins 1 mois/);
    expect(issues({ ...valid, contractDurationMonths: 1.5 }).contractDurationMonths).toMatch(/nombre entier/);
  });
});

describe("CPV codes", () => {
  it("normalises what people type", () => {
    expect(parseCpvCode("45210000-2")).toEqual({ ok: true, code: "45210000-2", division: "45" });
    expect(parseCpvCode(" 45 21 00 00 – 2 ")).toEqual({ ok: true, code: "45210000-2", division: "45" });
    expect(parseCpvCode("90.91.00.00")).toEqual({ ok: true, code: "90910000", division: "90" });
  });

  it("refuses a wrong length or an unknown division, saying why", () => {
    expect(parseCpvCode("4521000")).toMatchObject({ ok: false, message: expect.stringMatching(/8 chiffres/) });
    expect(parseCpvCode("45210000-23")).toMatchObject({ ok: false });
    expect(parseCpvCode("99000000")).toMatchObject({ ok: false, message: expect.stringMatching(/commence par 99/) });
  });
});

describe("own blocked periods", () => {
  it("refuses an end before the start and periods longer than a year", () => {
    expect(
      blockedPeriodSchema.safeParse({ label: "Fermeture", startDate: "2027-08-01", endDate: "2027-07-31" }).error
        ?.issues[0]?.message,
    ).toMatch(/précéder/);
    expect(
      blockedPeriodSchema.safeParse({ label: "Fermeture", startDate: "2027-01-01", endDate: "2028-01-05" }).error
        ?.issues[0]?.message,
    ).toMatch(/un an/);
    expect(
      blockedPeriodSchema.parse({ label: "Élections", startDate: "2027-03-15", endDate: "2027-03-15" }),
    ).toMatchObject({ startDate: "2027-03-15" });
  });
});

function item(id: string, overrides: Partial<EditionItemData> = {}): EditionItemData {
  return {
    plannedProcurementId: id,
    organizationId: "org",
    departement: "69",
    region: "84",
    reference: null,
    title: `Achat ${id}`,
    need: "Un besoin décrit en mots simples.",
    category: "services",
    cpvCode: "90910000-9",
    cpvDivision: "90",
    valueBand: "40k_100k",
    procedure: "mapa",
    reserved: "none",
    socialConsideration: null,
    environmentalConsideration: null,
    expectedPublicationDate: "2027-03-08",
    publicationJustification: null,
    responseDeadline: null,
    deadlineJustification: null,
    contractStart: null,
    contractDurationMonths: null,
    contactName: "Claire Martin",
    contactEmail: "claire@exemple.fr",
    status: "planned",
    buyerProfileUrl: null,
    lots: "[]",
    ...overrides,
  };
}

describe("edition diff", () => {
  it("finds added, moved, withdrawn and modified items, keyed by planned procurement", () => {
    const previous = [item("a"), item("b"), item("c"), item("d")];
    const current = [
      item("a"),
      item("b", { expectedPublicationDate: "2027-04-12" }),
      item("d", { title: "Nettoyage des locaux", lots: lotsJson([{ number: 1, title: "Écoles", description: null }]) }),
      item("e"),
    ];
    const diff = diffEditions(previous, current);
    expect(diff.added.map((entry) => entry.plannedProcurementId)).toEqual(["e"]);
    expect(diff.moved).toEqual([expect.objectContaining({ from: "2027-03-08", to: "2027-04-12", fields: [] })]);
    expect(diff.withdrawn.map((entry) => entry.plannedProcurementId)).toEqual(["c"]);
    expect(diff.modified).toEqual([expect.objectContaining({ fields: ["Intitulé", "Lots"] })]);
    expect(diff.unchanged).toBe(1);
    expect(diffSummaryFr({ added: 1, moved: 1, modified: 1, withdrawn: 1, unchanged: 1 })).toBe(
      "1 ajouté, 1 déplacé, 1 modifié, 1 retiré",
    );
  });

  it("lists the other changes of a moved item and names a CPV change once", () => {
    const diff = diffEditions(
      [item("a")],
      [item("a", { expectedPublicationDate: "2027-05-03", cpvCode: "45210000-2", cpvDivision: "45" })],
    );
    expect(diff.moved[0]?.fields).toEqual(["Code CPV"]);
    expect(diff.modified).toEqual([]);
  });

  it("treats everything as added without a previous edition, and labels every compared field", () => {
    expect(diffEditions([], [item("a"), item("b")]).added).toHaveLength(2);
    for (const label of Object.values(EDITION_FIELD_LABELS)) expect(label).toMatch(/^[A-ZÉ]/);
  });
});

describe("edition hash", () => {
  it("depends on the content, not on the order of the items", () => {
    const semester = { year: 2027, half: 1 as const };
    const one = editionContentHash("org", semester, [item("a"), item("b")]);
    expect(editionContentHash("org", semester, [item("b"), item("a")])).toBe(one);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(editionContentHash("org", semester, [item("a"), item("b", { contactName: "Autre" })])).not.toBe(one);
    expect(editionContentHash("org", { year: 2027, half: 2 }, [item("a"), item("b")])).not.toBe(one);
  });

  it("stores lots as canonical JSON in lot order", () => {
    const json = lotsJson([
      { number: 2, title: "Menuiseries", description: null },
      { number: 1, title: "Gros œuvre", description: "Fondations" },
    ]);
    expect(json).toBe(
      '[{"description":"Fondations","number":1,"title":"Gros œuvre"},{"description":null,"number":2,"title":"Menuiseries"}]',
    );
    expect(parseEditionLots(json).map((lot) => lot.title)).toEqual(["Gros œuvre", "Menuiseries"]);
  });
});
