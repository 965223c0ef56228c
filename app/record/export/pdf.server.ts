// The record's PDF, laid out for the procurement report (rapport de présentation): A4, French,
// real text (selectable, searchable), "Page n sur N" on every page, bookmarks per section.
//
// Written with PDFKit, the engine under @react-pdf/renderer, drawn directly: react-pdf lays out the
// whole document in memory before writing a byte, about 100 kB of heap per annex line, so a record of
// 2,000 entries needs over 200 MB of heap where the server has 128 MB (decision 0024). PDFKit
// measures and draws line by line; only the pages' drawing instructions are kept until the page
// numbers are written at the end.
import PDFDocument from "pdfkit";
import { formatShortDateFr, formatShortInstant } from "~/calendar/format";
import { brokenChainSentence, publicKeysUrl, type RecordIntegrity } from "./integrity";
import { pdfText } from "./pdf-text";
import type { AnnexRow, InvitationCheck, RecordReport } from "./report";

const MARGINS = { top: 56, bottom: 64, left: 50, right: 50 };
const COLORS = {
  text: "#1e1e1e",
  muted: "#595959",
  accent: "#000091",
  alert: "#b3141a",
  rule: "#b5b5b5",
  band: "#ececf5",
  alertBand: "#fdecec",
};
const FONTS = { regular: "Helvetica", bold: "Helvetica-Bold", mono: "Courier" };

type Font = keyof typeof FONTS;

interface Cell {
  text: string;
  font?: Font;
  color?: string;
}

/** A line of a table cell, with its width as measured when it was wrapped. */
interface Line {
  text: string;
  width: number;
  words: number;
}

/** A table cell: a text, a text in a font, or texts stacked in their fonts. */
type TableCell = string | Cell | { parts: Cell[] };

interface Column {
  header: string;
  width: number;
}

const number = (value: number) => value.toLocaleString("fr-FR");
const plural = (count: number, one: string, many: string) => `${number(count)} ${count > 1 ? many : one}`;
const when = (date: Date | null) => (date ? formatShortInstant(date) : "—");

class Writer {
  readonly width: number;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.width = doc.page.width - MARGINS.left - MARGINS.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  style(font: Font, size: number, color: string = COLORS.text) {
    this.doc.font(FONTS[font]).fontSize(size).fillColor(color);
    return this;
  }

  heading(title: string, level: 1 | 2, outline?: PDFKit.PDFOutline) {
    const size = level === 1 ? 15 : 11.5;
    // A heading never ends a page: it keeps at least a few lines of what follows.
    this.ensure(size * 1.4 + 48);
    this.doc.moveDown(level === 1 ? 1 : 0.6);
    this.style("bold", size, COLORS.accent).doc.text(pdfText(title), MARGINS.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.35);
    outline?.addItem(pdfText(title));
  }

  paragraph(value: string, options: { font?: Font; size?: number; color?: string; gap?: number } = {}) {
    this.style(options.font ?? "regular", options.size ?? 9.5, options.color)
      .doc.text(pdfText(value), MARGINS.left, this.doc.y, { width: this.width, lineGap: 1.5 })
      .moveDown(options.gap ?? 0.45);
  }

  /** Runs of text in one paragraph, each in its own font. */
  runs(parts: Cell[], size = 9.5) {
    parts.forEach((part, index) => {
      this.style(part.font ?? "regular", size, part.color);
      const last = index === parts.length - 1;
      if (index === 0)
        this.doc.text(pdfText(part.text), MARGINS.left, this.doc.y, {
          width: this.width,
          lineGap: 1.5,
          continued: !last,
        });
      else this.doc.text(pdfText(part.text), { continued: !last });
    });
    this.doc.moveDown(0.45);
  }

