// Every kind of scheduled job: its handler, and its name on the administration page.
import {
  IMMEDIATE_ALERTS_JOB,
  sendImmediateAlerts,
  sendWeeklyDigest,
  WEEKLY_DIGEST_JOB,
} from "~/alerts/delivery.server";
import { RELAY_EDITION_NOTICE_JOB, sendRelayEditionNotice } from "~/relay/edition-notices.server";
import { JOIN_LINK_JOB, REMINDER_JOB } from "~/meetings/registrations.server";
import { SOURCING_INVITATIONS_JOB, sendSourcingInvitations } from "~/sourcing/invitations.server";
import { sendJoinLink, sendReminder } from "./event-jobs.server";
import { LEDGER_CHECKPOINT_JOB, signDailyCheckpoint } from "./ledger-jobs.server";
import type { JobHandlers } from "./worker.server";

export const JOB_HANDLERS: JobHandlers = {
  [JOIN_LINK_JOB]: sendJoinLink,
  [REMINDER_JOB]: sendReminder,
  [SOURCING_INVITATIONS_JOB]: sendSourcingInvitations,
  [LEDGER_CHECKPOINT_JOB]: signDailyCheckpoint,
  [IMMEDIATE_ALERTS_JOB]: sendImmediateAlerts,
  [WEEKLY_DIGEST_JOB]: sendWeeklyDigest,
  [RELAY_EDITION_NOTICE_JOB]: sendRelayEditionNotice,
};

export const JOB_KIND_LABELS: Record<string, string> = {
  [JOIN_LINK_JOB]: "Envoi du lien de connexion",
  [REMINDER_JOB]: "Rappel la veille",
  [SOURCING_INVITATIONS_JOB]: "Invitations à répondre à un questionnaire",
  [LEDGER_CHECKPOINT_JOB]: "Point de contrôle signé du registre (quotidien)",
  [IMMEDIATE_ALERTS_JOB]: "Alertes des entreprises dès une publication",
  [WEEKLY_DIGEST_JOB]: "Récapitulatif hebdomadaire des alertes",
  [RELAY_EDITION_NOTICE_JOB]: "Avis aux relais d'une nouvelle programmation",
};
