// The plan's accuracy, on a buyer's public page: for each semester, what the latest published
// edition announced (each procurement with its expected publication date) against what the buyer
// then launched, and when. The announcement comes from the frozen edition; the launch is a later
// fact, recorded on the ledger (procurement.launched) and kept on the procurement itself.
import { todayInParis } from "~/calendar/dates";
import { db } from "~/db/db.server";
import { accuracySummary, launchTiming, type AccuracySummary, type LaunchTiming } from "./launch";
import { semesterKey } from "./vocabulary";

export interface AccuracyRow {
  plannedProcurementId: string;
  title: string;
  expectedPublicationDate: string;
  launchedOn: string | null;
  noticeReference: string | null;
  noticeUrl: string | null;
  timing: LaunchTiming;
}

export interface SemesterAccuracy {
  rows: AccuracyRow[];
  summary: AccuracySummary;
}

export const ACCURACY_ROWS = 50;

/** Per semester key ("2027-S1"), the announced procurements of the latest edition and their launch. */
export async function planAccuracy(
  organizationId: string,
  today = todayInParis(),
): Promise<Map<string, SemesterAccuracy>> {
  const items = await db.planEditionItem.findMany({
    where: { organizationId, edition: { isLatest: true } },
    orderBy: [{ expectedPublicationDate: "asc" }, { title: "asc" }],
    select: {
      plannedProcurementId: true,
      title: true,
      expectedPublicationDate: true,
      edition: { select: { year: true, half: true } },
    },
  });
  const launched = await db.plannedProcurement.findMany({
    where: { organizationId, id: { in: items.map((item) => item.plannedProcurementId) }, launchedOn: { not: null } },
    select: { id: true, launchedOn: true, launchNoticeReference: true, buyerProfileUrl: true },
  });
  const launches = new Map(launched.map((procurement) => [procurement.id, procurement]));
  const bySemester = new Map<string, AccuracyRow[]>();
  for (const item of items) {
    const key = semesterKey({ year: item.edition.year, half: item.edition.half === 2 ? 2 : 1 });
    const launch = launches.get(item.plannedProcurementId);
    const launchedOn = launch?.launchedOn ?? null;
    const rows = bySemester.get(key) ?? [];
    rows.push({
      plannedProcurementId: item.plannedProcurementId,
      title: item.title,
      expectedPublicationDate: item.expectedPublicationDate,
      launchedOn,
      noticeReference: launch?.launchNoticeReference ?? null,
      noticeUrl: launch?.buyerProfileUrl ?? null,
      timing: launchTiming(item.expectedPublicationDate, launchedOn, today),
    });
    bySemester.set(key, rows);
  }
  return new Map(
    [...bySemester].map(([key, rows]) => [
      key,
      { rows: rows.slice(0, ACCURACY_ROWS), summary: accuracySummary(rows.map((row) => row.timing)) },
    ]),
  );
}