  /** A framed box, for what must not be missed (a broken chain). */
  alertBox(title: string, lines: string[]) {
    const inner = this.width - 20;
    this.style("bold", 12);
    const titleHeight = this.doc.heightOfString(pdfText(title), { width: inner });
    this.style("bold", 9.5);
    const textHeights = lines.map((line) => this.doc.heightOfString(pdfText(line), { width: inner, lineGap: 1.5 }));
    const height = 20 + titleHeight + 6 + textHeights.reduce((sum, value) => sum + value + 4, 0);
    this.ensure(height + 10);
    const top = this.doc.y;
    this.doc
      .save()
      .lineWidth(2)
      .rect(MARGINS.left, top, this.width, height)
      .fillAndStroke(COLORS.alertBand, COLORS.alert);
    this.doc.restore();
    this.style("bold", 12, COLORS.alert).doc.text(pdfText(title), MARGINS.left + 10, top + 10, { width: inner });
    this.doc.moveDown(0.3);
    for (const line of lines)
      this.style("bold", 9.5, COLORS.alert)
        .doc.text(pdfText(line), MARGINS.left + 10, this.doc.y, { width: inner, lineGap: 1.5 })
        .moveDown(0.25);
    this.doc.y = top + height + 10;
    this.doc.x = MARGINS.left;
  }

  /** Label and value on two columns. */
  keyValues(rows: [string, string][]) {
    const labelWidth = 150;
    for (const [label, value] of rows) {
      this.style("regular", 9.5);
      const height = Math.max(
        this.doc.heightOfString(pdfText(value), { width: this.width - labelWidth, lineGap: 1.5 }),
        this.style("bold", 9.5).doc.heightOfString(pdfText(label), { width: labelWidth - 8 }),
      );
      this.ensure(height + 4);
      const top = this.doc.y;
      this.style("bold", 9.5, COLORS.muted).doc.text(pdfText(label), MARGINS.left, top, { width: labelWidth - 8 });
      this.style("regular", 9.5).doc.text(pdfText(value), MARGINS.left + labelWidth, top, {
        width: this.width - labelWidth,
        lineGap: 1.5,
      });
      this.doc.y = top + height + 4;
    }
    this.doc.x = MARGINS.left;
    this.doc.moveDown(0.3);
  }

  /** Words' widths by font and size: table cells repeat the same words thousands of times. */
  private widths = new Map<string, Map<string, number>>();

  /** A measure of words in `font` at `size`, which it makes the current font. */
  private measure(font: Font, size: number): (text: string) => number {
    this.style(font, size);
    const key = `${font}|${size}`;
    let widths = this.widths.get(key);
    if (!widths) {
      widths = new Map();
      this.widths.set(key, widths);
    }
    const known = widths;
    return (text) => {
      let width = known.get(text);
      if (width === undefined) {
        width = this.doc.widthOfString(text);
        known.set(text, width);
      }
      return width;
    };
  }

