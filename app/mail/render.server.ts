import { plainTextSelectors, render } from "@react-email/render";
import { compile } from "html-to-text";
import { createElement, type ComponentType } from "react";

// Relative imports (rather than the `#emails/*` alias) so that every bundler and
// test runner resolves them without extra configuration.
import OrganizationInvitation, {
  subject as organizationInvitationSubject,
  type OrganizationInvitationProps,
} from "../../emails/organization-invitation";
import AccountExists, { subject as accountExistsSubject, type AccountExistsProps } from "../../emails/account-exists";
// Verified organisations and claims on a registered SIRET or SIREN.
import OrganizationClaimDecided, {
  subject as organizationClaimDecidedSubject,
  type OrganizationClaimDecidedProps,
} from "../../emails/organization-claim-decided";
import OrganizationClaimRequested, {
  subject as organizationClaimRequestedSubject,
  type OrganizationClaimRequestedProps,
} from "../../emails/organization-claim-requested";
import OrganizationVerificationDecided, {
  subject as organizationVerificationDecidedSubject,
  type OrganizationVerificationDecidedProps,
} from "../../emails/organization-verification-decided";
import OrganizationVerificationRequested, {
  subject as organizationVerificationRequestedSubject,
  type OrganizationVerificationRequestedProps,
} from "../../emails/organization-verification-requested";
import PasswordReset, { subject as passwordResetSubject, type PasswordResetProps } from "../../emails/password-reset";
import PasswordResetNoAccount, {
  subject as passwordResetNoAccountSubject,
  type PasswordResetNoAccountProps,
} from "../../emails/password-reset-no-account";
import VerifyEmail, { subject as verifyEmailSubject, type VerifyEmailProps } from "../../emails/verify-email";
// Webinars and information meetings (registrations, scheduled messages, materials).
import EventJoinLink, { subject as eventJoinLinkSubject, type EventJoinLinkProps } from "../../emails/event-join-link";
import EventMaterials, {
  subject as eventMaterialsSubject,
  type EventMaterialsProps,
} from "../../emails/event-materials";
import EventReminder, { subject as eventReminderSubject, type EventReminderProps } from "../../emails/event-reminder";
import RegistrationCancelled, {
  subject as registrationCancelledSubject,
  type RegistrationCancelledProps,
} from "../../emails/registration-cancelled";
import RegistrationConfirmed, {
  subject as registrationConfirmedSubject,
  type RegistrationConfirmedProps,
} from "../../emails/registration-confirmed";
import RegistrationPromoted, {
  subject as registrationPromotedSubject,
  type RegistrationPromotedProps,
} from "../../emails/registration-promoted";
import RegistrationWaitlisted, {
  subject as registrationWaitlistedSubject,
  type RegistrationWaitlistedProps,
} from "../../emails/registration-waitlisted";
// Reverse fairs (stand bookings and their waiting lists).
import BookingCancelled, {
  subject as bookingCancelledSubject,
  type BookingCancelledProps,
} from "../../emails/booking-cancelled";
import BookingConfirmed, {
  subject as bookingConfirmedSubject,
  type BookingConfirmedProps,
} from "../../emails/booking-confirmed";
import WaitlistPromoted, {
  subject as waitlistPromotedSubject,
  type WaitlistPromotedProps,
} from "../../emails/waitlist-promoted";
// Sourcing questionnaires (new versions, invitations, published clarifications).
import SourcingClarification, {
  subject as sourcingClarificationSubject,
  type SourcingClarificationProps,
} from "../../emails/sourcing-clarification";
import SourcingInvitation, {
  subject as sourcingInvitationSubject,
  type SourcingInvitationProps,
} from "../../emails/sourcing-invitation";
import SourcingNewVersion, {
  subject as sourcingNewVersionSubject,
  type SourcingNewVersionProps,
} from "../../emails/sourcing-new-version";
import SourcingClosed, {
  subject as sourcingClosedSubject,
  type SourcingClosedProps,
} from "../../emails/sourcing-closed";
import EventCancelled, {
  subject as eventCancelledSubject,
  type EventCancelledProps,
} from "../../emails/event-cancelled";
import EventMoved, { subject as eventMovedSubject, type EventMovedProps } from "../../emails/event-moved";
// Supplier alerts (immediate and weekly).
import AlertDigest, { subject as alertDigestSubject, type AlertDigestProps } from "../../emails/alert-digest";
import AlertImmediate, {
  subject as alertImmediateSubject,
  type AlertImmediateProps,
} from "../../emails/alert-immediate";
// Relays: a followed buyer published an edition.
import RelayEditionNotice, {
  subject as relayEditionNoticeSubject,
  type RelayEditionNoticeProps,
} from "../../emails/relay-edition-notice";

