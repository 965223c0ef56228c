// /acheteur/evenements: the buyer organisation's events (organised, or where it holds a stand).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOrganizerEvents } from "~/meetings/events.server";
import { EVENT_STATUSES, labelOfKind } from "~/meetings/kinds";
import { eventWhen } from "~/meetings/ui";
import { requireBuyerMember } from "~/plan/access.server";
import { labelOf } from "~/ui/labels";

export const meta: MetaFunction = () => [{ title: "Mes événements — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerMember(request);
  const events = await listOrganizerEvents(organization.id);
  return {
    organization: { id: organization.id, name: organization.name },
    events: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      title: event.title,
      status: event.status,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      organizer: event.organizationId === organization.id,
      stands: event._count.stands,
    })),
  };
}

const STATUS_BADGE: Record<string, string> = {
  draft: "badge--muted",
  published: "badge--success",
  cancelled: "badge--error",
};

export default function BuyerEvents() {
  const { organization, events } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mes événements</h1>
      <p className="lead">
        Les salons inversés, webinaires et réunions d'information de {organization.name}. Un événement reste privé tant
        que vous ne le publiez pas.
      </p>
      <p className="actions">
        <Link className="button" to="/acheteur/evenements/nouveau?type=reverse_fair">
          Organiser un salon inversé
        </Link>
        <Link className="button button--secondary" to="/acheteur/evenements/nouveau?type=webinar">
          Organiser un webinaire
        </Link>
        <Link className="button button--secondary" to="/acheteur/evenements/nouveau?type=info_meeting">
          Organiser une réunion d'information
        </Link>
      </p>
      {events.length === 0 ? (
        <p>Aucun événement pour l'instant.</p>
      ) : (
        <table className="plan-table">
          <caption className="visually-hidden">Événements de {organization.name}</caption>
          <thead>
            <tr>
              <th scope="col">Quand</th>
              <th scope="col">Événement</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td data-label="Quand">{eventWhen(event)}</td>
                <td data-label="Événement">
                  {event.organizer ? (
                    <Link to={`/acheteur/evenements/${event.id}`}>{event.title}</Link>
                  ) : (
                    <Link to={`/evenements/${event.id}`}>{event.title}</Link>
                  )}
                  <span className="plan-table__meta">
                    {labelOfKind(event.kind)}
                    {event.kind === "reverse_fair" ? ` · ${event.stands} stand${event.stands > 1 ? "s" : ""}` : ""}
                    {event.organizer ? "" : " · vous y tenez un stand"}
                  </span>
                </td>
                <td data-label="État">
                  <span className={`badge ${STATUS_BADGE[event.status] ?? ""}`}>
                    {labelOf(EVENT_STATUSES, event.status)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
