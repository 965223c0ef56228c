// /registre/verifier: anyone uploads (or pastes) the signed JSON export of a procurement's record
// and learns whether its signature holds, whether every record still matches the live ledger,
// which ones were redacted, and the first one that does not match. Works without JavaScript; the
// file is read in memory and never stored; bad input gets a French message next to its field.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatInstant } from "~/calendar/format";
import { ledgerFieldLabel } from "~/ledger/describe";
import { EXPORT_FILE_FIELD, EXPORT_MAX_BYTES, EXPORT_TEXT_FIELD } from "~/record/export-form";
import { readExportForm } from "~/record/export-upload.server";
import { consumeVerificationLimit, verifyExportOnline } from "~/record/export-verification.server";
import { LIVE_STATE_LABELS, verificationView, type VerificationView } from "~/record/verification-view";
import { FormError, PlainField, PlainTextAreaField } from "~/ui/form";
import { retryAfterHeaders } from "~/ui/retry-after";

export const meta: MetaFunction = () => [
  { title: "Vérifier un export du registre — Amont" },
  {
    name: "description",
    content: "Vérifiez qu'un export de dossier d'achat est authentique et qu'il correspond au registre des échanges.",
  },
];

/** A refusal by the abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

/** Pasted text is kept in the field after an error up to this size; beyond, the reader pastes it again. */
const KEEP_PASTED_CHARS = 200_000;

export function loader({ request }: LoaderFunctionArgs) {
  const achat = new URL(request.url).searchParams.get("achat")?.trim().slice(0, 100) || null;
  return { expectedProcurementId: achat };
}

type ActionResult =
  | {
      kind: "error";
      field: typeof EXPORT_FILE_FIELD | typeof EXPORT_TEXT_FIELD | "form";
      message: string;
      pasted: string;
    }
  | { kind: "report"; view: VerificationView };

