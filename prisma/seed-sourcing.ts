// Demo sourcing questionnaires (issue 4). Filled in by the sourcing work.
export interface DemoSourcingSummary {
  questionnaires: number;
  ledgerRecords: number;
}

export async function seedDemoSourcing(): Promise<DemoSourcingSummary> {
  return { questionnaires: 0, ledgerRecords: 0 };
}
