// Moving an event (its day, its hours or its place) once it is published: what changed, in the
// words the people concerned read in their email and on the ledger. No I/O.

export interface EventWhereAndWhen {
  eventDate: string;
  startsAt: Date;
  endsAt: Date;
  /** The address, or null for an online event. */
  location: string | null;
}

export interface MoveDescription {
  /** For "… en change la date et le lieu". */
  change: string;
  /** For a subject or a heading: "Nouvelle date et nouveau lieu". */
  headline: string;
}

const WORDS = {
  date: { change: "la date", headline: "nouvelle date" },
  hours: { change: "l’horaire", headline: "nouvel horaire" },
  place: { change: "le lieu", headline: "nouveau lieu" },
} as const;

/** What changed for the people concerned, or null when nothing they rely on did. */
export function describeMove(before: EventWhereAndWhen, after: EventWhereAndWhen): MoveDescription | null {
  const changes: (keyof typeof WORDS)[] = [];
  if (before.eventDate !== after.eventDate) changes.push("date");
  else if (before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime())
    changes.push("hours");
  if ((before.location ?? "") !== (after.location ?? "")) changes.push("place");
  if (!changes.length) return null;
  const headline = changes.map((key) => WORDS[key].headline).join(" et ");
  return {
    change: changes.map((key) => WORDS[key].change).join(" et "),
    headline: headline.charAt(0).toUpperCase() + headline.slice(1),
  };
}
