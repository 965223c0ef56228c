// Kinds of exchange records and how the record reads them in French.
export const LEDGER_KINDS = {
  "organization.created": "Organisation créée",
  "organization.member_joined": "Membre ajouté à l'organisation",
  "manual.exchange": "Échange hors plateforme",
  "plan.edition_published": "Programmation publiée",
} as const;

export type LedgerKind = keyof typeof LEDGER_KINDS;

export function ledgerKindLabel(kind: string): string {
  return (LEDGER_KINDS as Record<string, string>)[kind] ?? kind;
}
