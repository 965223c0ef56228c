// How the ledger's signed statements read in French (pure): the state page, the verification page
// and the PDF's integrity section say the same thing the same way.
import { formatInstant } from "~/calendar/format";
import type { CheckpointStatement } from "./checkpoint";

/** "3f2a9c01…d41e": the start and the end of a long hexadecimal hash, to show in a table. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}

export function reasonLabel(reason: string): string {
  return reason === "daily" ? "vérification quotidienne" : "export d'un dossier";
}

/** One sentence that says what a checkpoint states. */
export function checkpointSentence(
  checkpoint: Pick<CheckpointStatement, "status" | "sequence" | "brokenAt" | "signedAt">,
): string {
  const when = formatInstant(checkpoint.signedAt);
  const count = `${checkpoint.sequence.toLocaleString("fr-FR")} inscription${checkpoint.sequence > 1 ? "s" : ""}`;
  return checkpoint.status === "intact"
    ? `le ${when}, les ${count} du registre ont été vérifiées, sans anomalie.`
    : `le ${when}, le registre a été trouvé rompu à l'inscription n° ${checkpoint.brokenAt} ; les ${count} qui la précèdent ont été vérifiées.`;
}

const FIELD_LABELS: Record<string, string> = {
  actorUserId: "compte de la personne",
  actorLabel: "nom de la personne",
  summary: "résumé",
};

/** "nom de la personne", "détail « text »": a protected field of a record, as a reader says it. */
export function ledgerFieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? (field.startsWith("payload.") ? `détail « ${field.slice("payload.".length)} »` : field);
}
