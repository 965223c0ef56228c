// The report of a procurement's record (pure): what the PDF says, derived from the record's entries
// alone, read once in ledger order. Counts and dates of the sourcing measures; the facts of equal
// treatment (questionnaire versions and their hashes, clarifications published to all, invitations
// and whether they carried the same message, event materials, notes and price-guard
// justifications); the suppliers involved; and the annex, one row per entry. Nothing here is
// typed in by hand: a sentence of the PDF is a sum or a comparison over the entries.
import { ERASED_ATTACHMENT_NOTICE } from "../attachments";
import type { JsonObject } from "../entries";
import type { RecordEntry } from "../record.server";

export interface ReportIdentification {
  buyer: { name: string; siren: string | null };
  procurement: {
    id: string;
    title: string;
    reference: string | null;
    semester: string;
    expectedPublicationDate: string;
    statusLabel: string;
    launchedOn: string | null;
    launchNoticeReference: string | null;
    noticeUrl: string | null;
  };
  /** The export itself: its ledger record is the last entry the report covers. */
  export: { sequence: number; recordCount: number; actorLabel: string; exportedAt: Date };
}

export interface MeasureRow {
  label: string;
  count: number;
  first: Date | null;
  last: Date | null;
}

export interface VersionFact {
  sequence: number;
  questionnaire: string;
  number: number | null;
  publishedAt: Date;
  contentHash: string | null;
  deadline: string | null;
  changeNote: string | null;
  notified: number;
}

export interface ClarificationFact {
  sequence: number;
  questionnaire: string;
  publishedAt: Date;
  question: string;
  answer: string;
  recipients: number | null;
}

export interface InvitationFact {
  sequence: number;
  at: Date;
  invitee: string;
  fromDirectory: boolean;
  messageHash: string | null;
  subject: string | null;
}

/** Whether the invitations to one questionnaire carried the same message. */
export interface InvitationCheck {
  questionnaire: string;
  invitations: InvitationFact[];
  /** The distinct message hashes, with the invitations that carried each (most common first). */
  groups: { messageHash: string; sequences: number[] }[];
  /** Invitations written before the message's hash was kept on the ledger. */
  unrecorded: number;
  /** Distinct subjects among the invitations without a hash. */
  unrecordedSubjects: string[];
  identical: boolean;
}

export interface EventFact {
  eventId: string;
  title: string;
  kind: string | null;
  publishedAt: Date | null;
  moves: number;
  cancelledAt: Date | null;
}

export interface MaterialFact {
  sequence: number;
  event: string;
  title: string;
  kind: string | null;
  publishedAt: Date;
  url: string | null;
  announcedTo: number | null;
  toEveryone: boolean;
}

export interface NoteFact {
  sequence: number;
  at: Date;
  context: string | null;
  supplier: string | null;
  body: string;
  correction: boolean;
}

export interface JustificationFact {
  sequence: number;
  at: Date;
  kindLabel: string;
  context: string | null;
  text: string;
}

export interface SupplierRow {
  name: string;
  siret: string | null;
  /** The kinds of entries that concern it, with their number, most frequent first. */
  actions: { label: string; count: number }[];
  count: number;
  first: Date;
  last: Date;
}

export interface AnnexRow {
  sequence: number;
  occurredAt: Date;
  /** Manual entries and launches carry the day they are about, not a moment. */
  day: string | null;
  kindLabel: string;
  afterLaunch: boolean;
  actor: string;
  /** The organisations concerned besides the buyer, and a supplier typed in a manual entry. */
  organizations: string;
  summary: string;
  hash: string;
  /** Personal data erased on request: the text reads "[effacé]", the chain still holds. */
  redacted: boolean;
}

export interface RecordReport {
  identification: ReportIdentification;
  total: number;
  first: Date | null;
  last: Date | null;
  afterLaunch: number;
  measures: MeasureRow[];
  questionnaires: number;
  manualByChannel: { label: string; count: number }[];
  events: EventFact[];
  versions: VersionFact[];
  clarifications: ClarificationFact[];
  invitations: InvitationCheck[];
  materials: MaterialFact[];
  notes: NoteFact[];
  justifications: JustificationFact[];
  suppliers: SupplierRow[];
  annex: AnnexRow[];
}

