// An independent oracle for the tests of date sentences: how a French reader says a calendar day,
// written by hand here on purpose (the application takes the same words from Intl).
const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** "mardi 26 janvier 2027", "vendredi 1er octobre 2027" for "2027-01-26", "2027-10-01". */
export function spokenDay(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  const day = date.getUTCDate();
  return `${WEEKDAYS[date.getUTCDay()]} ${day === 1 ? "1er" : day} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A doubled or misplaced "à" ("à à 18:00", "à, 18:00"): what a date sentence must never contain. */
export const BROKEN_DATE_SENTENCE = /(^|\s)à\s+à(\s|$)|(^|\s)à\s*,|,\s*à\s+\d/;
