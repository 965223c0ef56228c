// GET /api/calendrier/verifier through the real built server (node server/index.js), on this test
// file's migrated database (which holds the reference calendar data).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function verify(query: Record<string, string>) {
  const response = await fetch(`${server.url}/api/calendrier/verifier?${new URLSearchParams(query)}`);
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe("calendar API", () => {
  it("explains why 24 December 2026 is blocked in the Rhône and proposes 4 January 2027", async () => {
    const { response, body } = await verify({ departement: "69", date: "2026-12-24" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(body).toEqual({
      departement: "69",
      zone: "A",
      date: "2026-12-24",
      blocked: true,
      reasons: [
        { kind: "school_holiday", label: "Vacances de Noël (zone A)", from: "2026-12-19", to: "2027-01-03" },
        { kind: "quiet_period", label: "Fêtes de fin d'année", from: "2026-12-20", to: "2027-01-03" },
      ],
      nextAllowedDate: "2027-01-04",
      fin: null,
      procedure: null,
      openDays: null,
      minimumOpenDays: null,
      earliestDeadline: null,
    });
  });

  it("answers an open day with no reasons, and Good Friday only in Alsace-Moselle", async () => {
    expect((await verify({ departement: "69", date: "2027-03-26" })).body).toMatchObject({
      blocked: false,
      reasons: [],
      nextAllowedDate: "2027-03-26",
    });
    expect((await verify({ departement: "67", date: "2027-03-26" })).body).toMatchObject({
      blocked: true,
      reasons: [
        { kind: "public_holiday", label: "Vendredi saint (Alsace-Moselle)", from: "2027-03-26", to: "2027-03-26" },
      ],
      nextAllowedDate: "2027-03-30",
    });
    expect((await verify({ departement: "2a", date: "2027-01-09" })).body).toMatchObject({
      departement: "2A",
      zone: "Corse",
      reasons: [{ kind: "weekend", label: "Samedi" }],
    });
  });

  it("counts the open days of a window, with the MAPA minimum when no procedure is given", async () => {
    const { response, body } = await verify({ departement: "69", date: "2027-01-04", fin: "2027-01-22" });
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      blocked: false,
      fin: "2027-01-22",
      procedure: "mapa",
      openDays: 14,
      minimumOpenDays: 15,
      earliestDeadline: "2027-01-25",
    });
    const open = await verify({ departement: "69", date: "2027-01-04", fin: "2027-03-05", procedure: "ao_ouvert" });
    // 19 open days in January, 10 in February before the holidays (13-28 February in zone A), 5 in March.
    expect(open.body).toMatchObject({
      procedure: "ao_ouvert",
      openDays: 34,
      minimumOpenDays: 35,
      earliestDeadline: "2027-03-08",
    });
    expect(
      (await verify({ departement: "69", date: "2027-01-04", fin: "2027-01-04", procedure: "" })).body,
    ).toMatchObject({ openDays: 0, procedure: "mapa" });
  });

  it.each([
    [{ departement: "99", date: "2027-01-04" }, "departement", "Département manquant ou inconnu"],
    [{ date: "2027-01-04" }, "departement", "Département manquant ou inconnu"],
    [{ departement: "69", date: "2027-02-30" }, "date", "La date 2027-02-30 n'existe pas"],
    [{ departement: "69", date: "04/01/2027" }, "date", "n'est pas une date au format AAAA-MM-JJ"],
    [{ departement: "69" }, "date", "Indiquez la date à vérifier"],
    [
      { departement: "69", date: "2027-01-22", fin: "2027-01-04" },
      "fin",
      "La date de fin (2027-01-04) est avant la date de début (2027-01-22).",
    ],
    [{ departement: "69", date: "2027-01-04", fin: "2031-01-04" }, "fin", "ne peut pas dépasser deux ans"],
    [
      { departement: "69", date: "2027-01-04", fin: "2027-01-22", procedure: "gré-à-gré" },
      "procedure",
      "Procédure inconnue",
    ],
    [{ departement: "69", date: "2227-01-04" }, "date", "entre 2000 et 2099"],
  ])("answers 400 with a French message for %j", async (query, field, message) => {
    const { response, body } = await verify(query);
    expect(response.status).toBe(400);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(body.field).toBe(field);
    expect(String(body.error)).toContain(message);
  });

  it("answers a CORS preflight and refuses other methods", async () => {
    const preflight = await fetch(`${server.url}/api/calendrier/verifier`, {
      method: "OPTIONS",
      headers: { Origin: "https://cci.example", "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    const post = await fetch(`${server.url}/api/calendrier/verifier`, {
      method: "POST",
      headers: { Origin: server.origin },
    });
    expect(post.status).toBe(405);
  });
});