  /**
   * The lines of a text at a width, broken at spaces (a word wider than the column, such as a hash
   * or an address, is cut between characters). Measured once, with cached word widths, then drawn
   * line by line: PDFKit's own wrapping would measure every cell twice, kerning included.
   */
  wrap(value: string, font: Font, size: number, width: number): Line[] {
    const widthOf = this.measure(font, size);
    const space = widthOf(" ");
    const lines: Line[] = [];
    for (const paragraph of value.split("\n")) {
      let line = "";
      let lineWidth = 0;
      let words = 0;
      for (const word of paragraph.split(" ")) {
        if (word === "") continue;
        let wordWidth = widthOf(word);
        let rest = word;
        if (line && lineWidth + space + wordWidth <= width) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
          words++;
          continue;
        }
        if (line) lines.push({ text: line, width: lineWidth, words });
        // Longer than the column: cut it, character by character.
        while (wordWidth > width) {
          let cut = 1;
          let cutWidth = widthOf(rest[0]!);
          while (cut < rest.length && cutWidth + widthOf(rest[cut]!) <= width) {
            cutWidth += widthOf(rest[cut]!);
            cut++;
          }
          lines.push({ text: rest.slice(0, cut), width: cutWidth, words: 1 });
          rest = rest.slice(cut);
          wordWidth = widthOf(rest);
        }
        line = rest;
        lineWidth = wordWidth;
        words = 1;
      }
      lines.push({ text: line, width: lineWidth, words });
    }
    return lines;
  }

  /**
   * A table whose header repeats on every page. A row never splits across pages; a row taller
   * than a page is cut with "…" (the CSV keeps every text whole). A cell may stack several
   * parts, each in its own font.
   */
  table(columns: Column[], rows: Iterable<TableCell[]>, size = 7.5) {
    const padding = 3;
    const maxRowHeight = this.doc.page.height - MARGINS.top - MARGINS.bottom - 40;
    const lineHeight = this.style("regular", size).doc.currentLineHeight(true);
    const layout = (row: TableCell[]) =>
      row.map((cell, index) => {
        const width = columns[index]!.width - 2 * padding;
        const parts = (typeof cell === "string" ? [{ text: cell }] : "parts" in cell ? cell.parts : [cell])
          .filter((part) => part.text !== "")
          .map((part) => ({ ...part, lines: this.wrap(pdfText(part.text), part.font ?? "regular", size, width) }));
        return { width, parts, height: parts.reduce((sum, part) => sum + part.lines.length * lineHeight, 0) };
      });
    const draw = (cells: ReturnType<typeof layout>, top: number, height: number) => {
      let x = MARGINS.left;
      cells.forEach((cell, index) => {
        let y = top + padding;
        const bottom = top + height - padding;
        for (const part of cell.parts) {
          this.style(part.font ?? "regular", size, part.color);
          for (const [number, line] of part.lines.entries()) {
            if (y + lineHeight > bottom + 0.5) break;
            const cut =
              y + 2 * lineHeight > bottom + 0.5 && (number < part.lines.length - 1 || part !== cell.parts.at(-1));
            if (cut)
              this.doc.text(`${line.text.slice(0, Math.max(0, line.text.length - 2))}…`, x + padding, y, {
                lineBreak: false,
              });
            else {
              // The width is known: PDFKit need not measure the line again (options it reads but
              // its type definitions do not list).
              const measured: PDFKit.Mixins.TextOptions & { textWidth: number; wordCount: number } = {
                lineBreak: false,
                textWidth: line.width,
                wordCount: line.words,
              };
              this.doc.text(line.text, x + padding, y, measured);
            }
            y += lineHeight;
          }
        }
        x += columns[index]!.width;
      });
    };
    const header = layout(columns.map((column) => ({ text: column.header, font: "bold" as const })));
    const headerHeight = Math.max(...header.map((cell) => cell.height)) + 2 * padding;
    const drawHeader = () => {
      const top = this.doc.y;
      this.doc.save().rect(MARGINS.left, top, this.width, headerHeight).fill(COLORS.band).restore();
      draw(header, top, headerHeight);
      this.doc.y = top + headerHeight;
    };
    this.ensure(headerHeight + 3 * lineHeight);
    drawHeader();
    for (const row of rows) {
      const cells = layout(row);
      const height = Math.min(maxRowHeight, Math.max(...cells.map((cell) => cell.height)) + 2 * padding);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        drawHeader();
      }
      const top = this.doc.y;
      draw(cells, top, height);
      this.doc
        .save()
        .lineWidth(0.4)
        .strokeColor(COLORS.rule)
        .moveTo(MARGINS.left, top + height)
        .lineTo(MARGINS.left + this.width, top + height)
        .stroke()
        .restore();
      this.doc.y = top + height;
    }
    this.doc.x = MARGINS.left;
    this.doc.moveDown(0.6);
  }

  /** A block of facts about one entry: a bold first line, then its texts. */
  item(title: string, lines: (string | Cell)[]) {
    this.ensure(40);
    this.style("bold", 9).doc.text(pdfText(title), MARGINS.left, this.doc.y, { width: this.width });
    for (const line of lines) {
      const cell = typeof line === "string" ? { text: line } : line;
      this.style(cell.font ?? "regular", 9, cell.color).doc.text(pdfText(cell.text), MARGINS.left + 12, this.doc.y, {
        width: this.width - 12,
        lineGap: 1,
      });
    }
    this.doc.x = MARGINS.left;
    this.doc.moveDown(0.5);
  }
}

