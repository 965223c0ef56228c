// /acheteur/sourcing/:id/reponses: progress (invited, opened, submitted), a summary per question of
// the submitted answers to one version, the list of submitted responses, and the exports (posted).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { NOT_FOUND_MESSAGE, requireBuyerQuestionnaire } from "~/sourcing/questionnaires.server";
import { progressOf, responsesList, summaryOf } from "~/sourcing/results.server";
import type { QuestionSummary } from "~/sourcing/summary";
import { PlainSelectField } from "~/ui/form";
import { notFound } from "~/ui/not-found.server";
import { formatInstant } from "~/ui/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Réponses — ${data?.title ?? "Questionnaire"} — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const {
    buyer: { organization },
    questionnaire,
  } = await requireBuyerQuestionnaire(request, params.id!);
  const requested = Number(new URL(request.url).searchParams.get("version"));
  const versionNumber = Number.isInteger(requested) && requested > 0 ? requested : null;
  const [progress, summary, responses] = await Promise.all([
    progressOf(organization.id, questionnaire.id),
    summaryOf(organization.id, questionnaire.id, versionNumber),
    responsesList(organization.id, questionnaire.id),
  ]);
  if (!progress || !summary || !responses) notFound(NOT_FOUND_MESSAGE);
  return {
    id: questionnaire.id,
    title: questionnaire.title,
    versions: questionnaire.versions.map((v) => v.number),
    versionNumber: summary.version?.number ?? null,
    progress,
    summaries: summary.summaries,
    responses: responses.map((r) => ({
      id: r.id,
      supplier: r.supplierOrganization.name,
      versionNumber: r.version.number,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

function Bars({ items, total }: { items: { label: string; count: number }[]; total: number }) {
  return (
    <table className="sourcing-bars">
      <tbody>
        {items.map((item) => (
          <tr key={item.label}>
            <th scope="row">{item.label}</th>
            <td>
              <span
                className="sourcing-bar"
                style={{ width: `${total ? Math.round((item.count / total) * 100) : 0}%` }}
                aria-hidden="true"
              />
            </td>
            <td>
              {item.count} {total ? <span className="muted">({Math.round((item.count / total) * 100)} %)</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SummaryView({ summary, number }: { summary: QuestionSummary; number: number }) {
  const unit = summary.question.unit ? ` ${summary.question.unit}` : "";
  return (
    <section className="sourcing-summary" aria-labelledby={`summary-${summary.question.id}`}>
      <h3 id={`summary-${summary.question.id}`}>
        {number}. {summary.question.label}
      </h3>
      <p className="muted">{summary.answered} réponse(s)</p>
      {summary.kind === "choices" ? <Bars items={summary.counts} total={summary.answered} /> : null}
      {summary.kind === "scale" ? (
        <>
          <p>Moyenne : {summary.mean === null ? "—" : `${numberFormat.format(summary.mean)} / 5`}</p>
          <Bars items={summary.counts} total={summary.answered} />
        </>
      ) : null}
      {summary.kind === "numbers" ? (
        <>
          <p>
            Minimum : {summary.min === null ? "—" : `${numberFormat.format(summary.min)}${unit}`} · médiane :{" "}
            {summary.median === null ? "—" : `${numberFormat.format(summary.median)}${unit}`} · moyenne :{" "}
            {summary.mean === null ? "—" : `${numberFormat.format(summary.mean)}${unit}`} · maximum :{" "}
            {summary.max === null ? "—" : `${numberFormat.format(summary.max)}${unit}`}
          </p>
          <Bars items={summary.buckets} total={summary.answered} />
        </>
      ) : null}
      {summary.kind === "texts" ? (
        summary.texts.length ? (
          <ul>
            {summary.texts.map((text, index) => (
              <li key={index}>
                {text.text} <span className="muted">— {text.supplierName}</span>
              </li>
            ))}
          </ul>
        ) : null
      ) : null}
    </section>
  );
}

export default function QuestionnaireResponses() {
  const { id, title, versions, versionNumber, progress, summaries, responses } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/acheteur/sourcing/${id}`}>← {title}</Link>
      </p>
      <h1>Réponses au questionnaire</h1>
      <dl className="sourcing-progress">
        <div>
          <dt>Invitées</dt>
          <dd>{progress.invited}</dd>
        </div>
        <div>
          <dt>Ont ouvert le questionnaire</dt>
          <dd>{progress.opened}</dd>
        </div>
        <div>
          <dt>Réponses déposées</dt>
          <dd>{progress.submitted}</dd>
        </div>
      </dl>
      <p className="muted">
        « Ont ouvert » compte les entreprises connectées qui ont affiché le questionnaire ; les visiteurs anonymes ne
        sont pas comptés. Les brouillons des entreprises restent privés : vous ne lisez que les réponses déposées.
      </p>
      {versions.length > 1 ? (
        <Form method="get" className="form sourcing-inline">
          <PlainSelectField
            id="version"
            name="version"
            label="Version résumée"
            options={versions.map((n) => ({ value: String(n), label: `Version n° ${n}` }))}
            defaultValue={versionNumber === null ? "" : String(versionNumber)}
          />
          <button type="submit" className="button--secondary">
            Afficher
          </button>
        </Form>
      ) : null}
      {/* Plain forms: an export goes on the ledger, so it is a POST, and the browser saves the file it answers. */}
      <div className="actions">
        <form method="post" action={`/acheteur/sourcing/${id}/export.csv`}>
          {versionNumber ? <input type="hidden" name="version" value={versionNumber} /> : null}
          <button type="submit">Exporter en CSV (version n° {versionNumber})</button>
        </form>
        <form method="post" action={`/acheteur/sourcing/${id}/export.json`}>
          <button type="submit" className="button--secondary">
            Exporter en JSON (toutes les versions)
          </button>
        </form>
      </div>
      <h2>Synthèse des réponses déposées (version n° {versionNumber})</h2>
      {summaries.length === 0 ? (
        <p>Pas encore de version publiée.</p>
      ) : (
        summaries.map((summary, index) => (
          <SummaryView key={summary.question.id} summary={summary} number={index + 1} />
        ))
      )}
      <h2>Chaque réponse déposée</h2>
      {responses.length === 0 ? (
        <p>Aucune réponse déposée pour l'instant.</p>
      ) : (
        <table className="plan-table">
          <caption className="visually-hidden">Réponses</caption>
          <thead>
            <tr>
              <th scope="col">Entreprise</th>
              <th scope="col">Version</th>
              <th scope="col">Dépôt</th>
              <th scope="col">Dernière modification</th>
            </tr>
          </thead>
          <tbody>
            {responses.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/acheteur/sourcing/${id}/reponses/${r.id}`}>{r.supplier}</Link>
                </td>
                <td>n° {r.versionNumber}</td>
                <td>Déposée le {formatInstant(r.submittedAt!)}</td>
                <td>{formatInstant(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
