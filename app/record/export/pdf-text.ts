// Text for the PDF's standard fonts (pure). Helvetica and Courier are built into every PDF reader,
// so the file embeds no font; their encoding (WinAnsi) covers French and Western European text but
// not, say, Polish or Greek letters, which would print as garbage. Such characters are written
// without their accents or strokes ("Łódź" as "Lódz"), or as "?" when nothing close exists. The
// CSV keeps the exact text.

/** The characters of WinAnsi above Latin-1's range, by code point (PDF 32000-1, annex D). */
const WIN_ANSI_EXTRAS = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Letters with a stroke, which have no decomposition. */
const STROKED: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", ı: "i", Ŧ: "T", ŧ: "t" };

/** Spaces WinAnsi lacks: those that must not break (Intl's thousands separator) become no-break spaces. */
const NO_BREAK_SPACES = /[\u2007\u202f\u2060]/g;
const OTHER_SPACES = /[\u2000-\u2006\u2008-\u200a\u205f\u3000]/g;

function printable(codePoint: number): boolean {
  return (
    codePoint === 0x0a ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

/** Text that needs no change: printable ASCII, Latin-1 and line breaks (most French text). */
const PLAIN = /^[\n\x20-\x7e\u00a0-\u00ff]*$/;

/** The text as the standard fonts can print it: accents of other alphabets dropped, the rest "?". */
export function pdfText(value: string): string {
  if (PLAIN.test(value)) return value;
  const text = value
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(NO_BREAK_SPACES, "\u00a0")
    .replace(OTHER_SPACES, " ");
  let out = "";
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (printable(codePoint)) {
      out += character;
      continue;
    }
    // Zero-width and control characters: nothing to print.
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0) || (codePoint >= 0x200b && codePoint <= 0x200f))
      continue;
    const decomposed = STROKED[character] ?? character.normalize("NFKD").replace(/\p{M}/gu, "");
    out += decomposed && [...decomposed].every((part) => printable(part.codePointAt(0)!)) ? decomposed : "?";
  }
  return out;
}
