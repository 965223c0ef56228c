// Secrets in URLs never reach the logs: the table of what is redacted, and what is left alone.
import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets, redactUrl } from "~/security/redact";

const token = "k7q2xw4mzp3r5t6y7u8i9o0pa1s2d3f4";

describe("redactUrl", () => {
  it.each([
    [`/verification?token=${token}`, `/verification?token=${REDACTED}`],
    [`/mot-de-passe/nouveau?token=${token}`, `/mot-de-passe/nouveau?token=${REDACTED}`],
    [
      `/mot-de-passe/nouveau.data?token=${token}&_routes=routes%2Fx`,
      `/mot-de-passe/nouveau.data?token=${REDACTED}&_routes=routes%2Fx`,
    ],
    [`/calendrier/${token}.ics`, `/calendrier/${REDACTED}.ics`],
    [`/invitations/${token}`, `/invitations/${REDACTED}`],
    [`/alertes/${token}.ics`, `/alertes/${REDACTED}.ics`],
    [`/alertes/desabonnement/${token}`, `/alertes/desabonnement/${REDACTED}`],
    [`/alertes/desabonnement/${token}?_data=routes%2Fx`, `/alertes/desabonnement/${REDACTED}?_data=routes%2Fx`],
    [`https://amont.fr/alertes/desabonnement/${token}`, `https://amont.fr/alertes/desabonnement/${REDACTED}`],
    [`/relais/desabonnement/${token}`, `/relais/desabonnement/${REDACTED}`],
    [`/relais/desabonnement/${token}?_data=routes%2Fx`, `/relais/desabonnement/${REDACTED}?_data=routes%2Fx`],
    [`/invitations/${token}.data`, `/invitations/${REDACTED}.data`],
    [`/invitations/${token}?index`, `/invitations/${REDACTED}?index`],
    [`http://127.0.0.1:3000/invitations/${token}`, `http://127.0.0.1:3000/invitations/${REDACTED}`],
    [`/connexion?redirectTo=%2Finvitations%2F${token}`, `/connexion?redirectTo=%2Finvitations%2F${REDACTED}`],
    [
      `/connexion?redirectTo=/invitations/${token}&email=a%40b.fr`,
      `/connexion?redirectTo=/invitations/${REDACTED}&email=a%40b.fr`,
    ],
    [
      `/connexion?redirectTo=%2Fmot-de-passe%2Fnouveau%3Ftoken%3D${token}%26x%3D1`,
      `/connexion?redirectTo=%2Fmot-de-passe%2Fnouveau%3Ftoken%3D${REDACTED}%26x%3D1`,
    ],
    [
      "/x?CODE=123456&Key=abc&secret=s&t=9&reset=r&page=2",
      `/x?CODE=${REDACTED}&Key=${REDACTED}&secret=${REDACTED}&t=${REDACTED}&reset=${REDACTED}&page=2`,
    ],
    ["/x?token=abc#fragment", `/x?token=${REDACTED}#fragment`],
  ])("%s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    "/plan?semestre=2027-S1&departement=69&page=2",
    "/evenements?type=salon&du=2027-01-14",
    "/verification?email=nadia%40exemple.fr",
    "/calendrier", // the page listing nothing secret
    "/plan.ics?cpv=45",
    "/api/calendrier/verifier?departement=69&date=2026-12-24&fin=2027-01-20&procedure=mapa",
    "/acheteur/sourcing/abc/invitations", // a buyer's invitations page: no token in it
    "/fournisseur/alertes", // a supplier's alerts and their pages: no token in them
    "/fournisseur/alertes/nouvelle",
    "/x?tokens=1&categorie=travaux&codex=2",
    "/x?token=",
  ])("leaves %s as it is", (input) => {
    expect(redactUrl(input)).toBe(input);
  });

  it("is idempotent", () => {
    const once = redactUrl(`/invitations/${token}?token=${token}`);
    expect(redactUrl(once)).toBe(once);
    expect(once).not.toContain(token);
  });
});

describe("redactSecrets in free text", () => {
  it("redacts the URLs inside an error stack or message", () => {
    const text = `Error: failed GET http://localhost:3000/verification?token=${token}\n    at loader (/app/build/index.js:1:2)\n  url: '/calendrier/${token}.ics'`;
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(token);
    expect(redacted).toContain("at loader (/app/build/index.js:1:2)");
  });
});
