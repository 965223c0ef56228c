// Demo events: reverse fair, webinar, past meeting (issue 5). Filled in by the meetings work.
export interface DemoMeetingsSummary {
  events: number;
  ledgerRecords: number;
}

export async function seedDemoMeetings(): Promise<DemoMeetingsSummary> {
  return { events: 0, ledgerRecords: 0 };
}