export async function action({ request, context }: ActionFunctionArgs) {
  const limit = await consumeVerificationLimit(context.clientIp);
  if (!limit.ok)
    return data<ActionResult>(
      { kind: "error", field: "form", message: limit.message, pasted: "" },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  const form = await readExportForm(request);
  if (!form.ok) return data<ActionResult>({ kind: "error", field: form.field, message: form.message, pasted: "" }, 400);
  const outcome = await verifyExportOnline(form.text, { expectedProcurementId: form.expectedProcurementId });
  if (!outcome.ok)
    return data<ActionResult>(
      {
        kind: "error",
        field: form.field,
        message: outcome.message,
        pasted: form.field === EXPORT_TEXT_FIELD && form.text.length <= KEEP_PASTED_CHARS ? form.text : "",
      },
      400,
    );
  return data<ActionResult>({ kind: "report", view: verificationView(outcome.report) });
}

export default function VerifyExport() {
  const { expectedProcurementId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const error = result?.kind === "error" ? result : null;
  const fileError = error?.field === EXPORT_FILE_FIELD ? error.message : null;
  const textError = error?.field === EXPORT_TEXT_FIELD ? error.message : null;
  return (
    <div className="stack">
      <h1>Vérifier un export du registre</h1>
      <p className="lead">
        Le dossier d'un achat s'exporte en JSON, signé par Amont. Déposez ce fichier ici pour savoir s'il est
        authentique, s'il n'a pas été modifié, et si chacune de ses inscriptions figure toujours, identique, dans le
        registre des échanges.
      </p>

      {result?.kind === "report" ? <Report view={result.view} /> : null}

      <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="deposer">
        <h2 id="deposer">{result?.kind === "report" ? "Vérifier un autre export" : "Déposer l'export"}</h2>
        <FormError errors={error?.field === "form" ? error.message : null} />
        {expectedProcurementId ? <input type="hidden" name="achat" value={expectedProcurementId} /> : null}
        <PlainField
          id="fichier"
          label="Fichier JSON de l'export"
          hint={`Le fichier « dossier-….json » téléchargé depuis le dossier d'un achat, ${EXPORT_MAX_BYTES / 1024 / 1024} Mo au plus. Il n'est pas conservé.`}
          error={fileError}
        >
          {(control) => <input {...control} type="file" name={EXPORT_FILE_FIELD} accept="application/json,.json" />}
        </PlainField>
        <PlainTextAreaField
          id="contenu"
          name={EXPORT_TEXT_FIELD}
          label="Ou collez le contenu de l'export"
          hint="Utilisé seulement si aucun fichier n'est choisi."
          rows={6}
          defaultValue={error?.pasted ?? ""}
          error={textError}
        />
        <p className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Vérification…" : "Vérifier"}
          </button>
        </p>
      </Form>

      <section aria-labelledby="comment">
        <h2 id="comment">Ce qui est vérifié</h2>
        <ul>
          <li>
            <strong>La signature</strong> : l'export et son point de contrôle sont signés avec une clé publiée sur{" "}
            <Link to="/registre/etat">l'état du registre</Link>. Un seul caractère changé dans le fichier la rend
            invalide.
          </li>
          <li>
            <strong>Chaque inscription</strong> : son empreinte est recalculée à partir de son contenu, et sa place est
            prouvée dans le point de contrôle signé au moment de l'export.
          </li>
          <li>
            <strong>Le registre en ligne</strong> : chaque inscription y figure toujours avec la même empreinte. Une
            inscription dont des données personnelles ont été effacées à la demande de la personne reste valable : son
            empreinte est conservée.
          </li>
        </ul>
        <p>
          Pour vérifier sans passer par ce site, utilisez le vérificateur hors ligne décrit sur{" "}
          <Link to="/registre/etat#verifier">l'état du registre</Link>.
        </p>
      </section>
    </div>
  );
}

function Report({ view }: { view: VerificationView }) {
  const { live } = view;
  return (
    <section aria-labelledby="resultat" className="stack" role="status">
      <h2 id="resultat">Résultat</h2>
      {view.verdict === "failed" ? (
        <div className="notice notice--warning">
          <p>
            <strong>Cet export n'est pas vérifié.</strong>
          </p>
          <ul>
            {[...view.problems, ...view.contradictions].map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
            {live?.firstMismatch ? (
              <li>
                Première inscription qui ne correspond plus au registre en ligne : n° {live.firstMismatch.sequence} (
                {LIVE_STATE_LABELS[live.firstMismatch.state]}).
              </li>
            ) : null}
          </ul>
        </div>
      ) : (
        <p className="notice">
          <strong>
            Export vérifié : authentique, intact, et identique au registre des échanges
            {view.verdict === "verified-redacted" ? " (des données personnelles y ont été effacées)" : ""}.
          </strong>
        </p>
      )}

      <dl className="facts">
        <dt>Achat</dt>
        <dd>
          {view.procurement.title}
          {view.procurement.reference ? ` (${view.procurement.reference})` : ""}
        </dd>
        <dt>Acheteur</dt>
        <dd>
          {view.procurement.buyerName}
          {view.procurement.buyerSiren ? `, SIREN ${view.procurement.buyerSiren}` : ""}
        </dd>
        <dt>Export fait le</dt>
        <dd>{formatInstant(view.generatedAt)}</dd>
        <dt>Inscriptions</dt>
        <dd>{view.recordCount.toLocaleString("fr-FR")}</dd>
        <dt>Signature</dt>
        <dd>
          {view.signatureValid ? "valide" : "invalide"}, clé <code className="fingerprint">{view.keyFingerprint}</code>
        </dd>
        <dt>Point de contrôle</dt>
        <dd>
          signé le {formatInstant(view.checkpoint.signedAt)} (
          {view.checkpointSignatureValid ? "signature valide" : "signature invalide"}) :{" "}
          {view.checkpoint.status === "intact"
            ? `${view.checkpoint.sequence.toLocaleString("fr-FR")} inscriptions du registre vérifiées`
            : `registre rompu à l'inscription n° ${view.checkpoint.brokenAt}`}
        </dd>
      </dl>

      {view.warnings.length ? (
        <ul className="muted">
          {view.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      ) : null}

      {live === null ? (
        <p>La signature ne tient pas : le fichier n'a pas été comparé au registre en ligne.</p>
      ) : (
        <>
          <h3>Comparaison avec le registre en ligne</h3>
          <p>
            {live.matching.toLocaleString("fr-FR")} inscription{live.matching > 1 ? "s" : ""} sur{" "}
            {view.recordCount.toLocaleString("fr-FR")} correspond{live.matching > 1 ? "ent" : ""} au registre en ligne.
          </p>
          {live.mismatchCount > 0 ? (
            <table>
              <caption>
                Inscriptions qui ne correspondent plus
                {live.mismatchCount > live.mismatches.length
                  ? ` (les ${live.mismatches.length} premières sur ${live.mismatchCount})`
                  : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Constat</th>
                </tr>
              </thead>
              <tbody>
                {live.mismatches.map((mismatch) => (
                  <tr key={mismatch.sequence}>
                    <td>{mismatch.sequence}</td>
                    <td>{LIVE_STATE_LABELS[mismatch.state]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {live.redactedCount > 0 ? (
            <table>
              <caption>
                Inscriptions dont des données ont été effacées
                {live.redactedCount > live.redacted.length
                  ? ` (les ${live.redacted.length} premières sur ${live.redactedCount})`
                  : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Données effacées</th>
                  <th scope="col">Quand</th>
                </tr>
              </thead>
              <tbody>
                {live.redacted.map((entry) => (
                  <tr key={entry.sequence}>
                    <td>{entry.sequence}</td>
                    <td>{entry.fields.map(ledgerFieldLabel).join(", ")}</td>
                    <td>{entry.since ? "depuis l'export" : "avant l'export"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
      {view.latest ? (
        <p className="muted">
          Dernier point de contrôle du registre : le {formatInstant(view.latest.signedAt)},{" "}
          {view.latest.status === "intact"
            ? `${view.latest.sequence.toLocaleString("fr-FR")} inscriptions intègres.`
            : `registre rompu à l'inscription n° ${view.latest.brokenAt}.`}
        </p>
      ) : null}
    </section>
  );
}
