// Verified organisations (pure): which organisations a platform admin reviews, what each state
// means for publishing, and the schemas of the review and claim forms.
// See docs/decisions/0020-organisation-verification.md.
import { z } from "zod";

export const VERIFICATION_STATUSES = {
  pending: "En cours de vérification",
  approved: "Vérifiée",
  refused: "Refusée",
} as const;
export type VerificationStatus = keyof typeof VERIFICATION_STATUSES;

export const CLAIM_STATUSES = {
  pending: "En attente",
  accepted: "Acceptée",
  refused: "Refusée",
} as const;
export type ClaimStatus = keyof typeof CLAIM_STATUSES;

/** Buyers and relays speak for a public body or a network: a platform admin checks them first. */
export function isReviewedKind(kind: string): boolean {
  return kind === "buyer" || kind === "relay";
}

/** The status a new organisation starts with: suppliers are not reviewed. */
export function initialVerificationStatus(kind: string): VerificationStatus {
  return isReviewedKind(kind) ? "pending" : "approved";
}

export const VERIFICATION_PENDING_MESSAGE =
  "Votre organisation est en cours de vérification par l'équipe Amont : vous pourrez publier dès sa validation.";

export const VERIFICATION_REFUSED_MESSAGE =
  "L'équipe Amont n'a pas validé votre organisation : elle ne peut rien publier sur Amont. Le motif a été envoyé par courriel à ses administrateurs.";

/** Why this organisation may not publish now, in French, or null when it may. */
export function publishingRefusal(organization: { kind: string; verificationStatus: string }): string | null {
  if (organization.verificationStatus === "approved") return null;
  return organization.verificationStatus === "refused" ? VERIFICATION_REFUSED_MESSAGE : VERIFICATION_PENDING_MESSAGE;
}

/** What the organisation's own pages say about its state (null once approved: nothing to say). */
export function verificationNotice(organization: {
  kind: string;
  verificationStatus: string;
  verificationRefusalReason?: string | null;
}): string | null {
  if (!isReviewedKind(organization.kind) || organization.verificationStatus === "approved") return null;
  if (organization.verificationStatus === "refused") {
    return organization.verificationRefusalReason
      ? `${VERIFICATION_REFUSED_MESSAGE} Motif : ${organization.verificationRefusalReason}`
      : VERIFICATION_REFUSED_MESSAGE;
  }
  return `${VERIFICATION_PENDING_MESSAGE} En attendant, vous pouvez préparer vos achats prévus, vos questionnaires et vos événements : ils restent des brouillons.`;
}

export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 1000;

/** A required text of 10 to 1000 characters; `ask` says what to write, in French. */
function reason(ask: string) {
  const message = `${ask} : au moins ${REASON_MIN_LENGTH} caractères.`;
  return z
    .string({ required_error: message })
    .trim()
    .min(REASON_MIN_LENGTH, message)
    .max(REASON_MAX_LENGTH, `Le texte ne peut pas dépasser ${REASON_MAX_LENGTH} caractères.`);
}

const REFUSAL_REASON_REQUIRED = "Écrivez le motif du refus, qui sera envoyé par courriel";

/** The platform admin's decision on a verification request (one form per request on /admin/organisations). */
export const verificationDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), organizationId: z.string().min(1) }),
  z.object({
    intent: z.literal("refuse"),
    organizationId: z.string().min(1),
    reason: reason(REFUSAL_REASON_REQUIRED),
  }),
]);

/** An admin's decision on a claim (the organisation's admins, or a platform admin). */
export const claimDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept-claim"), claimId: z.string().min(1) }),
  z.object({
    intent: z.literal("refuse-claim"),
    claimId: z.string().min(1),
    reason: reason(REFUSAL_REASON_REQUIRED),
  }),
]);

/** After a refusal, what the organisation's admin tells the platform admins to get a new review. */
export const verificationAgainSchema = z.object({
  note: reason("Dites ce qui a changé depuis le refus"),
});

/** A claim on an organisation whose identifier is already registered. */
export const claimSchema = z.object({
  message: reason("Expliquez votre lien avec cette organisation (votre fonction, votre service)"),
});
