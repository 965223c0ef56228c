import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  completeLuhn,
  formatSiren,
  formatSiret,
  isValidSiren,
  isValidSiret,
  LA_POSTE_HEAD_OFFICE_SIRET,
  LA_POSTE_SIREN,
  luhnValid,
  normalizeIdentifier,
  SIREN_MESSAGES,
  sirenOfSiret,
  SIRET_CHECKSUM_MESSAGE,
  SIRET_FORMAT_MESSAGE,
  SIRET_MESSAGES,
  validateSiren,
  validateSiret,
} from "~/organizations/identifiers";
import { makeSiren, makeSiret } from "../support/siret";

/**
 * Independent reference implementations, written differently from the module under test, so
 * that every fixture below is checked by a second algorithm.
 */
function referenceLuhn(digits: string): boolean {
  const doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]; // digit * 2 with digits summed
  const sum = [...digits]
    .reverse()
    .map(Number)
    .reduce((acc, d, i) => acc + (i % 2 === 1 ? doubled[d]! : d), 0);
  return sum % 10 === 0;
}

function referenceDigitSum(digits: string): number {
  return [...digits].map(Number).reduce((a, b) => a + b, 0);
}

/** Public identifiers, as published in the Sirene register (annuaire-entreprises.data.gouv.fr). */
const PUBLIC_SIRENS = [
  ["552100554", "Automobiles Peugeot"],
  ["552081317", "Électricité de France"],
  ["542051180", "TotalEnergies SE"],
  ["443061841", "Google France"],
  ["217500016", "Ville de Paris"],
  ["200046977", "Métropole de Lyon"],
  ["130025265", "Direction interministérielle du numérique"],
  ["356000000", "La Poste"],
] as const;

const PUBLIC_SIRETS = [
  ["55210055400013", "Automobiles Peugeot"],
  ["55208131766522", "Électricité de France"],
  ["54205118000066", "TotalEnergies SE"],
  ["44306184100047", "Google France"],
  ["21750001600019", "Ville de Paris"],
  ["20004697700019", "Métropole de Lyon"],
  ["13002526500013", "Direction interministérielle du numérique"],
] as const;

describe("fixtures (checked by the reference implementation)", () => {
  it.each(PUBLIC_SIRENS)("SIREN %s (%s) passes the reference Luhn check", (siren) => {
    expect(siren).toMatch(/^\d{9}$/);
    expect(referenceLuhn(siren)).toBe(true);
  });

  it.each(PUBLIC_SIRETS)("SIRET %s (%s) passes the reference Luhn check", (siret) => {
    expect(siret).toMatch(/^\d{14}$/);
    expect(referenceLuhn(siret)).toBe(true);
    expect(siret.startsWith(LA_POSTE_SIREN)).toBe(false);
  });
});

describe("luhnValid / completeLuhn", () => {
  it.each([
    ["0", true],
    ["18", true],
    ["79927398713", true],
    ["79927398710", false],
    ["", false],
    ["12a4", false],
  ])("luhnValid(%j) = %s", (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });

  it("appends the check digit", () => {
    expect(completeLuhn("55210055")).toBe("552100554");
    expect(completeLuhn("7992739871")).toBe("79927398713");
    expect(completeLuhn("5521005540001")).toBe("55210055400013");
  });

  it("rejects non-digits", () => {
    expect(() => completeLuhn("12 3")).toThrow(TypeError);
    expect(() => completeLuhn("")).toThrow(TypeError);
  });
});

describe("SIRENs", () => {
  it.each(PUBLIC_SIRENS)("accepts %s (%s)", (siren) => {
    expect(isValidSiren(siren)).toBe(true);
    expect(validateSiren(siren)).toEqual({ ok: true, value: siren });
  });

  it("accepts spaces and dots", () => {
    expect(validateSiren(" 552 100 554 ")).toEqual({ ok: true, value: "552100554" });
    expect(validateSiren("552.100.554")).toEqual({ ok: true, value: "552100554" });
    expect(validateSiren("552\u00a0100\u202f554")).toEqual({ ok: true, value: "552100554" });
  });

  it.each(["552100555", "552100545", "123456789"])("rejects %s: bad key", (siren) => {
    expect(referenceLuhn(siren)).toBe(false);
    expect(isValidSiren(siren)).toBe(false);
    expect(validateSiren(siren)).toEqual({ ok: false, reason: "checksum" });
  });

  it.each(["", "55210055", "5521005540", "55210055A", "55210055400013", "abcdefghi"])(
    "rejects %j: wrong format",
    (siren) => {
      expect(isValidSiren(siren)).toBe(false);
      expect(validateSiren(siren)).toEqual({ ok: false, reason: "format" });
    },
  );
});

