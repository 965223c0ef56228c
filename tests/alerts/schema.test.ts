// The alert form's schema: what it accepts, and the French message that names each bad value.
import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { alertSchema, criteriaOf, formValuesOf, NO_CRITERION_MESSAGE } from "~/alerts/schema";
import { isoWeekKey, digestWeek, mondayOfWeek, nextWeekKey } from "~/alerts/weeks";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const entry of Array.isArray(value) ? value : [value]) data.append(name, entry);
  return data;
}

function parse(fields: Record<string, string | string[]>) {
  return parseWithZod(form({ name: "Menuiserie", frequency: "weekly", ...fields }), { schema: alertSchema });
}

describe("alert form", () => {
  it("reads lists as typed: divisions or full CPV codes, départements, keywords", () => {
    const submission = parse({
      cpvDivisions: "45, 71 ; 45210000-2",
      departements: "69 1 2a",
      regions: ["84"],
      categories: ["travaux", "services"],
      conditions: ["reserve", "sociale"],
      keywords: "Menuiserie, bois massif ; MENUISERIE",
      emptyWeek: "short-message",
    });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    const criteria = criteriaOf(submission.value);
    expect(criteria).toEqual({
      cpvDivisions: ["45", "71"],
      departements: ["69", "01", "2A"],
      regions: ["84"],
      categories: ["travaux", "services"],
      reservedOnly: true,
      environmental: false,
      social: true,
      keywords: ["Menuiserie", "bois massif"],
    });
    expect(submission.value.emptyWeek).toBe("short-message");
    // And back: the edit form shows the lists as one would type them.
    expect(formValuesOf({ name: "M", frequency: "weekly", emptyWeek: "nothing", criteria })).toMatchObject({
      cpvDivisions: "45, 71",
      departements: "69, 01, 2A",
      keywords: "Menuiserie, bois massif",
      conditions: ["reserve", "sociale"],
    });
  });

  it("names the CPV division, the département or the keyword that is wrong", () => {
    const submission = parse({ cpvDivisions: "45, 46, 9921", departements: "69, 20, 99", keywords: "a, bois" });
    expect(submission.status).toBe("error");
    const errors = submission.reply().error ?? {};
    expect(errors.cpvDivisions).toEqual([
      expect.stringContaining("« 46 » n'est pas une division CPV"),
      expect.stringContaining("« 9921 » n'est pas une division CPV"),
    ]);
    expect(errors.departements).toEqual([
      expect.stringContaining("« 20 » n'est pas un département"),
      expect.stringContaining("« 99 » n'est pas un département"),
    ]);
    expect(errors.keywords).toEqual([expect.stringContaining("Le mot-clé « a » est trop court")]);
  });

  it("refuses too many or too long keywords, and an alert without any criterion", () => {
    const tooMany = parse({ keywords: Array.from({ length: 11 }, (_, i) => `mot${i}`).join(", ") });
    expect(tooMany.reply().error?.keywords).toEqual([expect.stringContaining("Au plus 10 mots-clés")]);
    const tooLong = parse({ keywords: "x".repeat(41) });
    expect(tooLong.reply().error?.keywords).toEqual([expect.stringContaining("est trop long")]);
    const none = parse({});
    expect(none.reply().error?.[""]).toEqual([NO_CRITERION_MESSAGE]);
    const noName = parseWithZod(form({ frequency: "weekly", keywords: "bois" }), { schema: alertSchema });
    expect(noName.reply().error?.name).toEqual([expect.stringContaining("Donnez un nom")]);
    const badFrequency = parse({ frequency: "hourly", keywords: "bois" });
    expect(badFrequency.reply().error?.frequency).toEqual([expect.stringContaining("Choisissez quand")]);
    const badRegion = parse({ regions: ["99"] });
    expect(badRegion.reply().error?.["regions[0]"] ?? badRegion.reply().error?.regions).toBeDefined();
  });
});

describe("digest weeks", () => {
  it("are ISO weeks of Paris dates, sent the next Monday at 07:00 Paris time", () => {
    expect(isoWeekKey("2027-01-01")).toBe("2026-W53");
    expect(isoWeekKey("2027-01-04")).toBe("2027-W01");
    expect(mondayOfWeek("2027-W01")).toBe("2027-01-04");
    expect(mondayOfWeek("2027-W54")).toBeNull();
    expect(nextWeekKey("2026-W53")).toBe("2027-W01");
    // Clocks go forward on Sunday 28 March 2027: that week is one hour shorter.
    const week = digestWeek("2027-W12")!;
    expect(week.monday).toBe("2027-03-22");
    expect(week.from.toISOString()).toBe("2027-03-21T23:00:00.000Z");
    expect(week.to.toISOString()).toBe("2027-03-28T22:00:00.000Z");
    expect(week.to.getTime() - week.from.getTime()).toBe(167 * 3600 * 1000);
    expect(week.sendAt.toISOString()).toBe("2027-03-29T05:00:00.000Z");
    const winter = digestWeek("2027-W05")!;
    expect(winter.from.toISOString()).toBe("2027-01-31T23:00:00.000Z");
    expect(winter.sendAt.toISOString()).toBe("2027-02-08T06:00:00.000Z");
  });
});