// ---- sections -------------------------------------------------------------------------------------

function identification(w: Writer, report: RecordReport, integrity: RecordIntegrity) {
  const { buyer, procurement, export: mark } = report.identification;
  w.style("regular", 9, COLORS.muted).doc.text("Amont — registre des échanges", MARGINS.left, MARGINS.top);
  w.doc.moveDown(0.6);
  w.style("bold", 20, COLORS.accent).doc.text("Dossier des échanges de sourcing", { width: w.width });
  w.doc.moveDown(0.2);
  w.style("bold", 13).doc.text(pdfText(procurement.title), { width: w.width });
  w.doc.moveDown(0.4);
  w.paragraph(
    "Pièce à joindre au rapport de présentation : tous les échanges de l'acheteur avec les entreprises au sujet de cet achat avant la consultation, tels qu'ils sont inscrits au registre des échanges d'Amont, avec ce qu'ils montrent de l'égalité de traitement.",
    { color: COLORS.muted },
  );
  const broken = brokenChainSentence(integrity.chain);
  if (broken)
    w.alertBox("Alerte : le registre des échanges a été modifié", [
      broken,
      "Ce dossier ne peut pas être tenu pour intègre. Voir la partie 5, « Intégrité et vérification ».",
    ]);

  w.heading("1. Identification", 1, w.doc.outline);
  w.keyValues([
    ["Acheteur", buyer.name],
    ["SIREN de l'acheteur", buyer.siren ?? "non renseigné"],
    ["Achat", procurement.title],
    ["Référence de l'acheteur", procurement.reference ?? "aucune"],
    [
      "Publication prévue",
      `${procurement.semester} (programmation : ${formatShortDateFr(procurement.expectedPublicationDate)})`,
    ],
    ["Statut", procurement.statusLabel],
    [
      "Lancement de la consultation",
      procurement.launchedOn
        ? `le ${formatShortDateFr(procurement.launchedOn)}${procurement.launchNoticeReference ? `, avis ${procurement.launchNoticeReference}` : ""}${procurement.noticeUrl ? ` (${procurement.noticeUrl})` : ""}`
        : "pas encore lancée",
    ],
    ["Identifiant de l'achat sur Amont", procurement.id],
    ["Document établi", `le ${formatShortInstant(mark.exportedAt)}, par ${mark.actorLabel}`],
    [
      "Contenu",
      `${plural(mark.recordCount, "entrée", "entrées")} du dossier, jusqu'à l'entrée n° ${number(mark.sequence)} du registre comprise : l'inscription de cet export lui-même.`,
    ],
  ]);
}

function measures(w: Writer, report: RecordReport) {
  w.heading("2. Synthèse des mesures de sourcing", 1, w.doc.outline);
  const manual = report.manualByChannel.map((channel) => `${channel.label.toLowerCase()} : ${number(channel.count)}`);
  w.paragraph(
    [
      `${plural(report.total, "entrée", "entrées")} au dossier${report.first ? `, du ${formatShortInstant(report.first)} au ${when(report.last)}` : ""}.`,
      `${plural(report.suppliers.length, "entreprise concernée", "entreprises concernées")}, ${plural(report.questionnaires, "questionnaire", "questionnaires")}, ${plural(report.events.length, "événement", "événements")}.`,
      manual.length > 0
        ? `Échanges hors plateforme inscrits à la main : ${manual.join(", ")}.`
        : "Aucun échange hors plateforme n'a été inscrit.",
      report.identification.procurement.launchedOn
        ? `${plural(report.afterLaunch, "entrée est datée", "entrées sont datées")} du jour du lancement ou après.`
        : "",
    ]
      .filter(Boolean)
      .join(" "),
  );
  w.table(
    [
      { header: "Mesure", width: 245 },
      { header: "Nombre", width: 54 },
      { header: "Première", width: 98 },
      { header: "Dernière", width: w.width - 397 },
    ],
    report.measures.map((row) => [
      row.label,
      { text: number(row.count), font: row.count > 0 ? "bold" : "regular" },
      when(row.first),
      when(row.last),
    ]),
  );
  if (report.events.length > 0) {
    w.heading("Événements liés à l'achat", 2);
    w.table(
      [
        { header: "Événement", width: 215 },
        { header: "Publié le", width: 90 },
        { header: "Modifications de date ou de lieu", width: 100 },
        { header: "Annulé le", width: w.width - 405 },
      ],
      report.events.map((event) => [
        event.title,
        when(event.publishedAt),
        number(event.moves),
        event.cancelledAt ? formatShortInstant(event.cancelledAt) : "non",
      ]),
    );
  }
}

