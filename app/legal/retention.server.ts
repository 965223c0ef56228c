// The retention periods the privacy notice states, read from the constants the code enforces, so
// that the notice cannot drift from what the code does.
import { VERIFICATION_LIFETIME_MS, RESET_LIFETIME_MS } from "~/auth/accounts.server";
import { LONGEST_LIMIT_WINDOW_MS } from "~/auth/limits";
import { SESSION_LIFETIME_MS } from "~/auth/session.server";
import { INVITATION_LIFETIME_MS } from "~/organizations/organizations.server";
import type { RetentionPeriods } from "./privacy-notice";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "30 jours", "1 heure", "15 minutes": the largest whole unit. */
export function durationFr(ms: number): string {
  const [count, singular, plural] =
    ms % DAY_MS === 0
      ? [ms / DAY_MS, "jour", "jours"]
      : ms % HOUR_MS === 0
        ? [ms / HOUR_MS, "heure", "heures"]
        : [Math.round(ms / MINUTE_MS), "minute", "minutes"];
  return `${count} ${count > 1 ? plural : singular}`;
}

export function retentionPeriods(): RetentionPeriods {
  return {
    session: durationFr(SESSION_LIFETIME_MS),
    verificationCode: durationFr(VERIFICATION_LIFETIME_MS),
    resetLink: durationFr(RESET_LIFETIME_MS),
    invitation: durationFr(INVITATION_LIFETIME_MS),
    limitCounters: durationFr(LONGEST_LIMIT_WINDOW_MS),
  };
}
