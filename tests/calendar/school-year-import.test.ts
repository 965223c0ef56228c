// The school calendar file parsers, on small sample files written from the ministry's formats.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  normalizePeriod,
  normalizeZone,
  parisDateOf,
  parseSchoolCalendarFile,
  schoolYearOf,
} from "~/calendar/school-year-import";

const fixture = (name: string) => readFileSync(`tests/calendar/fixtures/${name}`, "utf8");

function ics(events: string[], calendarName = "Calendrier Scolaire Zone A") {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//test//FR",
    `X-WR-CALNAME:${calendarName}`,
    ...events,
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
function vevent(summary: string, start: string, end: string | null, uid = Math.random().toString(36)) {
  return [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20261101T080000Z",
    `DTSTART;VALUE=DATE:${start}`,
    ...(end ? [`DTEND;VALUE=DATE:${end}`] : []),
    `SUMMARY:${summary}`,
    "END:VEVENT",
  ].join("\r\n");
}

describe("ICS (per zone)", () => {
  it("reads the two all-day events, with the exclusive DTEND as the day classes resume", () => {
    const result = parseSchoolCalendarFile("Zone-B.ics", fixture("Zone-B.ics"));
    expect(result).toEqual({
      ok: true,
      format: "ics",
      warnings: [],
      rows: [
        {
          schoolYear: "2026-2027",
          zone: "B",
          period: "Vacances de Noël",
          firstDayOff: "2026-12-19",
          classesResume: "2027-01-04",
        },
        {
          schoolYear: "2026-2027",
          zone: "B",
          period: "Vacances d'Hiver",
          firstDayOff: "2027-02-20",
          classesResume: "2027-03-08",
        },
      ],
    });
  });

  it("skips a summer placeholder (DTSTART = DTEND) with a note, and ignores the rentrée", () => {
    const result = parseSchoolCalendarFile(
      "Zone-A.ics",
      ics([
        vevent("Vacances de Printemps - Zone A", "20270410", "20270426"),
        vevent("Début des Vacances d'Été - Zone A", "20270703", "20270703"),
        vevent("Rentrée scolaire des élèves - Zone A", "20260901", "20260902"),
      ]),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.rows).toEqual([
      {
        schoolYear: "2026-2027",
        zone: "A",
        period: "Vacances de Printemps",
        firstDayOff: "2027-04-10",
        classesResume: "2027-04-26",
      },
    ]);
    expect(result.warnings.join("\n")).toContain(
      "Vacances d'Été (zone A, à partir du 03/07/2027) : la date de reprise n'est pas encore publiée",
    );
    expect(result.warnings.join("\n")).toContain("Rentrée scolaire des élèves");
  });

  it("takes the zone from the calendar or file name when the summary has none, and converts UTC times through Paris", () => {
    const events = [
      [
        "BEGIN:VEVENT",
        "UID:1",
        "DTSTART:20261218T230000Z",
        "DTEND:20270103T230000Z",
        "SUMMARY:Vacances de Noël",
        "END:VEVENT",
      ].join("\r\n"),
      [
        "BEGIN:VEVENT",
        "UID:2",
        "DTSTART:20261016T220000Z",
        "DTEND:20261101T230000Z",
        "SUMMARY:Vacances de la Toussaint",
        "END:VEVENT",
      ].join("\r\n"),
    ];
    const result = parseSchoolCalendarFile("Corse.ics", ics(events, "Calendrier scolaire"));
    if (!result.ok) throw new Error(result.message);
    expect(result.rows).toEqual([
      {
        schoolYear: "2026-2027",
        zone: "Corse",
        period: "Vacances de la Toussaint",
        firstDayOff: "2026-10-17",
        classesResume: "2026-11-02",
      },
      {
        schoolYear: "2026-2027",
        zone: "Corse",
        period: "Vacances de Noël",
        firstDayOff: "2026-12-19",
        classesResume: "2027-01-04",
      },
    ]);
  });

  it("refuses a calendar that holds no school holidays", () => {
    const result = parseSchoolCalendarFile(
      "agenda.ics",
      ics([vevent("Conseil municipal", "20270112", "20270113")], "Agenda de la mairie"),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(
        /^Ce fichier ne ressemble pas au calendrier scolaire du ministère : aucune période de vacances/,
      );
  });

  it("refuses a broken ICS file", () => {
    const result = parseSchoolCalendarFile(
      "Zone-A.ics",
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2027\r\n",
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("Ce fichier ne ressemble pas au calendrier scolaire du ministère");
  });
});

describe("open-data export (JSON and CSV)", () => {
  it("JSON: deduplicates académies, converts UTC midnight through Europe/Paris, ignores teachers, rentrée, placeholders and uncovered zones", () => {
    const result = parseSchoolCalendarFile(
      "calendrier-scolaire-export.json",
      fixture("calendrier-scolaire-export.json"),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.format).toBe("json");
    expect(result.rows).toEqual([
      // 2027-10-22T22:00:00+00:00 is midnight on 23 October in Paris (summer time, UTC+2).
      {
        schoolYear: "2027-2028",
        zone: "A",
        period: "Vacances de la Toussaint",
        firstDayOff: "2027-10-23",
        classesResume: "2027-11-08",
      },
      // 2027-12-17T23:00:00+00:00 is midnight on 18 December in Paris (winter time, UTC+1): three académies, one row.
      {
        schoolYear: "2027-2028",
        zone: "A",
        period: "Vacances de Noël",
        firstDayOff: "2027-12-18",
        classesResume: "2028-01-03",
      },
      {
        schoolYear: "2027-2028",
        zone: "A",
        period: "Vacances d'Hiver",
        firstDayOff: "2028-02-19",
        classesResume: "2028-03-06",
      },
      {
        schoolYear: "2027-2028",
        zone: "C",
        period: "Vacances de Noël",
        firstDayOff: "2027-12-18",
        classesResume: "2028-01-03",
      },
      {
        schoolYear: "2027-2028",
        zone: "Corse",
        period: "Vacances de Noël",
        firstDayOff: "2027-12-18",
        classesResume: "2028-01-03",
      },
    ]);
    const warnings = result.warnings.join("\n");
    expect(warnings).toContain("Vacances d'Été (zone A, à partir du 08/07/2028)");
    expect(warnings).toContain("1 ligne concernant les enseignants a été ignorée");
    expect(warnings).toContain("Polynésie");
  });

  it("JSON: accepts the API's { results } and { records: [{ fields }] } shapes", () => {
    const record = {
      description: "Vacances de Noël",
      population: "-",
      start_date: "2027-12-17T23:00:00+00:00",
      end_date: "2028-01-02T23:00:00+00:00",
      location: "Lyon",
      zones: "Zone A",
      annee_scolaire: "2027-2028",
    };
    for (const body of [{ total_count: 1, results: [record] }, { records: [{ fields: record }] }]) {
      const result = parseSchoolCalendarFile("export.json", JSON.stringify(body));
      expect(result.ok && result.rows).toEqual([
        {
          schoolYear: "2027-2028",
          zone: "A",
          period: "Vacances de Noël",
          firstDayOff: "2027-12-18",
          classesResume: "2028-01-03",
        },
      ]);
    }
  });

  it("CSV with ';' separator, BOM, quotes and CRLF: one row per period of the zone", () => {
    const result = parseSchoolCalendarFile("calendrier-scolaire-export.csv", fixture("calendrier-scolaire-export.csv"));
    if (!result.ok) throw new Error(result.message);
    expect(result.format).toBe("csv");
    expect(
      result.rows.map((row) => [row.zone, row.schoolYear, row.period, row.firstDayOff, row.classesResume]),
    ).toEqual([
      ["B", "2027-2028", "Vacances de la Toussaint", "2027-10-23", "2027-11-08"],
      ["B", "2027-2028", "Vacances de Noël", "2027-12-18", "2028-01-03"],
      ["B", "2027-2028", "Vacances d'Hiver", "2028-02-05", "2028-02-21"],
      ["B", "2027-2028", "Vacances de Printemps", "2028-04-08", "2028-04-24"],
      ["B", "2027-2028", "Vacances d'Été", "2028-07-08", "2028-09-01"],
    ]);
  });

  it("CSV with the portal's French column labels", () => {
    const csv = [
      "Description;Population;Date de début;Date de fin;Académies;Zones;Année scolaire",
      "Vacances de Noël;Élèves;2027-12-17T23:00:00+00:00;2028-01-02T23:00:00+00:00;Lyon;Zone A;2027-2028",
    ].join("\n");
    const result = parseSchoolCalendarFile("export.csv", csv);
    expect(result.ok && result.rows).toEqual([
      {
        schoolYear: "2027-2028",
        zone: "A",
        period: "Vacances de Noël",
        firstDayOff: "2027-12-18",
        classesResume: "2028-01-03",
      },
    ]);
  });

  it("keeps the most common dates when académies disagree, and says so", () => {
    const rows = ["Lyon", "Grenoble", "Dijon"].map((location, index) => ({
      description: "Vacances d'Hiver",
      population: "-",
      start_date: index === 2 ? "2028-02-11T23:00:00+00:00" : "2028-02-18T23:00:00+00:00",
      end_date: index === 2 ? "2028-02-27T23:00:00+00:00" : "2028-03-05T23:00:00+00:00",
      location,
      zones: "Zone A",
      annee_scolaire: "2027-2028",
    }));
    const result = parseSchoolCalendarFile("export.json", JSON.stringify(rows));
    if (!result.ok) throw new Error(result.message);
    expect(result.rows).toEqual([
      {
        schoolYear: "2027-2028",
        zone: "A",
        period: "Vacances d'Hiver",
        firstDayOff: "2028-02-19",
        classesResume: "2028-03-06",
      },
    ]);
    expect(result.warnings.join("\n")).toContain("les académies ne donnent pas toutes les mêmes dates");
  });
});

describe("unrelated or bad files", () => {
  it.each([
    ["unrelated.csv", fixture("unrelated.csv"), /il manque les colonnes description, start_date, end_date, zones/],
    ["photo.json", '{"name": "Amont", "version": 2}', /le JSON n'est pas une liste de périodes/],
    ["export.json", '[{"description": "Vacances', /le fichier JSON est illisible/],
    [
      "lettre.txt",
      "Bonjour\nVeuillez trouver ci-joint le document demandé.",
      /ni un fichier ICS, ni un JSON, ni un CSV/,
    ],
    ["courrier.txt", "Madame, Monsieur, bonjour,\nVeuillez trouver ci-joint…", /il manque les colonnes/],
    ["Zone-A.ics", "Ceci n'est pas un calendrier", /ne commence pas par BEGIN:VCALENDAR/],
    ["document.pdf", "%PDF-1.7\n\u0000\u0001\u0002binary", /fichier binaire/],
    [
      "export.json",
      '[{"description": "Rentrée scolaire des élèves", "population": "Élèves", "start_date": "2027-09-01", "end_date": "2027-09-01", "zones": "Zone A"}]',
      /aucune période de vacances/,
    ],
  ])("%s is refused with a clear French message", (name, content, message) => {
    const result = parseSchoolCalendarFile(name, content);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).toMatch(
        /^(Ce fichier ne ressemble pas au calendrier scolaire du ministère : |Le fichier)/,
      );
    }
  });

  it("refuses an empty file", () => {
    expect(parseSchoolCalendarFile("vide.csv", "\uFEFF  \n")).toEqual({ ok: false, message: "Le fichier est vide." });
  });
});

describe("helpers", () => {
  it("normalises periods, zones, school years and dates", () => {
    expect(normalizePeriod("Début des Vacances d’Été")).toBe("Vacances d'Été");
    expect(normalizePeriod("vacances de noel")).toBe("Vacances de Noël");
    expect(normalizePeriod("Pont de l'Ascension")).toBe("Pont de l'Ascension");
    expect(normalizePeriod("Rentrée scolaire des enseignants")).toBeNull();
    expect(normalizeZone("Zone B")).toBe("B");
    expect(normalizeZone("La Réunion")).toBe("Réunion");
    expect(normalizeZone("Polynésie")).toBeNull();
    expect(schoolYearOf("2027-07-03")).toBe("2026-2027");
    expect(schoolYearOf("2027-10-23")).toBe("2027-2028");
    expect(parisDateOf("2025-12-19T23:00:00+00:00")).toBe("2025-12-20");
    expect(parisDateOf("2025-12-19T23:00:00Z")).toBe("2025-12-20");
    expect(parisDateOf("2026-07-03T22:00:00+00:00")).toBe("2026-07-04");
    expect(parisDateOf("2025-12-20T00:00:00+01:00")).toBe("2025-12-20");
    expect(parisDateOf("2025-12-20")).toBe("2025-12-20");
    expect(parisDateOf("20/12/2025")).toBe("2025-12-20");
    expect(parisDateOf("2025-02-30")).toBeNull();
    expect(parisDateOf("bientôt")).toBeNull();
  });
});
