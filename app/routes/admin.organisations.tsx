// /admin/organisations: the platform admins verify the buyers and relays that registered (approve,
// or refuse with a reason sent by email) and answer the claims on organisations already registered.
// Below, the latest decisions. Platform admins only.
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/auth/session.server";
import { formatInstant } from "~/calendar/format";
import { claimReview, decideClaim } from "~/organizations/claims.server";
import { DecisionForms, decisionFormId } from "~/organizations/review-forms";
import {
  CLAIM_STATUSES,
  VERIFICATION_STATUSES,
  claimDecisionSchema,
  verificationDecisionSchema,
} from "~/organizations/verification";
import { decideVerification, identifierLabel, verificationReview } from "~/organizations/verification.server";
import { labelOf } from "~/ui/labels";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Organisations à vérifier — Administration Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const [verifications, claims] = await Promise.all([verificationReview(), claimReview()]);
  const serialise = (row: (typeof verifications.pending)[number]) => ({
    ...row,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  });
  return {
    pending: verifications.pending.map(serialise),
    decided: verifications.decided.map(serialise),
    pendingClaims: claims.pending.map((claim) => ({
      id: claim.id,
      organization: { id: claim.organization.id, name: claim.organization.name },
      identifier: identifierLabel(claim.organization),
      claimant: claim.user,
      message: claim.message,
      createdAt: claim.createdAt.toISOString(),
    })),
    decidedClaims: claims.decided.map((claim) => ({
      id: claim.id,
      organizationName: claim.organization.name,
      claimant: claim.user,
      status: claim.status,
      decidedAt: claim.decidedAt?.toISOString() ?? null,
      deciderName: claim.deciderName,
      refusalReason: claim.refusalReason,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePlatformAdmin(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "approve" || intent === "refuse") {
    const submission = parseWithZod(formData, { schema: verificationDecisionSchema });
    const formId = decisionFormId({ kind: "verification", organizationId: String(formData.get("organizationId")) });
    if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
    const decision = submission.value;
    const result = await decideVerification(
      { id: user.id, name: user.name },
      decision.organizationId,
      decision.intent === "approve" ? { approve: true } : { approve: false, reason: decision.reason },
    );
    if (!result.ok)
      return data({ formId, result: submission.reply({ formErrors: [result.message] }) }, { status: 409 });
    return redirectWithToast("/admin/organisations", {
      title:
        decision.intent === "approve"
          ? `« ${result.organizationName} » est vérifiée : elle peut publier.`
          : `« ${result.organizationName} » est refusée.`,
      description:
        "Ses administrateurs sont prévenus par courriel ; la décision est inscrite au registre des échanges.",
    });
  }
  if (intent === "accept-claim" || intent === "refuse-claim") {
    const submission = parseWithZod(formData, { schema: claimDecisionSchema });
    const formId = decisionFormId({ kind: "claim", claimId: String(formData.get("claimId")) });
    if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
    const decision = submission.value;
    const result = await decideClaim(
      { id: user.id, name: user.name, isPlatformAdmin: true },
      decision.claimId,
      decision.intent === "accept-claim" ? { accept: true } : { accept: false, reason: decision.reason },
    );
    if (!result.ok)
      return data(
        { formId, result: submission.reply({ formErrors: [result.message] }) },
        { status: result.notFound ? 404 : 409 },
      );
    return redirectWithToast("/admin/organisations", {
      title:
        decision.intent === "accept-claim"
          ? `${result.claimantName} a rejoint « ${result.organizationName} ».`
          : `La demande de ${result.claimantName} est refusée.`,
      description: "La personne est prévenue par courriel ; la décision est inscrite au registre des échanges.",
    });
  }
  throw new Response("Action inconnue.", { status: 400 });
}

function when(iso: string | null): string {
  return iso ? formatInstant(iso) : "—";
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

export default function AdminOrganizations() {
  const { pending, decided, pendingClaims, decidedClaims } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (formId: string) => (actionData?.formId === formId ? actionData.result : undefined);
  return (
    <>
      <h1>Organisations à vérifier</h1>
      <p className="lead">
        Un acheteur public ou un réseau d'accompagnement ne publie rien tant que vous ne l'avez pas validé. Vérifiez que
        la personne agit bien pour l'organisme (son adresse électronique, un appel au standard), puis validez ou refusez
        en donnant le motif : il est envoyé aux administrateurs de l'organisation.
      </p>

      <h2>Demandes de vérification en attente ({pending.length})</h2>
      {pending.length === 0 ? <p>Aucune demande en attente.</p> : null}
      <ul className="cards" hidden={pending.length === 0}>
        {pending.map((organization) => (
          <li key={organization.id} className="card">
            <h3>{organization.name}</h3>
            <dl>
              <dt>Type</dt>
              <dd>{organization.kind}</dd>
              <dt>Identifiant</dt>
              <dd>{organization.identifier ?? "Aucun (réseau d'accompagnement)"}</dd>
              <dt>Département</dt>
              <dd>{organization.departement}</dd>
              <dt>Demandé par</dt>
              <dd>
                {organization.requester
                  ? `${organization.requester.name} (${organization.requester.email})`
                  : "Personne inconnue"}
                , le {when(organization.requestedAt)}
              </dd>
              {organization.note ? (
                <>
                  <dt>Nouvel examen demandé après un refus</dt>
                  <dd>{organization.note}</dd>
                </>
              ) : null}
            </dl>
            <DecisionForms
              subject={{ kind: "verification", organizationId: organization.id }}
              label={organization.name}
              lastResult={resultFor(decisionFormId({ kind: "verification", organizationId: organization.id }))}
            />
          </li>
        ))}
      </ul>

      <h2>Demandes pour rejoindre une organisation déjà inscrite ({pendingClaims.length})</h2>
      <p>
        Les administrateurs de l'organisation ont reçu la même demande et peuvent y répondre eux-mêmes. Répondez à leur
        place s'ils ne le font pas, ou si l'organisation n'a plus d'administrateur.
      </p>
      {pendingClaims.length === 0 ? <p>Aucune demande en attente.</p> : null}
      <ul className="cards" hidden={pendingClaims.length === 0}>
        {pendingClaims.map((claim) => (
          <li key={claim.id} className="card">
            <h3>
              {claim.claimant.name} demande à rejoindre {claim.organization.name}
            </h3>
            <dl>
              <dt>Organisation</dt>
              <dd>
                {claim.organization.name}
                {claim.identifier ? ` (${claim.identifier})` : ""}
              </dd>
              <dt>Demandé par</dt>
              <dd>
                {claim.claimant.name} ({claim.claimant.email}), le {when(claim.createdAt)}
              </dd>
              <dt>Son message</dt>
              <dd>{claim.message}</dd>
            </dl>
            <DecisionForms
              subject={{ kind: "claim", claimId: claim.id }}
              label={`la demande de ${claim.claimant.name}`}
              lastResult={resultFor(decisionFormId({ kind: "claim", claimId: claim.id }))}
            />
          </li>
        ))}
      </ul>

      <h2>Décisions récentes</h2>
      {decided.length === 0 ? (
        <p>Aucune décision pour le moment.</p>
      ) : (
        <table>
          <caption className="visually-hidden">
            Les {plural(decided.length, "dernière vérification décidée", "dernières vérifications décidées")}
          </caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Décision</th>
              <th scope="col">Date et auteur</th>
              <th scope="col">Motif du refus</th>
            </tr>
          </thead>
          <tbody>
            {decided.map((organization) => (
              <tr key={organization.id}>
                <td>
                  {organization.name}
                  <br />
                  <span className="muted">
                    {organization.kind}
                    {organization.identifier ? `, ${organization.identifier}` : ""}, {organization.departement}
                  </span>
                </td>
                <td>{labelOf(VERIFICATION_STATUSES, organization.status)}</td>
                <td>
                  {when(organization.decidedAt)}
                  {organization.decider ? `, ${organization.decider.name}` : ""}
                </td>
                <td>{organization.refusalReason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Demandes pour rejoindre traitées</h2>
      {decidedClaims.length === 0 ? (
        <p>Aucune demande traitée pour le moment.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Les dernières demandes pour rejoindre une organisation</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Personne</th>
              <th scope="col">Réponse</th>
              <th scope="col">Date et auteur</th>
              <th scope="col">Motif du refus</th>
            </tr>
          </thead>
          <tbody>
            {decidedClaims.map((claim) => (
              <tr key={claim.id}>
                <td>{claim.organizationName}</td>
                <td>
                  {claim.claimant.name} ({claim.claimant.email})
                </td>
                <td>{labelOf(CLAIM_STATUSES, claim.status)}</td>
                <td>
                  {when(claim.decidedAt)}
                  {claim.deciderName ? `, ${claim.deciderName}` : ""}
                </td>
                <td>{claim.refusalReason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/admin/courriels">Voir les courriels envoyés</Link>
      </p>
    </>
  );
}