function invitationVerdict(check: InvitationCheck): Cell[] {
  const count = check.invitations.length;
  const parts: Cell[] = [];
  if (check.groups.length === 1)
    parts.push({
      text: `${count - check.unrecorded === count ? (count > 1 ? `Les ${number(count)} invitations` : "L'invitation") : `Les ${number(count - check.unrecorded)} invitations dont le message a été gardé`} ${count - check.unrecorded > 1 ? "ont reçu exactement le même message" : "a reçu le message"} (empreinte SHA-256 ${check.groups[0]!.messageHash}). `,
      font: "bold",
    });
  else if (check.groups.length > 1)
    parts.push({
      text: `Les invitations n'ont pas toutes reçu le même message : ${check.groups.length} messages différents. ${check.groups
        .map(
          (group) =>
            `Empreinte ${group.messageHash.slice(0, 16)}… : ${plural(group.sequences.length, "invitation", "invitations")} (n° ${group.sequences.map(number).join(", ")}).`,
        )
        .join(" ")} `,
      font: "bold",
      color: COLORS.alert,
    });
  if (check.unrecorded > 0)
    parts.push({
      text:
        `${plural(check.unrecorded, "invitation a été envoyée", "invitations ont été envoyées")} avant que l'empreinte du message soit gardée au registre` +
        (check.unrecordedSubjects.length === 1
          ? ` ; leur objet est le même : « ${check.unrecordedSubjects[0]} ».`
          : check.unrecordedSubjects.length > 1
            ? ` ; leurs objets diffèrent : ${check.unrecordedSubjects.map((subject) => `« ${subject} »`).join(", ")}.`
            : "."),
      color: check.unrecordedSubjects.length > 1 ? COLORS.alert : undefined,
      font: check.unrecordedSubjects.length > 1 ? "bold" : "regular",
    });
  return parts;
}

