// Suppliers with alerts, and buyers with published editions, for the alert tests. Dates count from
// today with the calendar's own rules (tests/support/days.ts).
import { createAlert, type AlertOwner } from "~/alerts/alerts.server";
import { alertSchema } from "~/alerts/schema";
import { publishEdition } from "~/plan/editions.server";
import { createPlannedProcurement } from "~/plan/plan.server";
import { semesterKey, semesterOf } from "~/plan/vocabulary";
import { createBuyer, input } from "../plan/fixtures";
import { openDayEverywhereFrom } from "../support/days";

/**
 * The expected publication of the procurements of these tests: a day about two months ahead, open in
 * every school holiday zone (the buyers are in several); and a later one in the same semester, to move a procurement to (so that the next edition is of
 * the same semester whatever today is).
 */
function publicationDays(): { first: string; later: string } {
  let first = openDayEverywhereFrom(60);
  while (semesterKey(semesterOf(first)) !== semesterKey(semesterOf(openDayEverywhereFrom(7, first))))
    first = openDayEverywhereFrom(14, first);
  return { first, later: openDayEverywhereFrom(7, first) };
}
export const { first: PUBLICATION_DAY, later: LATER_DAY } = publicationDays();

export async function createSupplierMember(name: string, departement = "69") {
  const supplier = await createBuyer({ name, departement, kind: "supplier" });
  const owner: AlertOwner = { userId: supplier.user.id, organizationId: supplier.organization.id };
  return { ...supplier, owner, email: supplier.user.email };
}

/** An alert saved through the application, from the form's fields (lists typed as text). */
export async function saveAlert(owner: AlertOwner, fields: Record<string, unknown>) {
  const result = await createAlert(owner, alertSchema.parse({ frequency: "weekly", ...fields }));
  if (!result.ok) throw new Error(result.message);
  return result.id;
}

/** A buyer whose procurements are published at once as an edition of their semester. */
export async function buyerWithEdition(
  name: string,
  departement: string,
  procurements: Record<string, unknown>[],
  day = PUBLICATION_DAY,
) {
  const buyer = await createBuyer({ name, departement });
  const organization = { id: buyer.organization.id, name: buyer.organization.name, departement };
  const ids: string[] = [];
  for (const overrides of procurements) {
    const created = await createPlannedProcurement(
      buyer.actor,
      organization,
      // No response deadline: its window would depend on the holidays of the coming months.
      input({ expectedPublicationDate: day, responseDeadline: undefined, ...overrides }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    ids.push(created.id);
  }
  const published = await publishEdition(buyer.actor, organization.id, semesterOf(day));
  if (!published.ok) throw new Error(published.message);
  return { ...buyer, organization, procurementIds: ids, edition: published.edition };
}
