// The French labels of the calendar administration pages (pure): how sure the platform is of a
// school holiday's dates, and what an import would do to each period.
import type { PreviewStatus } from "./school-year-import.server";

/** Confidence in a school holiday's dates, with the badge that shows it. */
export const CONFIDENCE_LABELS: Record<string, { label: string; badge: string }> = {
  confirmed: { label: "Confirmé", badge: "badge--success" },
  "confirmed-start": { label: "Début confirmé, reprise annoncée", badge: "badge--muted" },
  likely: { label: "Probable", badge: "badge--muted" },
  uncertain: { label: "Incertain", badge: "badge--error" },
};

export function confidenceOf(value: string): { label: string; badge: string } {
  return CONFIDENCE_LABELS[value] ?? { label: value, badge: "badge--muted" };
}

/** What importing a school calendar file would do to a period, with its badge. */
export const PREVIEW_STATUS_LABELS: Record<PreviewStatus, { label: string; badge: string }> = {
  new: { label: "Nouvelle période", badge: "badge--success" },
  changed: { label: "Dates modifiées", badge: "badge--error" },
  confirmed: { label: "Dates identiques, désormais confirmées", badge: "badge--muted" },
  unchanged: { label: "Déjà à jour", badge: "badge--muted" },
};