function equalTreatment(w: Writer, report: RecordReport) {
  const section = w.doc.outline.addItem("3. Égalité de traitement");
  w.heading("3. Égalité de traitement", 1);
  w.paragraph(
    "Ce que le registre montre de l'information donnée aux entreprises : chaque fait ci-dessous est lu dans les entrées du dossier (leur numéro est indiqué), pas saisi à part.",
    { color: COLORS.muted },
  );

  w.heading("3.1 Questionnaires rendus publics", 2, section);
  if (report.versions.length === 0) w.paragraph("Aucun questionnaire de sourcing n'a été publié pour cet achat.");
  else {
    w.paragraph(
      "Chaque version publiée est figée : son empreinte SHA-256 identifie exactement le texte que toutes les entreprises ont vu, à partir de la date indiquée.",
    );
    w.table(
      [
        { header: "N°", width: 30 },
        { header: "Questionnaire et version", width: 122 },
        { header: "Publiée le", width: 62 },
        { header: "Empreinte SHA-256 du texte publié", width: w.width - 214 },
      ],
      report.versions.map((version) => [
        number(version.sequence),
        {
          parts: [
            { text: version.questionnaire, font: "bold" },
            {
              text: `${version.number === null ? "Version" : `Version n° ${version.number}`}${version.deadline ? `, réponses jusqu'au ${formatShortDateFr(version.deadline)}` : ""}`,
            },
            {
              text: version.changeNote
                ? `Changement : ${version.changeNote} (${plural(version.notified, "entreprise prévenue", "entreprises prévenues")} par le même message)`
                : "",
              color: COLORS.muted,
            },
          ],
        },
        formatShortInstant(version.publishedAt),
        { text: version.contentHash ?? "non inscrite", font: "mono" },
      ]),
      7,
    );
  }

  w.heading("3.2 Précisions publiées pour toutes les entreprises", 2, section);
  if (report.clarifications.length === 0) w.paragraph("Aucune précision n'a été publiée.");
  else {
    w.paragraph(
      "Une question posée par une entreprise reçoit une réponse publiée pour toutes, sans dire qui l'a posée ; les entreprises qui répondent sont prévenues par le même message.",
    );
    for (const clarification of report.clarifications)
      w.item(
        `N° ${number(clarification.sequence)} · publiée le ${formatShortInstant(clarification.publishedAt)} · ${clarification.questionnaire}${clarification.recipients === null ? "" : ` · ${plural(clarification.recipients, "entreprise prévenue", "entreprises prévenues")}`}`,
        [`Question : ${clarification.question}`, `Réponse : ${clarification.answer}`],
      );
  }

  w.heading("3.3 Invitations à répondre", 2, section);
  if (report.invitations.length === 0)
    w.paragraph(
      "Aucune invitation individuelle n'a été envoyée par Amont. Un questionnaire publié est ouvert à toutes les entreprises sur la page publique du sourcing.",
    );
  for (const check of report.invitations) {
    w.paragraph(check.questionnaire, { font: "bold", gap: 0.2 });
    w.runs(invitationVerdict(check));
    w.table(
      [
        { header: "N°", width: 36 },
        { header: "Envoyée le", width: 70 },
        { header: "Entreprise invitée", width: 170 },
        { header: "Comment", width: 100 },
        { header: "Empreinte du message", width: w.width - 376 },
      ],
      check.invitations.map((invitation) => [
        number(invitation.sequence),
        formatShortInstant(invitation.at),
        invitation.invitee,
        invitation.fromDirectory ? "choisie dans l'annuaire" : "adresse saisie",
        { text: invitation.messageHash ? `${invitation.messageHash.slice(0, 16)}…` : "non gardée", font: "mono" },
      ]),
    );
  }

  w.heading("3.4 Supports des événements", 2, section);
  if (report.materials.length === 0) w.paragraph("Aucun support n'a été publié.");
  for (const material of report.materials)
    w.item(
      `N° ${number(material.sequence)} · ${material.title} · publié le ${formatShortInstant(material.publishedAt)}`,
      [
        `Événement « ${material.event} »${material.toEveryone ? " : publié pour toutes les entreprises" : ""}${material.announcedTo === null ? "" : `, ${plural(material.announcedTo, "personne prévenue", "personnes prévenues")} par le même message`}.`,
        ...(material.url ? [material.url] : []),
      ],
    );

  w.heading("3.5 Comptes rendus d'entretien", 2, section);
  if (report.notes.length === 0) w.paragraph("Aucun compte rendu n'a été écrit.");
  for (const note of report.notes)
    w.item(
      `N° ${number(note.sequence)} · ${note.correction ? "correction écrite" : "écrit"} le ${formatShortInstant(note.at)}${note.supplier ? ` · ${note.supplier}` : ""}`,
      [...(note.context ? [{ text: note.context, color: COLORS.muted }] : []), note.body],
    );

  w.heading("3.6 Justifications données à la vigilance prix", 2, section);
  w.paragraph(
    "Amont signale un texte qui parle de prix ou de conditions du futur contrat ; l'acheteur ne peut alors l'inscrire qu'avec une justification, gardée au registre.",
    { color: COLORS.muted },
  );
  if (report.justifications.length === 0) w.paragraph("Aucune justification n'a été nécessaire.");
  for (const justification of report.justifications)
    w.item(
      `N° ${number(justification.sequence)} · ${justification.kindLabel} · ${formatShortInstant(justification.at)}`,
      [...(justification.context ? [{ text: justification.context, color: COLORS.muted }] : []), justification.text],
    );
}

