// /organisations/:id/demandes: the organisation's admins answer the people who tried to register it
// again and ask to join it instead: accept (they become members) or refuse with a reason.
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatInstant } from "~/calendar/format";
import { decideClaim, pendingClaimsOf } from "~/organizations/claims.server";
import { requireOrganizationAdmin } from "~/organizations/organizations.server";
import { DecisionForms, decisionFormId } from "~/organizations/review-forms";
import { claimDecisionSchema } from "~/organizations/verification";
import { notFound } from "~/ui/not-found.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Demandes pour rejoindre ${loaded?.organization.name ?? "l'organisation"} — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganizationAdmin(request, params.id!);
  const claims = await pendingClaimsOf(organization.id);
  return {
    organization: { id: organization.id, name: organization.name },
    claims: claims.map((claim) => ({
      id: claim.id,
      claimant: claim.user,
      message: claim.message,
      createdAt: claim.createdAt.toISOString(),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organization } = await requireOrganizationAdmin(request, params.id!);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: claimDecisionSchema });
  const formId = decisionFormId({ kind: "claim", claimId: String(formData.get("claimId")) });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const decision = submission.value;
  const result = await decideClaim(
    { id: user.id, name: user.name, isPlatformAdmin: false },
    decision.claimId,
    decision.intent === "accept-claim" ? { accept: true } : { accept: false, reason: decision.reason },
    organization.id,
  );
  if (!result.ok && result.notFound) notFound(result.message);
  if (!result.ok) return data({ formId, result: submission.reply({ formErrors: [result.message] }) }, { status: 409 });
  return redirectWithToast(`/organisations/${organization.id}/demandes`, {
    title:
      decision.intent === "accept-claim"
        ? `${result.claimantName} est maintenant membre de l'organisation.`
        : `La demande de ${result.claimantName} est refusée.`,
    description: "La personne est prévenue par courriel ; votre réponse est inscrite au registre des échanges.",
  });
}

export default function OrganizationClaims() {
  const { organization, claims } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/organisations/${organization.id}`}>← {organization.name}</Link>
      </p>
      <h1>Demandes pour rejoindre l'organisation</h1>
      <p className="lead">
        Ces personnes ont voulu inscrire {organization.name}, déjà inscrite sur Amont, et demandent à la rejoindre.
        Acceptez seulement quelqu'un que vous savez travailler pour l'organisation : il deviendra membre et pourra agir
        en son nom. L'équipe Amont voit aussi ces demandes.
      </p>
      {claims.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <ul className="cards">
          {claims.map((claim) => {
            const formId = decisionFormId({ kind: "claim", claimId: claim.id });
            return (
              <li key={claim.id} className="card">
                <h2>{claim.claimant.name}</h2>
                <dl>
                  <dt>Adresse électronique</dt>
                  <dd>{claim.claimant.email}</dd>
                  <dt>Demande envoyée le</dt>
                  <dd>{formatInstant(claim.createdAt)}</dd>
                  <dt>Son message</dt>
                  <dd>{claim.message}</dd>
                </dl>
                <DecisionForms
                  subject={{ kind: "claim", claimId: claim.id }}
                  label={`la demande de ${claim.claimant.name}`}
                  lastResult={actionData?.formId === formId ? actionData.result : undefined}
                />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
