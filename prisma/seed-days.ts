// Days for the demo data, counted from today with each organisation's own calendar, so that the
// demo always shows events to come and events past, whenever it is loaded.
import { loadBlockPolicies, loadCalendarContext } from "../app/calendar/calendar.server";
import { addDays, dayOfWeek, todayInParis } from "../app/calendar/dates";
import { evaluateDate } from "../app/calendar/rules";

/** Whether the organisation's calendar allows an event on a day without justification. */
async function allowedBy(organization: { id: string; departement: string }): Promise<(day: string) => boolean> {
  const [ctx, policies] = await Promise.all([
    loadCalendarContext(organization.departement, organization.id),
    loadBlockPolicies(organization.id),
  ]);
  return (day) => evaluateDate(ctx, day, "event", policies).status === "ok";
}

/**
 * The first day at least `daysAhead` days after today (Paris) that falls on `weekday` (0 Sunday …
 * 6 Saturday) and that the organisation's calendar allows without justification.
 */
export async function allowedDemoDay(
  organization: { id: string; departement: string },
  daysAhead: number,
  weekday = 4,
): Promise<string> {
  const allowed = await allowedBy(organization);
  let day = addDays(todayInParis(), daysAhead);
  for (let tries = 0; tries < 400; tries++, day = addDays(day, 1)) {
    if (dayOfWeek(day) === weekday && allowed(day)) return day;
  }
  throw new Error("No allowed demo day found");
}

/** The last day at least `daysAgo` days before today that the organisation's calendar allows without justification. */
export async function lastAllowedDemoDay(
  organization: { id: string; departement: string },
  daysAgo: number,
): Promise<string> {
  const allowed = await allowedBy(organization);
  let day = addDays(todayInParis(), -daysAgo);
  for (let tries = 0; tries < 400; tries++, day = addDays(day, -1)) if (allowed(day)) return day;
  throw new Error("No allowed day found for the demo meeting");
}
