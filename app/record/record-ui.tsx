// The record page's pieces: the timeline of entries (with the launch marked), and the pager.
import { Link } from "@remix-run/react";
import { ERASED_ATTACHMENT_NOTICE } from "./attachments";
import type { RecordEntryView } from "./view";

function EntryFacts({ entry }: { entry: RecordEntryView }) {
  if (entry.facts.length === 0) return null;
  return (
    <dl className="record-entry__facts">
      {entry.facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>
            {fact.kind === "hash" ? (
              <code className="hash">{fact.value}</code>
            ) : fact.kind === "link" ? (
              <a href={fact.value}>{fact.value}</a>
            ) : (
              <span className="pre-line">{fact.value}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

type AttachmentView = NonNullable<NonNullable<RecordEntryView["manual"]>["attachment"]>;

/** A manual entry's attachment: a download link, or why there is none left (its hash always stays). */
function EntryAttachment({ attachment, href }: { attachment: AttachmentView; href: string }) {
  const hash = <code className="hash">{attachment.sha256}</code>;
  if (attachment.erased)
    return (
      <p>
        <strong>Pièce jointe :</strong> {ERASED_ATTACHMENT_NOTICE}.{" "}
        <span className="muted">(Empreinte SHA-256 du fichier : {hash})</span>
      </p>
    );
  return (
    <p>
      <strong>Pièce jointe :</strong>{" "}
      <a href={href} download>
        {attachment.fileName ?? "pièce jointe (nom du fichier effacé à la demande de la personne concernée)"}
      </a>{" "}
      <span className="muted">
        ({attachment.description}, empreinte SHA-256 {hash})
      </span>
    </p>
  );
}

/** A link to an entry, on the page that starts with it (the record is paged). */
export function entryHref(sequence: number): string {
  return `?apres=${sequence - 1}#entree-${sequence}`;
}

function RecordEntry({
  entry,
  attachmentHref,
}: {
  entry: RecordEntryView;
  attachmentHref: (sequence: number) => string;
}) {
  const { manual } = entry;
  return (
    <article
      className={entry.redaction ? "record-entry record-entry--redacted" : "record-entry"}
      aria-labelledby={`entree-${entry.sequence}-titre`}
    >
      <h3 id={`entree-${entry.sequence}-titre`} className="record-entry__title">
        {manual ? `${entry.kindLabel} : ${manual.channelLabel.toLowerCase()}` : entry.kindLabel}
        {entry.afterLaunch ? <span className="badge badge--accent">Après le lancement</span> : null}
      </h3>
      <p className="record-entry__meta">
        N° {entry.sequence} · {entry.when}
        {entry.recordedWhen ? ` (inscrit le ${entry.recordedWhen})` : ""} · {entry.actorLabel}
      </p>
      {entry.context ? <p className="record-entry__context">{entry.context}</p> : null}
      {entry.altered ? (
        <p className="notice notice--error">
          <strong>Entrée modifiée après son inscription :</strong> son contenu ne correspond plus à son empreinte. Ce
          qui est affiché n'est pas ce qui a été inscrit au registre.
        </p>
      ) : null}
      {entry.redaction ? (
        <p className="record-entry__redacted">
          <strong>Effacé à la demande de la personne concernée (RGPD)</strong>
          {entry.redaction.when ? ` le ${entry.redaction.when}` : ""} : {entry.redaction.fields} (« [effacé] »).
          L'entrée reste au registre et son empreinte reste vérifiable.
        </p>
      ) : null}
      {manual ? (
        <>
          <p>
            <strong>Entreprise :</strong> {manual.supplier}
          </p>
          <p className="pre-line">{manual.text}</p>
          {manual.guardJustification ? (
            <p className="muted">Justification (vigilance prix) : {manual.guardJustification}</p>
          ) : null}
          {manual.attachment ? (
            <EntryAttachment attachment={manual.attachment} href={attachmentHref(entry.sequence)} />
          ) : null}
        </>
      ) : (
        <p>{entry.summary}</p>
      )}
      {!manual && entry.suppliers.length > 0 ? (
        <p>
          <strong>{entry.suppliers.length > 1 ? "Entreprises :" : "Entreprise :"}</strong> {entry.suppliers.join(", ")}
        </p>
      ) : null}
      <EntryFacts entry={entry} />
      {entry.corrects ? (
        <p className="record-entry__link">
          Corrige l'entrée <Link to={entryHref(entry.corrects)}>n° {entry.corrects}</Link>, qui reste inscrite telle
          quelle.
        </p>
      ) : null}
      {entry.correctedBy.length > 0 ? (
        <p className="record-entry__link">
          <strong>Corrigée</strong> par{" "}
          {entry.correctedBy.map((sequence, index) => (
            <span key={sequence}>
              {index > 0 ? ", " : ""}
              <Link to={entryHref(sequence)}>l'entrée n° {sequence}</Link>
            </span>
          ))}
          .
        </p>
      ) : null}
      <details className="record-entry__hash">
        <summary>Empreintes au registre</summary>
        <p>
          Cette entrée : <code className="hash">{entry.hash}</code>
          <br />
          L'entrée précédente du registre : <code className="hash">{entry.previousHash}</code>
        </p>
      </details>
      {manual && entry.corrects === null ? (
        <p>
          <Link to={`?corriger=${entry.sequence}#saisie`}>Corriger cette entrée</Link>
        </p>
      ) : null}
    </article>
  );
}

/**
 * The entries in ledger order. A separator marks where the exchanges after the launch begin (and
 * again wherever one written later about an earlier day interrupts them).
 */
export function RecordTimeline({
  entries,
  launchedOn,
  attachmentHref,
}: {
  entries: RecordEntryView[];
  /** The launch day, in words ("lundi 12 avril 2027"). */
  launchedOn: string | null;
  attachmentHref: (sequence: number) => string;
}) {
  return (
    <ol className="record-timeline">
      {entries.flatMap((entry, index) => {
        const item = (
          <li
            key={entry.sequence}
            id={`entree-${entry.sequence}`}
            className={entry.afterLaunch ? "is-after-launch" : undefined}
          >
            <RecordEntry entry={entry} attachmentHref={attachmentHref} />
          </li>
        );
        const startsAfterLaunch = entry.afterLaunch && !entries[index - 1]?.afterLaunch;
        return startsAfterLaunch && launchedOn
          ? [
              <li key={`lancement-${entry.sequence}`} className="record-timeline__launch">
                <strong>Consultation lancée le {launchedOn}</strong> : les échanges marqués « Après le lancement » ont
                eu lieu à partir de ce jour.
              </li>,
              item,
            ]
          : [item];
      })}
    </ol>
  );
}

export function RecordPager({
  hasPrevious,
  hasNext,
  previousHref,
  nextHref,
  firstHref,
  lastHref,
  label,
}: {
  hasPrevious: boolean;
  hasNext: boolean;
  previousHref: string;
  nextHref: string;
  firstHref: string;
  lastHref: string;
  label: string;
}) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <ul>
        {hasPrevious ? (
          <>
            <li>
              <Link to={firstHref}>Les plus anciennes</Link>
            </li>
            <li>
              <Link to={previousHref} rel="prev">
                <span aria-hidden="true">← </span>Entrées précédentes
              </Link>
            </li>
          </>
        ) : null}
        {hasNext ? (
          <>
            <li>
              <Link to={nextHref} rel="next">
                Entrées suivantes<span aria-hidden="true"> →</span>
              </Link>
            </li>
            <li>
              <Link to={lastHref}>Les plus récentes</Link>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  );
}
