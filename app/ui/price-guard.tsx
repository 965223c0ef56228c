// How price-guard findings are shown to a buyer, wherever the guard runs (questionnaires,
// meeting notes): what was found, why it matters, what to ask instead, and where to justify.
import {
  PRICE_GUARD_ALTERNATIVE,
  PRICE_GUARD_EXPLANATION,
  PRICE_GUARD_RULE_LABELS,
  type PriceGuardFinding,
} from "~/price-guard/price-guard";

export function PriceGuardNotice({
  findings,
  id = "price-guard",
  children,
}: {
  findings: readonly PriceGuardFinding[];
  id?: string;
  /** Usually the justification field, when the buyer may publish anyway. */
  children?: React.ReactNode;
}) {
  if (findings.length === 0) return null;
  return (
    <section className="notice notice--warning price-guard" aria-labelledby={`${id}-title`} id={id} tabIndex={-1}>
      <h2 id={`${id}-title`}>Attention : ce texte semble parler de prix ou de conditions du contrat</h2>
      <p>{PRICE_GUARD_EXPLANATION}</p>
      <ul>
        {findings.map((finding, index) => (
          <li key={`${finding.field}-${index}`}>
            <strong>{finding.label}</strong> — {PRICE_GUARD_RULE_LABELS[finding.rule]} : « <mark>{finding.match}</mark>{" "}
            »
            <br />
            <span className="hint">{finding.excerpt}</span>
          </li>
        ))}
      </ul>
      <p>{PRICE_GUARD_ALTERNATIVE}</p>
      {children}
    </section>
  );
}

/** The findings in one line, under the field they were found in (the full explanation is in PriceGuardNotice). */
export function PriceGuardInline({
  findings,
}: {
  findings: readonly Pick<PriceGuardFinding, "rule" | "match" | "label">[];
}) {
  return (
    <p className="sourcing-guard-inline">
      Vigilance prix :{" "}
      {findings.map((finding, index) => (
        <span key={index}>
          {index > 0 ? " ; " : ""}
          {finding.label} — {PRICE_GUARD_RULE_LABELS[finding.rule]} (« {finding.match} »)
        </span>
      ))}
      . Voir l'explication avant la publication.
    </p>
  );
}