function suppliers(w: Writer, report: RecordReport) {
  w.heading("4. Entreprises concernées", 1, w.doc.outline);
  if (report.suppliers.length === 0) {
    w.paragraph("Aucune entreprise n'apparaît dans le dossier.");
    return;
  }
  w.paragraph(
    "Pour chaque entreprise, les entrées du dossier qui la concernent, par type : ce qu'elle a fait, et ce qu'elle a reçu.",
    { color: COLORS.muted },
  );
  w.table(
    [
      { header: "Entreprise", width: 120 },
      { header: "SIRET", width: 70 },
      { header: "Entrées qui la concernent", width: 160 },
      { header: "Nombre", width: 40 },
      { header: "Première et dernière", width: w.width - 390 },
    ],
    report.suppliers.map((supplier) => [
      supplier.name,
      supplier.siret ?? "—",
      supplier.actions.map((action) => `${action.label} (${number(action.count)})`).join("\n"),
      number(supplier.count),
      `${formatShortInstant(supplier.first)}\n${formatShortInstant(supplier.last)}`,
    ]),
  );
}

function integritySection(w: Writer, integrity: RecordIntegrity) {
  w.heading("5. Intégrité et vérification", 1, w.doc.outline);
  const { chain } = integrity;
  if (!chain.ok) {
    w.alertBox("Le registre des échanges n'est plus intact", [
      brokenChainSentence(chain)!,
      `Première entrée en défaut : n° ${number(chain.brokenAt)}. Les entrées à partir de ce numéro ne peuvent plus être garanties ; les ${plural(Math.max(0, chain.brokenAt - 1), "entrée qui précède", "entrées qui précèdent")} s'enchaînent correctement.`,
      "Signalez-le à l'équipe d'Amont et gardez ce document : il date la constatation.",
    ]);
  } else {
    w.paragraph(
      `Le registre des échanges a été vérifié en entier le ${formatShortInstant(chain.checkedAt)}, après l'inscription de cet export : ses ${number(chain.count)} entrées s'enchaînent sans rupture (chacune contient l'empreinte de la précédente ; modifier ou retirer l'une d'elles rompt la chaîne).` +
        (chain.redacted > 0
          ? ` ${plural(chain.redacted, "entrée a", "entrées ont")} vu des données personnelles effacées à la demande de la personne : le texte effacé est remplacé par « [effacé] », son empreinte est gardée, et la chaîne tient.`
          : ""),
    );
    w.keyValues([["Empreinte de la dernière entrée", chain.lastHash]]);
  }
  w.keyValues([
    [
      "Point de contrôle signé",
      integrity.checkpoint
        ? `entrée n° ${number(integrity.checkpoint.sequence)}, empreinte ${integrity.checkpoint.hash}, signé le ${formatShortInstant(integrity.checkpoint.signedAt)} avec la clé ${integrity.checkpoint.keyId}`
        : "aucun point de contrôle signé n'est encore disponible pour cet export",
    ],
    ["Empreinte de la clé publique", integrity.keyFingerprint ?? "non disponible"],
  ]);
  w.heading("Comment vérifier ce dossier", 2);
  w.paragraph(
    "N'importe qui peut vérifier, sans faire confiance à Amont, que les entrées de ce dossier sont bien celles du registre et n'ont pas été modifiées :",
  );
  const steps = [
    "1. Depuis la page du dossier sur Amont, téléchargez l'export JSON signé du dossier (il contient les mêmes entrées).",
    `2. En ligne : déposez ce fichier sur la page ${integrity.verifyUrl}. Elle dit si la signature est valable, si chaque entrée correspond encore au registre, lesquelles ont été anonymisées, et la première qui ne correspond pas.`,
    "3. Hors ligne : avec Node.js, lancez « node scripts/verify-export.mjs export.json » (programme fourni avec Amont, sans dépendance ; l'algorithme est décrit dans sa documentation).",
    `4. Les clés publiques sont publiées à l'adresse ${publicKeysUrl(integrity)} : comparez l'empreinte de la clé à celle indiquée ci-dessus.`,
  ];
  for (const step of steps) w.paragraph(step, { gap: 0.25 });
}