/** Props expected by each email template, keyed by template name. */
export interface EmailProps {
  "verify-email": VerifyEmailProps;
  "password-reset": PasswordResetProps;
  "account-exists": AccountExistsProps;
  "password-reset-no-account": PasswordResetNoAccountProps;
  "organization-invitation": OrganizationInvitationProps;
  "organization-verification-requested": OrganizationVerificationRequestedProps;
  "organization-verification-decided": OrganizationVerificationDecidedProps;
  "organization-claim-requested": OrganizationClaimRequestedProps;
  "organization-claim-decided": OrganizationClaimDecidedProps;
  "registration-confirmed": RegistrationConfirmedProps;
  "registration-waitlisted": RegistrationWaitlistedProps;
  "registration-promoted": RegistrationPromotedProps;
  "registration-cancelled": RegistrationCancelledProps;
  "event-join-link": EventJoinLinkProps;
  "event-reminder": EventReminderProps;
  "event-materials": EventMaterialsProps;
  "booking-confirmed": BookingConfirmedProps;
  "booking-cancelled": BookingCancelledProps;
  "waitlist-promoted": WaitlistPromotedProps;
  "sourcing-new-version": SourcingNewVersionProps;
  "sourcing-closed": SourcingClosedProps;
  "event-cancelled": EventCancelledProps;
  "event-moved": EventMovedProps;
  "sourcing-invitation": SourcingInvitationProps;
  "sourcing-clarification": SourcingClarificationProps;
  "alert-digest": AlertDigestProps;
  "alert-immediate": AlertImmediateProps;
  "relay-edition-notice": RelayEditionNoticeProps;
}

export type EmailTemplateName = keyof EmailProps;

interface EmailTemplate<P> {
  component: ComponentType<P>;
  subject: (props: P) => string;
  /**
   * Props whose value is a secret (a code, a link that signs in, verifies or accepts): a message
   * with one is marked at creation, shown masked in the admin outbox, and erased once sent.
   */
  secretProps?: readonly (keyof P & string)[];
}