/** The sourcing measures, in the order of a procurement's life; kinds not listed fall under "Autres". */
export const MEASURES: readonly { label: string; kinds: readonly string[] }[] = [
  { label: "Publications de la programmation", kinds: ["plan.edition_published"] },
  { label: "Versions de questionnaire publiées", kinds: ["sourcing.version_published"] },
  { label: "Invitations à répondre", kinds: ["sourcing.invitation_sent"] },
  { label: "Ouvertures du questionnaire par une entreprise", kinds: ["sourcing.questionnaire_opened"] },
  { label: "Réponses déposées", kinds: ["sourcing.answer_submitted"] },
  { label: "Réponses mises à jour", kinds: ["sourcing.answer_updated"] },
  { label: "Questions de précision posées", kinds: ["sourcing.clarification_asked"] },
  { label: "Précisions publiées pour tous", kinds: ["sourcing.clarification_answered"] },
  { label: "Questionnaires clos avant la date limite", kinds: ["sourcing.closed_early"] },
  { label: "Événements publiés", kinds: ["meeting.event_published"] },
  { label: "Événements déplacés ou annulés", kinds: ["meeting.event_moved", "meeting.event_cancelled"] },
  { label: "Rendez-vous réservés", kinds: ["meeting.slot_booked"] },
  { label: "Rendez-vous annulés", kinds: ["meeting.slot_cancelled"] },
  { label: "Inscriptions à un webinaire ou une réunion", kinds: ["meeting.registered"] },
  { label: "Inscriptions annulées", kinds: ["meeting.registration_cancelled"] },
  {
    label: "Mouvements des listes d'attente",
    kinds: ["meeting.waitlist_joined", "meeting.waitlist_promoted", "meeting.waitlist_left"],
  },
  { label: "Liens de connexion et rappels envoyés", kinds: ["meeting.join_link_sent", "meeting.reminder_sent"] },
  { label: "Présences enregistrées", kinds: ["meeting.attendance_recorded"] },
  { label: "Comptes rendus et corrections", kinds: ["meeting.note_written", "meeting.note_corrected"] },
  { label: "Supports publiés", kinds: ["meeting.materials_published"] },
  { label: "Échanges hors plateforme", kinds: ["manual.exchange"] },
  { label: "Lancement de la consultation (et corrections)", kinds: ["procurement.launched"] },
  { label: "Exports (réponses, dossier)", kinds: ["sourcing.exported", "record.exported"] },
];

const OTHER_MEASURES = "Autres échanges";

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const integer = (value: unknown): number | null =>
  typeof value === "number" && Number.isInteger(value) ? value : null;

function guardJustification(payload: JsonObject): string | null {
  const guard = payload.priceGuard;
  return (
    text(payload.guardJustification) ??
    (guard && typeof guard === "object" && !Array.isArray(guard) ? text(guard.justification) : null)
  );
}

/** What the annex says of an entry: its summary, and for a manual entry what was written down. */
function annexSummary(entry: RecordEntry): string {
  const { manual } = entry;
  if (!manual) return entry.summary;
  const { attachment: file } = entry;
  const attachment = file
    ? `\nPièce jointe : ${file.erased ? ERASED_ATTACHMENT_NOTICE : (file.fileName ?? "nom du fichier effacé")} (SHA-256 ${file.sha256})`
    : "";
  return `${entry.summary}\n${manual.text}${attachment}`;
}

interface Span {
  count: number;
  first: Date | null;
  last: Date | null;
}

function widen(span: Span, at: Date) {
  span.count += 1;
  if (!span.first || at < span.first) span.first = at;
  if (!span.last || at > span.last) span.last = at;
}

/**
 * Reads the entries one by one (in ledger order) and keeps only what the report shows: an annex row
 * of a few short strings per entry, and the facts of the sections above it.
 */
export class RecordReportBuilder {
  private total = 0;
  private span: Span = { count: 0, first: null, last: null };
  private afterLaunch = 0;
  private byMeasure = new Map<string, Span>();
  private channels = new Map<string, number>();
  private questionnaireIds = new Set<string>();
  private events = new Map<string, EventFact>();
  private versions: VersionFact[] = [];
  private clarifications: ClarificationFact[] = [];
  private invitations = new Map<string, InvitationFact[]>();
  private materials: MaterialFact[] = [];
  private notes: NoteFact[] = [];
  private justifications: JustificationFact[] = [];
  private suppliers = new Map<string, { row: Omit<SupplierRow, "actions">; actions: Map<string, number> }>();
  private annex: (Omit<AnnexRow, "organizations"> & { organizationIds: string[]; typed: string | null })[] = [];
  private measureOf = new Map<string, string>();

