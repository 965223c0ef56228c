// The meetings' vocabulary and the French words people read (pure).
export const EVENT_KINDS = {
  reverse_fair: "Salon inversé",
  webinar: "Webinaire",
  info_meeting: "Réunion d'information",
} as const;
export type EventKind = keyof typeof EVENT_KINDS;

export const EVENT_KIND_HINTS: Record<EventKind, string> = {
  reverse_fair: "les acheteurs tiennent des stands, les entreprises réservent un rendez-vous de quelques minutes",
  webinar: "une présentation en ligne, ouverte à toutes les entreprises sur inscription",
  info_meeting: "une réunion en salle ou en ligne pour présenter un ou plusieurs achats",
};

export function isEventKind(value: unknown): value is EventKind {
  return typeof value === "string" && value in EVENT_KINDS;
}

/** Webinars and information meetings take registrations up to a capacity; fairs have stands and slots. */
export function hasRegistrations(kind: string): boolean {
  return kind === "webinar" || kind === "info_meeting";
}

export const EVENT_STATUSES = {
  draft: "Brouillon",
  published: "Publié",
  cancelled: "Annulé",
} as const;

/** Webinars are best at lunchtime, when small firms can step away from the site for an hour. */
export const LUNCHTIME = { start: "12:30", end: "13:30" } as const;

export const MATERIAL_KINDS = {
  slides: "Présentation",
  recording: "Enregistrement",
  document: "Document",
} as const;

/** "1 place", "12 places". */
export function placesText(count: number): string {
  return `${count} place${count > 1 ? "s" : ""}`;
}

/** "1 créneau libre", "3 créneaux libres". */
export function freeSlotsText(count: number): string {
  return count === 0 ? "aucun créneau libre" : `${count} créneau${count > 1 ? "x" : ""} libre${count > 1 ? "s" : ""}`;
}

export function labelOfKind(kind: string): string {
  return (EVENT_KINDS as Record<string, string>)[kind] ?? kind;
}