function annexRows(report: RecordReport): Iterable<TableCell[]> {
  return {
    *[Symbol.iterator]() {
      for (const row of report.annex) yield annexRow(row);
    },
  };
}

function annexRow(row: AnnexRow): TableCell[] {
  return [
    { text: number(row.sequence), font: "bold" },
    {
      parts: [
        { text: row.day ? formatShortDateFr(row.day) : formatShortInstant(row.occurredAt) },
        { text: row.kindLabel, font: "bold" },
        { text: row.afterLaunch ? "Après le lancement" : "", font: "bold", color: COLORS.accent },
        { text: row.redacted ? "Données personnelles effacées" : "", color: COLORS.muted },
      ],
    },
    { parts: [{ text: row.actor }, { text: row.organizations, color: COLORS.muted }] },
    row.summary,
    { text: row.hash.slice(0, 12), font: "mono" },
  ];
}

function annex(w: Writer, report: RecordReport) {
  w.doc.addPage();
  w.doc.y = MARGINS.top;
  w.heading("Annexe : chronologie complète", 1, w.doc.outline);
  w.paragraph(
    `Les ${number(report.total)} entrées du dossier, dans l'ordre où elles ont été inscrites au registre. Date : le moment de l'inscription, ou le jour de l'échange pour un échange hors plateforme et pour le lancement. Autres organisations : celles que l'entrée concerne, en plus de ${report.identification.buyer.name}. Empreinte : le début de l'empreinte SHA-256 de l'entrée au registre. Un texte trop long pour tenir sur une page est coupé (…) : l'export CSV le contient en entier.`,
    { color: COLORS.muted },
  );
  w.table(
    [
      { header: "N°", width: 34 },
      { header: "Date et type", width: 96 },
      { header: "Par ; autres organisations", width: 112 },
      { header: "Résumé", width: w.width - 302 },
      { header: "Empreinte", width: 60 },
    ],
    annexRows(report),
    7,
  );
}

/** "Page n sur N" and the document's name on every page, once the number of pages is known. */
function footers(doc: PDFKit.PDFDocument, title: string) {
  const { start, count } = doc.bufferedPageRange();
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  for (let index = start; index < start + count; index++) {
    const page = doc.switchToPage(index);
    // Below the bottom margin: without this, PDFKit would start a new page to write there.
    page.margins.bottom = 0;
    const y = page.height - MARGINS.bottom + 22;
    doc
      .font(FONTS.regular)
      .fontSize(7.5)
      .fillColor(COLORS.muted)
      .text(pdfText(`Dossier des échanges : ${title}`), MARGINS.left, y, {
        width: width - 90,
        height: 10,
        ellipsis: "…",
      })
      .text(`Page ${index + 1 - start} sur ${count}`, MARGINS.left + width - 90, y, {
        width: 90,
        align: "right",
        lineBreak: false,
      });
    page.margins.bottom = MARGINS.bottom;
  }
}

/** The PDF of the report, as bytes (about 100 bytes per annex line). */
export function renderRecordPdf(report: RecordReport, integrity: RecordIntegrity): Promise<Uint8Array<ArrayBuffer>> {
  const { procurement, export: mark } = report.identification;
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    lang: "fr-FR",
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: pdfText(`Dossier des échanges : ${procurement.title}`),
      Author: pdfText(report.identification.buyer.name),
      Subject: "Registre des échanges de sourcing, pour le rapport de présentation",
      Creator: "Amont",
      Producer: "Amont",
      CreationDate: mark.exportedAt,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const w = new Writer(doc);
  identification(w, report, integrity);
  measures(w, report);
  equalTreatment(w, report);
  suppliers(w, report);
  integritySection(w, integrity);
  annex(w, report);
  footers(doc, procurement.title);
  doc.end();
  return finished;
}
