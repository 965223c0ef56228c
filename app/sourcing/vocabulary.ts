// The sourcing vocabulary (pure): stored values and the French labels people read.
export const QUESTIONNAIRE_STATUSES = { draft: "Brouillon", published: "Publié", withdrawn: "Retiré" } as const;
export type QuestionnaireStatus = keyof typeof QUESTIONNAIRE_STATUSES;