describe("SIRETs", () => {
  it.each(PUBLIC_SIRETS)("accepts %s (%s)", (siret) => {
    expect(isValidSiret(siret)).toBe(true);
    expect(validateSiret(siret)).toEqual({ ok: true, value: siret });
  });

  it("accepts the usual ways of typing a SIRET", () => {
    for (const typed of [
      "552 100 554 00013",
      "552.100.554.00013",
      " 55210055400013 ",
      "552-100-554-00013",
      "552\u00a0100\u00a0554\u00a000013",
    ]) {
      expect(validateSiret(typed)).toEqual({ ok: true, value: "55210055400013" });
    }
  });

  it.each(["55210055400014", "55210055400031", "12345678901234", "00000000000001"])("rejects %s: bad key", (siret) => {
    expect(referenceLuhn(siret)).toBe(false);
    expect(isValidSiret(siret)).toBe(false);
    expect(validateSiret(siret)).toEqual({ ok: false, reason: "checksum" });
  });

  it.each(["", "5521005540001", "552100554000130", "5521005540001A", "552100554", "SIRET"])(
    "rejects %j: wrong format",
    (siret) => {
      expect(isValidSiret(siret)).toBe(false);
      expect(validateSiret(siret)).toEqual({ ok: false, reason: "format" });
    },
  );

  it("gives the SIREN of a SIRET", () => {
    expect(sirenOfSiret("55210055400013")).toBe("552100554");
    expect(sirenOfSiret("552 100 554 00013")).toBe("552100554");
    expect(() => sirenOfSiret("552100554")).toThrow(RangeError);
  });
});

describe("La Poste SIRETs", () => {
  it("La Poste's SIREN itself follows the Luhn rule", () => {
    expect(referenceLuhn(LA_POSTE_SIREN)).toBe(true);
    expect(isValidSiren(LA_POSTE_SIREN)).toBe(true);
  });

  it.each(["35600000000001", "35600000049837", "35600000000010"])(
    "accepts %s: digit sum multiple of 5, even though the Luhn key fails",
    (siret) => {
      expect(referenceDigitSum(siret) % 5).toBe(0);
      expect(referenceLuhn(siret)).toBe(false);
      expect(validateSiret(siret)).toEqual({ ok: true, value: siret });
    },
  );

  it.each(["35600000000014", "35600000000002"])(
    "rejects %s: digit sum not a multiple of 5 (Luhn does not apply)",
    (siret) => {
      expect(referenceDigitSum(siret) % 5).not.toBe(0);
      expect(validateSiret(siret)).toEqual({ ok: false, reason: "checksum" });
    },
  );

  it("35600000000014 passes Luhn but is still rejected", () => {
    expect(referenceLuhn("35600000000014")).toBe(true);
    expect(isValidSiret("35600000000014")).toBe(false);
  });

  it("accepts the head office 356 000 000 00048, which follows Luhn instead", () => {
    expect(LA_POSTE_HEAD_OFFICE_SIRET).toBe("35600000000048");
    expect(referenceDigitSum(LA_POSTE_HEAD_OFFICE_SIRET) % 5).not.toBe(0);
    expect(referenceLuhn(LA_POSTE_HEAD_OFFICE_SIRET)).toBe(true);
    expect(isValidSiret("356 000 000 00048")).toBe(true);
  });
});

describe("messages", () => {
  it("are French, precise and typographically correct", () => {
    expect(SIRET_FORMAT_MESSAGE).toBe("Ce SIRET doit compter 14\u00a0chiffres.");
    expect(SIRET_CHECKSUM_MESSAGE).toContain("la clé de contrôle ne correspond pas");
    expect(SIRET_CHECKSUM_MESSAGE).toContain("annuaire-entreprises.data.gouv.fr");
    expect(SIRET_MESSAGES.format).toBe(SIRET_FORMAT_MESSAGE);
    expect(SIREN_MESSAGES.format).toContain("9\u00a0chiffres");
    for (const m of [...Object.values(SIRET_MESSAGES), ...Object.values(SIREN_MESSAGES)]) {
      expect(m).not.toMatch(/ [:;?!]/); // no ordinary space before high punctuation
    }
  });
});

