// /fournisseur/alertes: the signed-in supplier member's own alerts (nobody else's, not even their
// colleagues'), and the secret link of their personal calendar of what matches them. The link is
// shown once, right after it is made (only its hash is stored); making a new one stops the old one.
import { SecretFeedLink } from "~/ui/secret-feed-link";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { handleFeedLink } from "~/alerts/alert-action.server";
import { alertFeedStatus, listAlerts } from "~/alerts/alerts.server";
import { describeCriteria, FREQUENCIES, MAX_ALERTS_PER_USER } from "~/alerts/schema";
import { formatInstant } from "~/calendar/format";
import { requireSupplierMember } from "~/meetings/access.server";
import { publicOrigin } from "~/plan/feeds/http.server";

export const meta: MetaFunction = () => [{ title: "Mes alertes — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, organization } = await requireSupplierMember(request);
  const owner = { userId: user.id, organizationId: organization.id };
  const [alerts, feed] = await Promise.all([listAlerts(owner), alertFeedStatus(owner)]);
  return {
    organization: { id: organization.id, name: organization.name },
    email: user.email,
    feedCreatedAt: feed?.createdAt.toISOString() ?? null,
    alerts: alerts.map((alert) => ({
      id: alert.id,
      name: alert.name,
      frequency: FREQUENCIES[alert.frequency],
      criteria: describeCriteria(alert.criteria),
      stoppedAt: alert.unsubscribedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireSupplierMember(request);
  return handleFeedLink(
    { userId: user.id, organizationId: organization.id },
    await request.formData(),
    publicOrigin(request),
  );
}

export default function SupplierAlerts() {
  const { organization, email, feedCreatedAt, alerts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Mes alertes</h1>
      <p className="lead">
        Soyez prévenu quand un acheteur public annonce un achat, ouvre un questionnaire ou organise un événement qui
        vous concerne. Les courriels partent à {email}, pour {organization.name}.
      </p>

      <section aria-labelledby="alertes-titre">
        <h2 id="alertes-titre">Mes alertes</h2>
        {alerts.length === 0 ? (
          <p>Vous n'avez pas encore d'alerte.</p>
        ) : (
          <ul className="stack">
            {alerts.map((alert) => (
              <li key={alert.id}>
                <Link to={`/fournisseur/alertes/${alert.id}`}>
                  <strong>{alert.name}</strong>
                </Link>{" "}
                — {alert.frequency}
                {alert.stoppedAt ? (
                  <>
                    {" "}
                    <strong className="badge badge--muted">
                      Courriels arrêtés le {formatInstant(alert.stoppedAt)}
                    </strong>
                  </>
                ) : null}
                <br />
                <span className="muted">{alert.criteria.join(" · ")}</span>
              </li>
            ))}
          </ul>
        )}
        {alerts.length < MAX_ALERTS_PER_USER ? (
          <p>
            <Link className="button" to="/fournisseur/alertes/nouvelle">
              Créer une alerte
            </Link>
          </p>
        ) : (
          <p>Vous avez atteint {MAX_ALERTS_PER_USER} alertes : supprimez-en une pour en créer une autre.</p>
        )}
      </section>

      <section aria-labelledby="agenda-titre">
        <h2 id="agenda-titre">Mon agenda des alertes</h2>
        <SecretFeedLink
          url={actionData?.feedUrl}
          error={actionData?.feedError}
          organizationId={organization.id}
          createdAtText={feedCreatedAt ? formatInstant(feedCreatedAt) : null}
        >
          <p>
            Abonnez votre agenda (Outlook, Google Agenda, Thunderbird, téléphone) à ce lien personnel : les dates de
            publication prévues, les derniers jours pour répondre aux questionnaires et les événements qui correspondent
            à vos alertes s'y ajoutent d'eux-mêmes. Le lien est secret : quiconque le connaît voit ce qui vous
            intéresse.
          </p>
        </SecretFeedLink>
      </section>
    </>
  );
}
