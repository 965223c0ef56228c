// An organisation's calendar settings: its policy per kind of blocked period ("refuse" or
// "justify", read by the calendar's loadBlockPolicies) and its own blocked periods (read by
// loadCalendarContext). Both are read fresh by the calendar module, so a change applies at once.
import { db, write } from "~/db/db.server";
import type { BlockedPeriodInput, PoliciesInput } from "./calendar-settings";

export async function updateBlockPolicies(organizationId: string, input: PoliciesInput): Promise<void> {
  await write((tx) => tx.organization.update({ where: { id: organizationId }, data: input }));
}

export function listBlockedPeriods(organizationId: string) {
  return db.organizationBlockedPeriod.findMany({
    where: { organizationId },
    orderBy: [{ startDate: "asc" }, { endDate: "asc" }],
    select: { id: true, label: true, startDate: true, endDate: true },
  });
}

export async function addBlockedPeriod(organizationId: string, input: BlockedPeriodInput) {
  return write((tx) =>
    tx.organizationBlockedPeriod.create({ data: { organizationId, ...input }, select: { id: true } }),
  );
}

/** Removes one of the organisation's periods; false when there is no such period for it. */
export async function removeBlockedPeriod(organizationId: string, id: string): Promise<boolean> {
  const { count } = await write((tx) => tx.organizationBlockedPeriod.deleteMany({ where: { id, organizationId } }));
  return count > 0;
}
