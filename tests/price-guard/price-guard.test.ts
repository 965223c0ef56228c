// The price guard: what it flags in questionnaires and notes, and what it lets through.
import { describe, expect, it } from "vitest";
import { findingsByField, scanForPriceNegotiation } from "~/price-guard/price-guard";

const scan = (text: string) => scanForPriceNegotiation([{ field: "f", label: "Question 1", text }]);

describe("price guard", () => {
  it.each([
    ["Quel serait votre prix unitaire au m² ?", "price"],
    ["Indiquez vos tarifs pour 100 repas.", "price"],
    ["Joignez un devis.", "price"],
    ["Quelle remise accorderiez-vous sur volume ?", "rebate"],
    ["Quelles conditions de paiement demandez-vous ?", "payment_terms"],
    ["Accepteriez-vous de baisser votre prix ?", "price"],
    ["Seriez-vous prêts à négocier ?", "negotiation"],
    ["Un budget de 45 000 € est prévu.", "amount"],
  ])("flags « %s » (%s)", (text, rule) => {
    const findings = scan(text);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((finding) => finding.rule)).toContain(rule);
    expect(findings[0]!.excerpt.length).toBeGreaterThan(0);
  });

  it.each([
    "Quels sont les principaux postes de coût dans votre secteur ?",
    "Comment évolue le coût des matières premières depuis deux ans ?",
    "Quel délai de remise des offres vous paraît raisonnable ?",
    "Combien de salariés interviennent sur ce type de chantier ?",
  ])("lets through a question on the market in general: « %s »", (text) => {
    expect(scan(text)).toEqual([]);
  });

  it("matches without accents or case and reports the words as written", () => {
    const [finding] = scan("Quelle RÉDUCTION DE PRIX pour un engagement de 3 ans ?");
    expect(finding).toMatchObject({ rule: "rebate", match: "RÉDUCTION DE PRIX" });
  });

  it("groups findings by field in order", () => {
    const findings = scanForPriceNegotiation([
      { field: "a", label: "A", text: "Vos tarifs ?" },
      { field: "b", label: "B", text: "Rien à signaler." },
      { field: "a", label: "A (aide)", text: "Un rabais ?" },
    ]);
    expect([...findingsByField(findings).keys()]).toEqual(["a"]);
    expect(findingsByField(findings).get("a")).toHaveLength(2);
  });
});
