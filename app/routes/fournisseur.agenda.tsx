// /fournisseur/agenda: a supplier organisation's appointments and the secret link of its private
// agenda feed. The link is shown once, right after it is generated (only its hash is stored);
// generating a new one replaces it and the old link stops working (decision 0009).
import { SecretFeedLink } from "~/ui/secret-feed-link";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireSupplierMember } from "~/meetings/access.server";
import { upcomingAgenda } from "~/meetings/agenda.server";
import { feedStatus, feedUrl, regenerateFeedToken } from "~/meetings/feeds.server";
import { labelOfKind } from "~/meetings/kinds";
import { eventWhen, instantText, timeRange } from "~/meetings/ui";
import { publicOrigin } from "~/plan/feeds/http.server";

export const meta: MetaFunction = () => [{ title: "Mon agenda — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireSupplierMember(request);
  const [feed, { bookings, registrations }] = await Promise.all([
    feedStatus(organization.id),
    upcomingAgenda(organization.id),
  ]);
  return {
    organization: { id: organization.id, name: organization.name },
    feedCreatedAt: feed?.createdAt.toISOString() ?? null,
    bookings: bookings.map((booking) => ({
      id: booking.id,
      eventId: booking.slot.stand.event.id,
      eventTitle: booking.slot.stand.event.title,
      cancelled: booking.slot.stand.event.status === "cancelled",
      day: eventWhen(booking.slot).split(",")[0],
      time: timeRange(booking.slot),
      stand: booking.slot.stand.name,
      holder: booking.slot.stand.organization.name,
    })),
    registrations: registrations.map((registration) => ({
      id: registration.id,
      eventId: registration.event.id,
      title: registration.event.title,
      cancelled: registration.event.status === "cancelled",
      kind: labelOfKind(registration.event.kind),
      when: eventWhen(registration.event),
      email: registration.email,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireSupplierMember(request);
  const formData = await request.formData();
  // The form names the organisation it was shown for: a tampered or stale one is refused.
  if (formData.get("organizationId") !== organization.id)
    return data(
      { error: "Cette page a changé d'organisation entre-temps : rechargez-la.", url: null },
      { status: 409 },
    );
  const result = await regenerateFeedToken(user.id, organization.id);
  if (!result.ok) return data({ error: result.message, url: null }, { status: 403 });
  return data({ error: null, url: feedUrl(publicOrigin(request), result.token) });
}

export default function SupplierAgenda() {
  const { organization, feedCreatedAt, bookings, registrations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Mon agenda</h1>
      <p className="lead">
        Les rendez-vous et inscriptions à venir de {organization.name}, et le lien pour les retrouver dans votre agenda.
      </p>

      <section aria-labelledby="rdv-titre">
        <h2 id="rdv-titre">Rendez-vous aux salons inversés</h2>
        {bookings.length === 0 ? (
          <p>
            Aucun rendez-vous à venir. <Link to="/evenements?type=reverse_fair">Voir les salons inversés</Link>
          </p>
        ) : (
          <ul>
            {bookings.map((booking) => (
              <li key={booking.id}>
                {booking.day}, <strong>{booking.time}</strong> : stand « {booking.stand} » ({booking.holder}) —{" "}
                <Link to={`/evenements/${booking.eventId}`}>{booking.eventTitle}</Link>
                {booking.cancelled ? (
                  <>
                    {" "}
                    <strong className="badge badge--error">Annulé par l'organisateur</strong>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h2>Webinaires et réunions</h2>
        {registrations.length === 0 ? (
          <p>Aucune inscription à venir.</p>
        ) : (
          <ul>
            {registrations.map((registration) => (
              <li key={registration.id}>
                {registration.when} : {registration.kind}{" "}
                <Link to={`/evenements/${registration.eventId}`}>{registration.title}</Link>{" "}
                {registration.cancelled ? (
                  <strong className="badge badge--error">Annulé par l'organisateur</strong>
                ) : null}{" "}
                <span className="muted">({registration.email})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="lien-titre">
        <h2 id="lien-titre">Lien d'agenda privé</h2>
        <SecretFeedLink
          url={actionData?.url}
          error={actionData?.error}
          organizationId={organization.id}
          createdAtText={feedCreatedAt ? instantText(feedCreatedAt) : null}
        >
          <p>
            Abonnez votre agenda (Outlook, Google Agenda, Thunderbird, téléphone) à ce lien : les rendez-vous et
            inscriptions de toute l'organisation s'y ajoutent d'eux-mêmes. Le lien est secret : quiconque le connaît
            voit vos rendez-vous.
          </p>
        </SecretFeedLink>
      </section>
    </>
  );
}
