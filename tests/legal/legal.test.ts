// The publisher's identity from the settings (honest demonstration defaults), security.txt, and the
// retention periods the privacy notice states.
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { legalIdentityFrom } from "~/legal/publisher.server";
import { durationFr, retentionPeriods } from "~/legal/retention.server";
import { securityTxt } from "~/legal/security-txt";

describe("legal identity", () => {
  it("says plainly that an unconfigured instance is a demonstration, with Fly.io as the host", () => {
    const identity = legalIdentityFrom(parseEnv({}));
    expect(identity.demonstration).toBe(true);
    expect(identity.publisher).toEqual({ name: "Amont (démonstration)", address: null, siren: null });
    expect(identity.publicationDirector).toBeNull();
    expect(identity.contactEmail).toBeNull();
    expect(identity.securityContact).toBeNull();
    expect(identity.host.name).toBe("Fly.io, Inc.");
  });

  it("uses the configured values; the security contact falls back to the contact address", () => {
    const identity = legalIdentityFrom(
      parseEnv({ LEGAL_PUBLISHER_NAME: " Ville de Lyon ", LEGAL_CONTACT_EMAIL: "contact@lyon.example.fr" }),
    );
    expect(identity.demonstration).toBe(false);
    expect(identity.publisher.name).toBe("Ville de Lyon");
    expect(identity.securityContact).toBe("mailto:contact@lyon.example.fr");
    expect(
      legalIdentityFrom(
        parseEnv({
          LEGAL_CONTACT_EMAIL: "contact@lyon.example.fr",
          SECURITY_CONTACT: "https://lyon.example.fr/faille",
        }),
      ).securityContact,
    ).toBe("https://lyon.example.fr/faille");
  });

  it("treats a blank setting as unset and refuses malformed ones, naming the variable", () => {
    expect(legalIdentityFrom(parseEnv({ LEGAL_PUBLISHER_NAME: "  " })).demonstration).toBe(true);
    expect(() => parseEnv({ LEGAL_PUBLISHER_SIREN: "12345" })).toThrow(/LEGAL_PUBLISHER_SIREN/);
    expect(() => parseEnv({ LEGAL_CONTACT_EMAIL: "pas-une-adresse" })).toThrow(/LEGAL_CONTACT_EMAIL/);
    expect(() => parseEnv({ SECURITY_CONTACT: "securite@exemple.fr" })).toThrow(/SECURITY_CONTACT/);
  });
});

describe("security.txt", () => {
  it("has the contact, an Expires one year after the request, and the canonical address", () => {
    const text = securityTxt({
      contact: "mailto:securite@exemple.fr",
      origin: "https://amont.exemple.fr",
      now: new Date("2027-03-15T10:20:30.456Z"),
    });
    expect(text.split("\n")).toEqual([
      "Contact: mailto:securite@exemple.fr",
      "Expires: 2028-03-15T10:20:30Z",
      "Preferred-Languages: fr, en",
      "Canonical: https://amont.exemple.fr/.well-known/security.txt",
      "Policy: https://amont.exemple.fr/mentions-legales#securite",
      "",
    ]);
  });
});

describe("retention periods", () => {
  it("are written in French from the code's constants", () => {
    expect(durationFr(30 * 24 * 3_600_000)).toBe("30 jours");
    expect(durationFr(3_600_000)).toBe("1 heure");
    expect(durationFr(15 * 60_000)).toBe("15 minutes");
    expect(retentionPeriods()).toEqual({
      session: "30 jours",
      verificationCode: "30 minutes",
      resetLink: "1 heure",
      invitation: "7 jours",
      limitCounters: "1 jour",
    });
  });
});
