// The French wording that pages take from the capabilities' vocabularies (pure).
import { describe, expect, it } from "vitest";
import { confidenceOf } from "~/calendar/admin-labels";
import { POLICY_BLOCK_KINDS } from "~/calendar/rules";
import { POLICY_HINTS, POLICY_OPTIONS } from "~/plan/calendar-settings";
import { contractDurationText, RESERVED, reservedExplanation } from "~/plan/vocabulary";

describe("the forward plan's vocabulary", () => {
  it("explains who may answer each kind of reserved contract, citing its article", () => {
    expect(reservedExplanation("none")).toMatch(/^Toutes les entreprises peuvent répondre/);
    for (const [reserved, article] of [
      ["disability", "L2113-12"],
      ["siae", "L2113-13"],
      ["ess", "L2113-15"],
    ] as const) {
      expect(reservedExplanation(reserved)).toContain(`article ${article} du Code de la commande publique`);
      expect(RESERVED[reserved]).toContain(article);
    }
    expect(reservedExplanation("inconnu")).toBe("");
  });

  it("says a contract's duration in years when it is whole years", () => {
    expect(contractDurationText(12)).toBe("1 an");
    expect(contractDurationText(36)).toBe("3 ans");
    expect(contractDurationText(14)).toBe("14 mois");
  });

  it("describes every kind of blocked period an organisation sets a policy for", () => {
    for (const kind of POLICY_BLOCK_KINDS) expect(POLICY_HINTS[kind].length).toBeGreaterThan(20);
    expect(POLICY_OPTIONS.map((option) => option.value)).toEqual(["refuse", "justify"]);
  });
});

describe("the calendar administration's labels", () => {
  it("names the confidence in a school holiday's dates, and shows an unknown value as is", () => {
    expect(confidenceOf("confirmed")).toEqual({ label: "Confirmé", badge: "badge--success" });
    expect(confidenceOf("rumeur")).toEqual({ label: "rumeur", badge: "badge--muted" });
  });
});
