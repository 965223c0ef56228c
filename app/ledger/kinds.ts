// Kinds of exchange records and how the record reads them in French.
export const LEDGER_KINDS = {
  "organization.created": "Organisation créée",
  "organization.member_joined": "Membre ajouté à l'organisation",
  "organization.verification_requested": "Vérification de l'organisation demandée",
  "organization.verification_approved": "Organisation vérifiée par l'équipe Amont",
  "organization.verification_refused": "Vérification de l'organisation refusée",
  "organization.claim_made": "Demande pour rejoindre l'organisation",
  "organization.claim_accepted": "Demande pour rejoindre l'organisation acceptée",
  "organization.claim_refused": "Demande pour rejoindre l'organisation refusée",
  "manual.exchange": "Échange hors plateforme",
  "plan.edition_published": "Programmation publiée",
  "procurement.launched": "Consultation lancée",
  "record.exported": "Dossier exporté",
  "sourcing.version_published": "Questionnaire publié",
  "sourcing.invitation_sent": "Invitation à répondre envoyée",
  "sourcing.questionnaire_opened": "Questionnaire ouvert par une entreprise",
  "sourcing.answer_submitted": "Réponse déposée",
  "sourcing.answer_updated": "Réponse mise à jour",
  "sourcing.clarification_asked": "Question de précision posée",
  "sourcing.clarification_answered": "Précision publiée pour tous",
  "sourcing.exported": "Réponses exportées",
  "sourcing.closed_early": "Questionnaire clos avant la date limite",
  "meeting.event_published": "Événement publié",
  "meeting.event_cancelled": "Événement annulé",
  "meeting.event_moved": "Date, horaire ou lieu modifié",
  "meeting.slot_booked": "Rendez-vous réservé",
  "meeting.slot_cancelled": "Rendez-vous annulé",
  "meeting.waitlist_joined": "Inscription en liste d’attente",
  "meeting.waitlist_promoted": "Place attribuée depuis la liste d’attente",
  "meeting.waitlist_left": "Retrait de la liste d’attente",
  "meeting.registered": "Inscription",
  "meeting.registration_cancelled": "Inscription annulée",
  "meeting.join_link_sent": "Lien de connexion envoyé",
  "meeting.reminder_sent": "Rappel envoyé la veille",
  "meeting.attendance_recorded": "Présence enregistrée",
  "meeting.note_written": "Compte rendu d’entretien",
  "meeting.note_corrected": "Compte rendu corrigé",
  "meeting.materials_published": "Supports publiés",
  "ledger.upgraded": "Registre passé au format 2",
  "ledger.redacted": "Données personnelles effacées",
} as const;

export type LedgerKind = keyof typeof LEDGER_KINDS;

export function ledgerKindLabel(kind: string): string {
  return (LEDGER_KINDS as Record<string, string>)[kind] ?? kind;
}