describe("formatting", () => {
  it("groups digits with non-breaking spaces", () => {
    expect(formatSiret("55210055400013")).toBe("552\u00a0100\u00a0554\u00a000013");
    expect(formatSiren("552100554")).toBe("552\u00a0100\u00a0554");
    expect(formatSiret("abc")).toBe("abc");
    expect(normalizeIdentifier(formatSiret("55210055400013"))).toBe("55210055400013");
  });
});

describe("properties", () => {
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));

  it("any 13 digits completed by completeLuhn form a valid SIRET (outside La Poste)", () => {
    fc.assert(
      fc.property(digits(13), (body) => {
        fc.pre(!body.startsWith(LA_POSTE_SIREN));
        const siret = completeLuhn(body);
        expect(siret).toHaveLength(14);
        expect(referenceLuhn(siret)).toBe(true);
        expect(isValidSiret(siret)).toBe(true);
      }),
    );
  });

  it("any 8 digits completed by completeLuhn form a valid SIREN", () => {
    fc.assert(
      fc.property(digits(8), (body) => {
        const siren = completeLuhn(body);
        expect(referenceLuhn(siren)).toBe(true);
        expect(isValidSiren(siren)).toBe(true);
      }),
    );
  });

  it("changing any single digit of a valid non-La-Poste SIRET makes it invalid", () => {
    fc.assert(
      fc.property(
        digits(13),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (body, position, delta) => {
          fc.pre(!body.startsWith(LA_POSTE_SIREN));
          const siret = completeLuhn(body);
          const changed = (Number(siret[position]) + delta) % 10;
          const mutated = siret.slice(0, position) + changed + siret.slice(position + 1);
          // A one-digit change can land on La Poste's SIREN, where another rule applies.
          fc.pre(!mutated.startsWith(LA_POSTE_SIREN));
          expect(mutated).not.toBe(siret);
          expect(validateSiret(mutated)).toEqual({ ok: false, reason: "checksum" });
        },
      ),
    );
  });

  it("normalization ignores spaces and dots anywhere", () => {
    fc.assert(
      fc.property(
        digits(13),
        fc.array(fc.constantFrom(" ", ".", "\u00a0"), { minLength: 14, maxLength: 14 }),
        (body, separators) => {
          fc.pre(!body.startsWith(LA_POSTE_SIREN));
          const siret = completeLuhn(body);
          const typed = [...siret].map((d, i) => d + separators[i]).join("");
          expect(validateSiret(typed)).toEqual({ ok: true, value: siret });
        },
      ),
    );
  });
});

describe("test helper makeSiret", () => {
  it("builds valid, deterministic and distinct identifiers", () => {
    const sirets = new Set<string>();
    for (let seed = 0; seed < 2_000; seed++) {
      const siret = makeSiret(seed);
      expect(siret).toMatch(/^[1-9]\d{13}$/);
      expect(referenceLuhn(siret)).toBe(true);
      expect(isValidSiret(siret)).toBe(true);
      expect(sirenOfSiret(siret)).toBe(makeSiren(seed));
      expect(isValidSiren(makeSiren(seed))).toBe(true);
      expect(makeSiret(seed)).toBe(siret);
      sirets.add(siret);
    }
    expect(sirets.size).toBe(2_000);
  });

  it("gives several establishments of the same company", () => {
    const a = makeSiret(42, 1);
    const b = makeSiret(42, 2);
    expect(a).not.toBe(b);
    expect(sirenOfSiret(a)).toBe(sirenOfSiret(b));
    expect(isValidSiret(b)).toBe(true);
  });

  it("never produces a La Poste identifier, even for large seeds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (seed) => {
        const siret = makeSiret(seed);
        expect(siret.startsWith(LA_POSTE_SIREN)).toBe(false);
        expect(referenceLuhn(siret)).toBe(true);
      }),
    );
  });
});
