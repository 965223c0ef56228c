// Reads a procurement's record once, page by page, into the report the PDF prints (report.ts).
import { db } from "~/db/db.server";
import { semesterLabel, semesterOf, STATUSES, labelOf } from "~/plan/vocabulary";
import { eachRecordEntry, type RecordScope } from "../record.server";
import { RecordReportBuilder, type RecordReport } from "./report";

export interface ExportMark {
  /** The export's own ledger record: the last entry the export covers. */
  sequence: number;
  recordCount: number;
  actorLabel: string;
  exportedAt: Date;
}

/** Every entry of the record up to and including the export's own record. */
export async function* entriesThrough(scope: RecordScope, lastSequence: number) {
  for await (const entry of eachRecordEntry(scope)) {
    if (entry.sequence > lastSequence) return;
    yield entry;
  }
}

export async function buildRecordReport(scope: RecordScope, mark: ExportMark): Promise<RecordReport> {
  const { procurement } = scope;
  const builder = new RecordReportBuilder({
    questionnaire: (id) => scope.questionnaires.get(id) ?? null,
    event: (id) => scope.events.get(id) ?? null,
    ownerOrganizationId: procurement.organizationId,
  });
  for await (const entry of entriesThrough(scope, mark.sequence)) builder.add(entry);
  const [buyer, organizations] = await Promise.all([
    db.organization.findUnique({ where: { id: procurement.organizationId }, select: { name: true, siren: true } }),
    db.organization.findMany({
      where: { id: { in: [...builder.organizationIds()] } },
      select: { id: true, name: true },
    }),
  ]);
  return builder.finish(
    {
      buyer: { name: buyer?.name ?? procurement.organizationName, siren: buyer?.siren ?? null },
      procurement: {
        id: procurement.id,
        title: procurement.title,
        reference: procurement.reference,
        semester: semesterLabel(semesterOf(procurement.expectedPublicationDate)),
        expectedPublicationDate: procurement.expectedPublicationDate,
        statusLabel: labelOf(STATUSES, procurement.status),
        launchedOn: procurement.launchedOn,
        launchNoticeReference: procurement.launchNoticeReference,
        noticeUrl: procurement.buyerProfileUrl,
      },
      export: mark,
    },
    new Map(organizations.map((organization) => [organization.id, organization.name])),
  );
}
