// Every kind of scheduled job and its handler.
import { JOIN_LINK_JOB, REMINDER_JOB } from "~/meetings/registrations.server";
import { SOURCING_INVITATIONS_JOB, sendSourcingInvitations } from "~/sourcing/invitations.server";
import { sendJoinLink, sendReminder } from "./event-jobs.server";
import type { JobHandlers } from "./worker.server";

export const JOB_HANDLERS: JobHandlers = {
  [JOIN_LINK_JOB]: sendJoinLink,
  [REMINDER_JOB]: sendReminder,
  [SOURCING_INVITATIONS_JOB]: sendSourcingInvitations,
};
