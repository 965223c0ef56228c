// /acheteur/sourcing/:id/reponses/:responseId: one submitted response, for the buyer organisation only
// (a draft is a 404: it stays the supplier's until submitted).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ESS_STATUSES, SUPPLIER_SIZES } from "~/organizations/kinds";
import { requireBuyerRecord } from "~/plan/access.server";
import { AnswerList } from "~/sourcing/questions-ui";
import { buyerResponse, RESPONSE_NOT_FOUND_MESSAGE } from "~/sourcing/results.server";
import { departementLabel } from "~/territory/departements";
import { formatInstant } from "~/ui/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Réponse de ${data?.supplier.name ?? "l'entreprise"} — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record: found } = await requireBuyerRecord(
    request,
    (organizationId) => buyerResponse(organizationId, params.id!, params.responseId!),
    RESPONSE_NOT_FOUND_MESSAGE,
  );
  const supplier = found.response.supplierOrganization;
  return {
    questionnaireId: params.id!,
    supplier: {
      name: supplier.name,
      siret: supplier.siret,
      departement: departementLabel(supplier.departement),
      size: supplier.size ? ((SUPPLIER_SIZES as Record<string, string>)[supplier.size] ?? supplier.size) : null,
      essStatus: supplier.essStatus
        ? ((ESS_STATUSES as Record<string, string>)[supplier.essStatus] ?? supplier.essStatus)
        : null,
    },
    submittedAt: found.response.submittedAt?.toISOString() ?? null,
    versionNumber: found.response.version.number,
    answersHash: found.response.answersHash,
    document: found.document,
    answers: found.answers,
  };
}

export default function ResponsePage() {
  const { questionnaireId, supplier, submittedAt, versionNumber, answersHash, document, answers } =
    useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/acheteur/sourcing/${questionnaireId}/reponses`}>← Toutes les réponses</Link>
      </p>
      <h1>Réponse de {supplier.name}</h1>
      <p className="muted">
        SIRET {supplier.siret ?? "—"} · {supplier.departement}
        {supplier.size ? ` · ${supplier.size}` : ""}
        {supplier.essStatus ? ` · ${supplier.essStatus}` : ""}
      </p>
      <p>
        Déposée le {formatInstant(submittedAt!)} · version n° {versionNumber}
        {answersHash ? (
          <>
            {" "}
            · empreinte <code className="sourcing-hash">{answersHash}</code>
          </>
        ) : null}
      </p>
      <AnswerList content={document.content} answers={answers} />
    </>
  );
}