  constructor(
    private readonly names: {
      questionnaire: (id: string) => string | null;
      event: (id: string) => { title: string; kind: string } | null;
      /** The buyer that owns the record: party to almost every entry, left out of the annex's organisations. */
      ownerOrganizationId: string;
    },
  ) {
    for (const measure of MEASURES) for (const kind of measure.kinds) this.measureOf.set(kind, measure.label);
  }

  add(entry: RecordEntry): void {
    const at = entry.occurredAt;
    const { payload } = entry;
    this.total += 1;
    widen(this.span, at);
    if (entry.afterLaunch) this.afterLaunch += 1;
    const measure = this.measureOf.get(entry.kind) ?? OTHER_MEASURES;
    const span = this.byMeasure.get(measure) ?? { count: 0, first: null, last: null };
    widen(span, at);
    this.byMeasure.set(measure, span);

    const questionnaireId = text(payload.questionnaireId);
    if (questionnaireId && entry.kind.startsWith("sourcing.")) this.questionnaireIds.add(questionnaireId);
    const questionnaire = (questionnaireId && this.names.questionnaire(questionnaireId)) ?? "Questionnaire";

    switch (entry.kind) {
      case "sourcing.version_published":
        this.versions.push({
          sequence: entry.sequence,
          questionnaire,
          number: integer(payload.versionNumber),
          publishedAt: at,
          contentHash: text(payload.contentHash),
          deadline: text(payload.deadline),
          changeNote: text(payload.changeNote),
          notified: Array.isArray(payload.notifiedOrganizationIds) ? payload.notifiedOrganizationIds.length : 0,
        });
        break;
      case "sourcing.clarification_answered":
        this.clarifications.push({
          sequence: entry.sequence,
          questionnaire,
          publishedAt: at,
          question: text(payload.publishedQuestion) ?? "",
          answer: text(payload.answer) ?? "",
          recipients: integer(payload.recipientCount),
        });
        break;
      case "sourcing.invitation_sent": {
        const supplierId = text(payload.supplierOrganizationId);
        const organization = supplierId ? entry.suppliers.find((s) => s.organizationId === supplierId) : undefined;
        const list = this.invitations.get(questionnaire) ?? [];
        list.push({
          sequence: entry.sequence,
          at,
          invitee: organization?.name ?? text(payload.email) ?? "adresse non inscrite",
          fromDirectory: supplierId !== null,
          messageHash: text(payload.messageHash),
          subject: text(payload.subject),
        });
        this.invitations.set(questionnaire, list);
        break;
      }
      case "meeting.materials_published":
        this.materials.push({
          sequence: entry.sequence,
          event: (entry.eventId && this.names.event(entry.eventId)?.title) ?? "Événement",
          title: text(payload.title) ?? "",
          kind: text(payload.kind),
          publishedAt: at,
          url: text(payload.url),
          announcedTo: integer(payload.announcedTo),
          toEveryone: payload.public === true,
        });
        break;
      case "meeting.note_written":
      case "meeting.note_corrected": {
        const supplierId = text(payload.supplierOrganizationId);
        this.notes.push({
          sequence: entry.sequence,
          at,
          context: entry.context,
          supplier: supplierId ? (entry.suppliers.find((s) => s.organizationId === supplierId)?.name ?? null) : null,
          body: text(payload.body) ?? "",
          correction: entry.kind === "meeting.note_corrected",
        });
        break;
      }
      case "manual.exchange":
        if (entry.manual)
          this.channels.set(entry.manual.channelLabel, (this.channels.get(entry.manual.channelLabel) ?? 0) + 1);
        break;
      default:
        break;
    }
    if (entry.eventId && entry.kind.startsWith("meeting.")) this.addEventFact(entry);

    const justification = guardJustification(payload);
    if (justification)
      this.justifications.push({
        sequence: entry.sequence,
        at,
        kindLabel: entry.kindLabel,
        context: entry.context,
        text: justification,
      });

    for (const supplier of entry.suppliers) {
      const key = supplier.organizationId ?? `nom:${supplier.name.toLowerCase()}|${supplier.siret ?? ""}`;
      const known = this.suppliers.get(key) ?? {
        row: { name: supplier.name, siret: supplier.siret, count: 0, first: at, last: at },
        actions: new Map<string, number>(),
      };
      known.row.count += 1;
      if (at < known.row.first) known.row.first = at;
      if (at > known.row.last) known.row.last = at;
      known.actions.set(entry.kindLabel, (known.actions.get(entry.kindLabel) ?? 0) + 1);
      this.suppliers.set(key, known);
    }

    this.annex.push({
      sequence: entry.sequence,
      occurredAt: at,
      day: entry.manual || entry.launch ? entry.day : null,
      kindLabel: entry.manual ? `${entry.kindLabel} (${entry.manual.channelLabel.toLowerCase()})` : entry.kindLabel,
      afterLaunch: entry.afterLaunch,
      actor: entry.actorLabel,
      organizationIds: entry.organizationIds,
      typed: entry.manual && !entry.manual.supplier.organizationId ? entry.manual.supplier.name : null,
      summary: annexSummary(entry),
      hash: entry.hash,
      redacted: entry.redaction !== null,
    });
  }

