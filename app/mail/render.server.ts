import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";

// Relative imports (rather than the `#emails/*` alias) so that every bundler and
// test runner resolves them without extra configuration.
import OrganizationInvitation, {
  subject as organizationInvitationSubject,
  type OrganizationInvitationProps,
} from "../../emails/organization-invitation";
import PasswordReset, {
  subject as passwordResetSubject,
  type PasswordResetProps,
} from "../../emails/password-reset";
import VerifyEmail, {
  subject as verifyEmailSubject,
  type VerifyEmailProps,
} from "../../emails/verify-email";

/** Props expected by each email template, keyed by template name. */
export interface EmailProps {
  "verify-email": VerifyEmailProps;
  "password-reset": PasswordResetProps;
  "organization-invitation": OrganizationInvitationProps;
}

export type EmailTemplateName = keyof EmailProps;

interface EmailTemplate<P> {
  component: ComponentType<P>;
  subject: (props: P) => string;
}

const templates: { [K in EmailTemplateName]: EmailTemplate<EmailProps[K]> } = {
  "verify-email": { component: VerifyEmail, subject: verifyEmailSubject },
  "password-reset": { component: PasswordReset, subject: passwordResetSubject },
  "organization-invitation": {
    component: OrganizationInvitation,
    subject: organizationInvitationSubject,
  },
};

export const EMAIL_TEMPLATE_NAMES = Object.keys(templates) as EmailTemplateName[];

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders an email template to its subject line, HTML body and plain-text body.
 */
export async function renderEmail<T extends EmailTemplateName>(
  name: T,
  props: EmailProps[T],
): Promise<RenderedEmail> {
  const template = templates[name] as EmailTemplate<EmailProps[T]>;
  if (!template) throw new Error(`Unknown email template: ${String(name)}`);
  // createElement's overloads cannot relate a generic props type to its component; the
  // registry above guarantees that `props` matches `template.component`.
  const element = createElement(template.component as ComponentType<object>, props);
  const [html, text] = await Promise.all([
    render(element),
    render(element, {
      plainText: true,
      // Keep headings in their original case: upper-casing hurts readability of French.
      htmlToTextOptions: { selectors: [{ selector: "h1", options: { uppercase: false } }] },
    }),
  ]);
  return { subject: template.subject(props), html, text: text.trim() };
}
