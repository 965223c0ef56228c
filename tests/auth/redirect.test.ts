// Where login (and every other "go back to where you were") may send someone: only a path on this
// site. The table holds the usual open-redirect bypasses (OWASP's unvalidated redirects cheat sheet,
// browsers' URL leniency: tabs and newlines stripped, "\" read as "/").
import { describe, expect, it } from "vitest";
import { safeRedirectPath, sameOriginRefererPath } from "~/auth/redirect";

const FALLBACK = "/compte";

const refused: [label: string, value: unknown][] = [
  ["protocol-relative", "//evil.example"],
  ["three slashes", "///evil.example"],
  ["four slashes", "////evil.example"],
  ["slash backslash", "/\\evil.example"],
  ["backslash slash", "\\/evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["backslash in the path", "/a\\b"],
  ["tab between slashes (the reported case)", "/\t/evil.example"],
  ["newline between slashes", "/\n/evil.example"],
  ["carriage return between slashes", "/\r/evil.example"],
  ["NUL", "/\u0000/evil.example"],
  ["DEL", "/\u007f/evil.example"],
  ["C1 control (NEL)", "/\u0085/evil.example"],
  ["line separator", "/\u2028/evil.example"],
  ["paragraph separator", "/\u2029/evil.example"],
  ["leading space", " /compte"],
  ["leading tab", "\t//evil.example"],
  ["encoded slash", "/%2F/evil.example"],
  ["encoded slashes", "/%2F%2Fevil.example"],
  ["encoded slash, lower case", "/%2f/evil.example"],
  ["encoded backslash", "/%5C/evil.example"],
  ["encoded backslash alone", "/%5Cevil.example"],
  ["encoded tab", "/%09/evil.example"],
  ["encoded newline", "/%0A/evil.example"],
  ["encoded NUL", "/%00/evil.example"],
  ["double-encoded slash", "/%252F/evil.example"],
  ["fully encoded", "%2F%2Fevil.example"],
  ["malformed escape", "/%E0%A4%A"],
  ["dot segments leading to //", "/a/..//evil.example"],
  ["dot segment then //", "/.//evil.example"],
  ["encoded dot segments leading to //", "/%2e%2e//evil.example"],
  ["https URL", "https://evil.example"],
  ["http URL", "http://evil.example/compte"],
  ["scheme without slashes", "https:evil.example"],
  ["scheme and one slash", "https:/evil.example"],
  ["javascript", "javascript:alert(document.domain)"],
  ["javascript with a leading slash comment", "javascript://%0Aalert(1)"],
  ["data URL", "data:text/html,<script>alert(1)</script>"],
  ["mixed-case scheme", "JaVaScRiPt:alert(1)"],
  ["user info", "@evil.example"],
  ["relative path", "compte"],
  ["dot relative", "./compte"],
  ["empty", ""],
  ["too long", `/${"a".repeat(2_100)}`],
  ["not a string", 42],
  ["null", null],
  ["undefined", undefined],
  ["an array", ["/compte"]],
];

const accepted: [value: string, expected: string][] = [
  ["/", "/"],
  ["/compte", "/compte"],
  ["/evenements/abc123", "/evenements/abc123"],
  ["/plan?semestre=2027-S1&departement=69", "/plan?semestre=2027-S1&departement=69"],
  ["/sourcing/abc#questions", "/sourcing/abc#questions"],
  ["/connexion?redirectTo=%2Fcompte", "/connexion?redirectTo=%2Fcompte"],
  ["/acheteurs/métropole", "/acheteurs/m%C3%A9tropole"],
  ["/a/../compte", "/compte"],
  ["/evil.example", "/evil.example"],
];

describe("safeRedirectPath", () => {
  it.each(refused)("refuses %s", (_label, value) => {
    expect(safeRedirectPath(value)).toBe(FALLBACK);
  });

  it.each(accepted)("keeps %j on this site", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it("never returns something a browser would resolve to another host", () => {
    for (const [, value] of refused) {
      const target = safeRedirectPath(value, "/");
      expect(new URL(target, "https://amont.test").origin).toBe("https://amont.test");
    }
  });

  it("uses the fallback it is given", () => {
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
  });
});

describe("sameOriginRefererPath", () => {
  const page = "https://amont.test/organisations/active";

  it("goes back to a page of this site, with its query", () => {
    expect(sameOriginRefererPath("https://amont.test/plan?departement=69", page)).toBe("/plan?departement=69");
  });

  it("refuses another site, a missing or a malformed Referer", () => {
    expect(sameOriginRefererPath("https://evil.example/plan", page)).toBe(FALLBACK);
    expect(sameOriginRefererPath("http://amont.test/plan", page)).toBe(FALLBACK);
    expect(sameOriginRefererPath(null, page)).toBe(FALLBACK);
    expect(sameOriginRefererPath("pas une adresse", page)).toBe(FALLBACK);
    expect(sameOriginRefererPath("https://amont.test:99999/", page)).toBe(FALLBACK);
  });

  it("refuses a path of this site that a browser would read as another host", () => {
    expect(sameOriginRefererPath("https://amont.test/.//evil.example", page)).toBe(FALLBACK);
  });
});