  private addEventFact(entry: RecordEntry) {
    const eventId = entry.eventId!;
    const known = this.names.event(eventId);
    const fact = this.events.get(eventId) ?? {
      eventId,
      title: known?.title ?? "Événement",
      kind: known?.kind ?? null,
      publishedAt: null,
      moves: 0,
      cancelledAt: null,
    };
    if (entry.kind === "meeting.event_published" && !fact.publishedAt) fact.publishedAt = entry.occurredAt;
    if (entry.kind === "meeting.event_moved") fact.moves += 1;
    if (entry.kind === "meeting.event_cancelled") fact.cancelledAt = entry.occurredAt;
    this.events.set(eventId, fact);
  }

  /** The organisations' names are read once at the end: the annex only kept their ids. */
  organizationIds(): Set<string> {
    const ids = new Set<string>();
    for (const row of this.annex) for (const id of row.organizationIds) ids.add(id);
    ids.delete(this.names.ownerOrganizationId);
    return ids;
  }

  finish(identification: ReportIdentification, organizationNames: ReadonlyMap<string, string>): RecordReport {
    const measures: MeasureRow[] = [...MEASURES.map((measure) => measure.label), OTHER_MEASURES].flatMap((label) => {
      const span = this.byMeasure.get(label);
      if (!span && label === OTHER_MEASURES) return [];
      return [{ label, count: span?.count ?? 0, first: span?.first ?? null, last: span?.last ?? null }];
    });
    return {
      identification,
      total: this.total,
      first: this.span.first,
      last: this.span.last,
      afterLaunch: this.afterLaunch,
      measures,
      questionnaires: this.questionnaireIds.size,
      manualByChannel: [...this.channels]
        .map(([label, count]) => ({ label, count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "fr")),
      events: [...this.events.values()],
      versions: this.versions,
      clarifications: this.clarifications,
      invitations: [...this.invitations].map(([questionnaire, invitations]) =>
        checkInvitations(questionnaire, invitations),
      ),
      materials: this.materials,
      notes: this.notes,
      justifications: this.justifications,
      suppliers: [...this.suppliers.values()]
        .map(({ row, actions }) => ({
          ...row,
          actions: [...actions]
            .map(([label, count]) => ({ label, count }))
            .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "fr")),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, "fr")),
      annex: this.annex.map(({ organizationIds, typed, ...row }) => ({
        ...row,
        organizations: [
          ...organizationIds
            .filter((id) => id !== this.names.ownerOrganizationId)
            .map((id) => organizationNames.get(id) ?? "organisation supprimée"),
          ...(typed ? [typed] : []),
        ].join(", "),
      })),
    };
  }
}

/** Groups the invitations to one questionnaire by the hash of the message they carried. */
export function checkInvitations(questionnaire: string, invitations: InvitationFact[]): InvitationCheck {
  const byHash = new Map<string, number[]>();
  const subjects = new Set<string>();
  let unrecorded = 0;
  for (const invitation of invitations) {
    if (invitation.messageHash) {
      byHash.set(invitation.messageHash, [...(byHash.get(invitation.messageHash) ?? []), invitation.sequence]);
    } else {
      unrecorded += 1;
      if (invitation.subject) subjects.add(invitation.subject);
    }
  }
  const groups = [...byHash]
    .map(([messageHash, sequences]) => ({ messageHash, sequences }))
    .sort((a, b) => b.sequences.length - a.sequences.length || a.sequences[0]! - b.sequences[0]!);
  return {
    questionnaire,
    invitations,
    groups,
    unrecorded,
    unrecordedSubjects: [...subjects],
    identical: groups.length <= 1 && (groups.length === 1 || subjects.size <= 1),
  };
}