const templates: { [K in EmailTemplateName]: EmailTemplate<EmailProps[K]> } = {
  "verify-email": { component: VerifyEmail, subject: verifyEmailSubject, secretProps: ["code", "verifyUrl"] },
  "password-reset": { component: PasswordReset, subject: passwordResetSubject, secretProps: ["resetUrl"] },
  "account-exists": { component: AccountExists, subject: accountExistsSubject },
  "password-reset-no-account": { component: PasswordResetNoAccount, subject: passwordResetNoAccountSubject },
  "organization-invitation": {
    component: OrganizationInvitation,
    subject: organizationInvitationSubject,
    secretProps: ["acceptUrl"],
  },
  "organization-verification-requested": {
    component: OrganizationVerificationRequested,
    subject: organizationVerificationRequestedSubject,
  },
  "organization-verification-decided": {
    component: OrganizationVerificationDecided,
    subject: organizationVerificationDecidedSubject,
  },
  "organization-claim-requested": {
    component: OrganizationClaimRequested,
    subject: organizationClaimRequestedSubject,
  },
  "organization-claim-decided": { component: OrganizationClaimDecided, subject: organizationClaimDecidedSubject },
  "registration-confirmed": { component: RegistrationConfirmed, subject: registrationConfirmedSubject },
  "registration-waitlisted": { component: RegistrationWaitlisted, subject: registrationWaitlistedSubject },
  "registration-promoted": { component: RegistrationPromoted, subject: registrationPromotedSubject },
  "registration-cancelled": { component: RegistrationCancelled, subject: registrationCancelledSubject },
  "event-join-link": { component: EventJoinLink, subject: eventJoinLinkSubject },
  "event-reminder": { component: EventReminder, subject: eventReminderSubject },
  "event-materials": { component: EventMaterials, subject: eventMaterialsSubject },
  "booking-confirmed": { component: BookingConfirmed, subject: bookingConfirmedSubject },
  "booking-cancelled": { component: BookingCancelled, subject: bookingCancelledSubject },
  "waitlist-promoted": { component: WaitlistPromoted, subject: waitlistPromotedSubject },
  "sourcing-new-version": { component: SourcingNewVersion, subject: sourcingNewVersionSubject },
  "sourcing-closed": { component: SourcingClosed, subject: sourcingClosedSubject },
  "event-cancelled": { component: EventCancelled, subject: eventCancelledSubject },
  "event-moved": { component: EventMoved, subject: eventMovedSubject },
  "sourcing-invitation": { component: SourcingInvitation, subject: sourcingInvitationSubject },
  "sourcing-clarification": { component: SourcingClarification, subject: sourcingClarificationSubject },
  // The unsubscribe link acts on the recipient's alert without signing in: a secret (decision 0019).
  "alert-digest": { component: AlertDigest, subject: alertDigestSubject, secretProps: ["unsubscribeUrl"] },
  "alert-immediate": { component: AlertImmediate, subject: alertImmediateSubject, secretProps: ["unsubscribeUrl"] },
  "relay-edition-notice": {
    component: RelayEditionNotice,
    subject: relayEditionNoticeSubject,
    secretProps: ["unsubscribeUrl"],
  },
};

export const EMAIL_TEMPLATE_NAMES = Object.keys(templates) as EmailTemplateName[];

/** The secret values among a message's props (see secretProps), longest first; empty for most templates. */
export function secretValuesOf<T extends EmailTemplateName>(name: T, props: EmailProps[T]): string[] {
  const template = templates[name] as EmailTemplate<EmailProps[T]>;
  return (template.secretProps ?? [])
    .map((prop): unknown => props[prop])
    .filter((value): value is string => typeof value === "string" && value !== "")
    .sort((a, b) => b.length - a.length);
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

// React Email's own plain-text conversion (its selectors, no word wrap), compiled once. Headings keep
// their original case: upper-casing hurts the readability of French.
const htmlToPlainText = compile({
  wordwrap: false,
  selectors: [...plainTextSelectors, { selector: "h1", options: { uppercase: false } }],
});

/**
 * Renders an email template to its subject line, HTML body and plain-text body.
 */
export async function renderEmail<T extends EmailTemplateName>(name: T, props: EmailProps[T]): Promise<RenderedEmail> {
  const template = templates[name] as EmailTemplate<EmailProps[T]>;
  if (!template) throw new Error(`Unknown email template: ${String(name)}`);
  // createElement's overloads cannot relate a generic props type to its component; the
  // registry above guarantees that `props` matches `template.component`.
  const element = createElement(template.component as ComponentType<object>, props);
  // Rendered once: the plain text is converted from the same HTML (React Email's plainText option
  // would render the component a second time and compile html-to-text's options on every call).
  const html = await render(element);
  const text = htmlToPlainText(html);
  return { subject: template.subject(props), html, text: text.trim() };
}
