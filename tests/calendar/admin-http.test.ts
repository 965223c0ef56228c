// The calendar administration pages through the real built server: access, quiet periods,
// procedure minimums, and the school-year import (upload → preview → save).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, sessionCookieHeader } from "~/auth/session.server";
import { formatDateFr } from "~/calendar/dates";
import { db, write } from "~/db/db.server";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let adminCookie: string;
let memberCookie: string;

async function cookieFor(isPlatformAdmin: boolean) {
  const token = await write(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: `${isPlatformAdmin ? "admin" : "membre"}-${Math.random().toString(36).slice(2)}@exemple.fr`,
        name: isPlatformAdmin ? "Alice Admin" : "Marc Membre",
        passwordHash: "x",
        emailVerifiedAt: new Date(),
        isPlatformAdmin,
      },
    });
    return (await createSession(tx, user.id)).token;
  });
  return (await sessionCookieHeader(token)).split(";")[0]!;
}

beforeAll(async () => {
  server = await startServer();
  adminCookie = await cookieFor(true);
  memberCookie = await cookieFor(false);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

function post(path: string, body: URLSearchParams | FormData, cookie = adminCookie) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Origin: server.origin, Cookie: cookie },
    body,
    redirect: "manual",
  });
}

function upload(name: string, content: string | Buffer, type = "text/plain") {
  const form = new FormData();
  form.append("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type }), name);
  return post("/admin/calendrier/import", form);
}

const decode = (html: string) =>
  html.replaceAll("<!-- -->", "").replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

describe("calendar administration", () => {
  it("is reserved to platform administrators", async () => {
    const anonymous = await fetch(`${server.url}/admin/calendrier`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect((await fetch(`${server.url}/admin/calendrier`, { headers: { Cookie: memberCookie } })).status).toBe(403);
    expect((await fetch(`${server.url}/admin/calendrier/import`, { headers: { Cookie: memberCookie } })).status).toBe(
      403,
    );
    expect(
      (await post("/admin/calendrier", new URLSearchParams({ intent: "procedures", mapa: "1" }), memberCookie)).status,
    ).toBe(403);
  });

  it("shows the school years per zone, the quiet periods and the procedure minimums", async () => {
    const response = await fetch(`${server.url}/admin/calendrier`, { headers: { Cookie: adminCookie } });
    expect(response.status).toBe(200);
    const html = decode(await response.text());
    expect(html).toContain("Années scolaires connues, par zone");
    expect(html).toContain("2026-2027");
    expect(html).toContain("Zone A");
    expect(html).toContain("Fêtes de fin d'année");
    expect(html).toContain('value="20/12"');
    expect(html).toContain("Procédure adaptée (MAPA)");
    expect(html).toContain('value="15"');
    // Each period says how sure its dates are.
    expect(html).toMatch(
      /class="badge badge--(success|muted|error)">(Confirmé|Probable|Incertain|Début confirmé, reprise annoncée)</,
    );
  });

  it("edits a quiet period, with French errors next to the fields and the input kept", async () => {
    const period = await db.quietPeriod.findFirstOrThrow({ where: { label: "Été" } });
    const invalid = await post(
      "/admin/calendrier",
      new URLSearchParams({ intent: "quiet-period", id: period.id, label: "Été", start: "31/06", end: "31/08" }),
    );
    expect(invalid.status).toBe(400);
    const html = decode(await invalid.text());
    expect(html).toContain("Indiquez le premier jour sous la forme jour/mois, par exemple 20/12.");
    expect(html).toContain('value="31/06"');
    const tooLong = await post(
      "/admin/calendrier",
      new URLSearchParams({ intent: "quiet-period", label: "Toute l'année", start: "01/01", end: "31/12" }),
    );
    expect(tooLong.status).toBe(400);
    expect(decode(await tooLong.text())).toContain("Une période de trêve dure au plus 92 jours");

    const saved = await post(
      "/admin/calendrier",
      new URLSearchParams({ intent: "quiet-period", id: period.id, label: "Été", start: "15/07", end: "25/08" }),
    );
    expect(saved.status).toBe(302);
    expect(await db.quietPeriod.findUniqueOrThrow({ where: { id: period.id } })).toMatchObject({
      startMonthDay: "07-15",
      endMonthDay: "08-25",
    });
    // The public API sees it at once.
    const api = await (await fetch(`${server.url}/api/calendrier/verifier?departement=2A&date=2027-08-30`)).json();
    expect(api.blocked).toBe(false);

    const added = await post(
      "/admin/calendrier",
      new URLSearchParams({ intent: "quiet-period", label: "Pont de mai", start: "7/5", end: "10/5" }),
    );
    expect(added.status).toBe(302);
    const created = await db.quietPeriod.findFirstOrThrow({ where: { label: "Pont de mai" } });
    expect(created).toMatchObject({ startMonthDay: "05-07", endMonthDay: "05-10" });
    expect(
      (await post("/admin/calendrier", new URLSearchParams({ intent: "delete-quiet-period", id: created.id }))).status,
    ).toBe(302);
    expect(await db.quietPeriod.count({ where: { label: "Pont de mai" } })).toBe(0);
  });

  it("edits the procedure minimums", async () => {
    const values = {
      intent: "procedures",
      mapa: "20",
      ao_ouvert: "35",
      ao_restreint: "30",
      negociee: "30",
      dialogue: "30",
      sans_publicite: "10",
    };
    const invalid = await post("/admin/calendrier", new URLSearchParams({ ...values, mapa: "0" }));
    expect(invalid.status).toBe(400);
    expect(decode(await invalid.text())).toContain("Au moins 1 jour ouvré.");
    expect((await post("/admin/calendrier", new URLSearchParams(values))).status).toBe(302);
    expect((await db.procedureRule.findUniqueOrThrow({ where: { procedure: "mapa" } })).minimumOpenDays).toBe(20);
    const api = await (
      await fetch(`${server.url}/api/calendrier/verifier?departement=69&date=2027-01-04&fin=2027-01-29`)
    ).json();
    expect(api.minimumOpenDays).toBe(20);
  });

  it("imports a school year: upload shows a preview and saves nothing, Enregistrer saves it", async () => {
    const before = await db.schoolHoliday.count();
    const preview = await upload(
      "calendrier-scolaire-export.json",
      readFileSync("tests/calendar/fixtures/calendrier-scolaire-export.json"),
      "application/json",
    );
    expect(preview.status).toBe(200);
    const html = decode(await preview.text());
    expect(html).toContain("Aperçu de « calendrier-scolaire-export.json »");
    expect(html).toContain("Nouvelle période");
    expect(html).toContain("la date de reprise n'est pas encore publiée");
    expect(await db.schoolHoliday.count()).toBe(before);

    const rows = /name="rows" value="([^"]*)"/.exec(
      await (
        await upload(
          "calendrier-scolaire-export.json",
          readFileSync("tests/calendar/fixtures/calendrier-scolaire-export.json"),
        )
      ).text(),
    )?.[1];
    expect(rows).toBeTruthy();
    const save = await post(
      "/admin/calendrier/import",
      new URLSearchParams({
        intent: "save",
        rows: decode(rows!),
        format: "json",
        fileName: "calendrier-scolaire-export.json",
      }),
    );
    expect(save.status).toBe(302);
    expect(save.headers.get("location")).toBe("/admin/calendrier#vacances");
    // Corse Noël is new; zone A and C rows confirm the reference data.
    expect(await db.schoolHoliday.count()).toBe(before + 1);
    expect(
      await db.schoolHoliday.findUniqueOrThrow({
        where: { zone_schoolYear_period: { zone: "Corse", schoolYear: "2027-2028", period: "Vacances de Noël" } },
      }),
    ).toMatchObject({
      firstDayOff: "2027-12-18",
      classesResume: "2028-01-03",
      source: "import-json:calendrier-scolaire-export.json",
    });
    const api = await (await fetch(`${server.url}/api/calendrier/verifier?departement=2B&date=2027-12-20`)).json();
    expect(api.reasons[0]).toEqual({
      kind: "school_holiday",
      label: "Vacances de Noël (Corse)",
      from: "2027-12-18",
      to: "2028-01-02",
    });
  });

  it("refuses a bad file, an oversized file or a tampered preview with a clear message, changing nothing", async () => {
    const before = await db.schoolHoliday.findMany({ orderBy: { id: "asc" } });
    const unrelated = await upload("unrelated.csv", readFileSync("tests/calendar/fixtures/unrelated.csv"));
    expect(unrelated.status).toBe(400);
    expect(decode(await unrelated.text())).toContain("Ce fichier ne ressemble pas au calendrier scolaire du ministère");
    const empty = await upload("vide.ics", "");
    expect(empty.status).toBe(400);
    expect(decode(await empty.text())).toContain("Choisissez le fichier du calendrier scolaire");
    const big = await upload("gros.csv", "x".repeat(950_000));
    expect(big.status).toBe(400);
    expect(decode(await big.text())).toContain("Le fichier est trop volumineux");
    const tampered = await post(
      "/admin/calendrier/import",
      new URLSearchParams({
        intent: "save",
        rows: '[{"schoolYear":"2027-2028","zone":"A","period":"Vacances","firstDayOff":"2027-01-01","classesResume":"2027-12-31"}]',
        format: "json",
        fileName: "x.json",
      }),
    );
    expect(tampered.status).toBe(400);
    expect(decode(await tampered.text())).toContain("rien n'a été enregistré");
    expect(await db.schoolHoliday.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("warns when a zone's known school holidays end within a year, so that the next school year is imported in time", async () => {
    // Zone B as if its 2027-2028 school year had not been published yet: known until July 2027.
    const later = await db.schoolHoliday.findMany({ where: { zone: "B", schoolYear: "2027-2028" } });
    await write((tx) => tx.schoolHoliday.deleteMany({ where: { id: { in: later.map((row) => row.id) } } }));
    try {
      const knownUntil = (
        await db.schoolHoliday.findFirstOrThrow({ where: { zone: "B" }, orderBy: { classesResume: "desc" } })
      ).classesResume;
      const html = decode(
        await (await fetch(`${server.url}/admin/calendrier`, { headers: { Cookie: adminCookie } })).text(),
      );
      expect(html).toContain(
        `<strong>Zone B</strong> : vacances scolaires connues jusqu'au ${formatDateFr(knownUntil)} seulement.`,
      );
    } finally {
      await write((tx) => tx.schoolHoliday.createMany({ data: later }));
    }
  });
});
