// /evenements: published reverse fairs, webinars and information meetings, server-rendered with
// filters (GET form); after hydration a FullCalendar month view is added as an enhancement.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Suspense, lazy } from "react";
import { useHydrated } from "~/ui/use-hydrated";
import { instantToParisDate } from "~/calendar/dates";
import { EVENT_KINDS, labelOfKind } from "~/meetings/kinds";
import { describeEventFilters, eventSearch, parseEventFilters, REGION_OPTIONS } from "~/meetings/filters";
import { listPublicEvents, organizerOptions } from "~/meetings/public.server";
import { parisTimeOf } from "~/meetings/slots";
import { EventKindBadge, eventWhen } from "~/meetings/ui";
import { publicOrigin } from "~/plan/feeds/http.server";
import { DEPARTEMENTS_SORTED, departementLabel } from "~/territory/departements";
import { FilterSelect, PlainTextField } from "~/ui/form";
import { Notices } from "~/ui/plan";
import type { EventsCalendarEvent } from "~/ui/events-calendar.client";

const EventsCalendar = lazy(() => import("~/ui/events-calendar.client"));

export const meta: MetaFunction = () => [
  { title: "Événements : salons inversés, webinaires, réunions — Amont" },
  {
    name: "description",
    content:
      "Rencontrez les acheteurs publics avant leurs appels d'offres : salons inversés, webinaires et réunions d'information.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, notices } = parseEventFilters(new URL(request.url).searchParams);
  const [{ total, events }, organizers] = await Promise.all([listPublicEvents(filters), organizerOptions()]);
  const organizerName = organizers.find((organizer) => organizer.slug === filters.organisateur)?.name ?? null;
  return {
    filters,
    notices,
    total,
    organizerName,
    organizers: organizers.map((organizer) => ({ value: organizer.slug, label: organizer.name })),
    events: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      title: event.title,
      cancelled: event.status === "cancelled",
      departement: event.departement,
      online: !event.location,
      location: event.location,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      eventDate: event.eventDate,
      organizer: event.organization,
      coHost: event.coHost?.name ?? null,
      stands: event._count.stands,
    })),
    origin: publicOrigin(request),
  };
}

const KIND_OPTIONS = Object.entries(EVENT_KINDS).map(([value, label]) => ({ value, label }));
const DEPARTEMENT_OPTIONS = DEPARTEMENTS_SORTED.map((departement) => ({
  value: departement.code,
  label: `${departement.code} — ${departement.name}`,
}));

/** Paris wall-clock time without offset, for the calendar (shown as is). */
function wallClock(instant: string): string {
  const date = new Date(instant);
  return `${instantToParisDate(date)}T${parisTimeOf(date)}:00`;
}

export default function EventsList() {
  const { filters, notices, total, organizerName, organizers, events, origin } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const selection = describeEventFilters(filters, organizerName);
  const countText =
    total === 0 ? "Aucun événement à venir ne correspond" : total === 1 ? "1 événement" : `${total} événements`;
  const month = (events[0]?.eventDate ?? filters.du ?? new Date().toISOString()).slice(0, 7);
  const calendarEvents: EventsCalendarEvent[] = events.map((event) => ({
    id: event.id,
    title: event.cancelled ? `Annulé : ${event.title}` : event.title,
    start: wallClock(event.startsAt),
    end: wallClock(event.endsAt),
    url: `/evenements/${event.id}`,
  }));
  return (
    <>
      <h1>Événements</h1>
      <p className="lead">
        Rencontrez les acheteurs publics avant qu'ils lancent leurs consultations : salons inversés où vous réservez un
        rendez-vous à leur stand, webinaires et réunions d'information où ils présentent leurs besoins à toutes les
        entreprises en même temps.
      </p>
      <Notices notices={notices} />
      <Form method="get" action="/evenements" className="filters" aria-label="Filtrer les événements">
        <div className="filters__grid">
          <FilterSelect
            name="type"
            label="Type"
            value={filters.type}
            options={KIND_OPTIONS}
            placeholder="Tous les types"
          />
          <FilterSelect
            name="departement"
            label="Département"
            value={filters.departement}
            options={DEPARTEMENT_OPTIONS}
            placeholder="Tous les départements"
          />
          <FilterSelect
            name="region"
            label="Région"
            value={filters.region}
            options={REGION_OPTIONS}
            placeholder="Toutes les régions"
          />
          <FilterSelect
            name="organisateur"
            label="Organisateur"
            value={filters.organisateur}
            options={organizers}
            placeholder="Tous les organisateurs"
          />
          <PlainTextField id="filtre-du" name="du" type="date" label="À partir du" defaultValue={filters.du ?? ""} />
          <PlainTextField id="filtre-au" name="au" type="date" label="Jusqu'au" defaultValue={filters.au ?? ""} />
        </div>
        <p className="actions">
          <button type="submit">Filtrer</button>
          {selection.length ? <Link to="/evenements">Effacer les filtres</Link> : null}
        </p>
      </Form>

      <section aria-labelledby="resultats-titre">
        <h2 id="resultats-titre">
          {countText}
          {selection.length ? <span className="muted"> — {selection.join(" · ")}</span> : null}
        </h2>
        {events.length > 0 ? (
          <ul className="event-list">
            {events.map((event) => (
              <li key={event.id} className="card event-card">
                <h3>
                  <Link to={`/evenements/${event.id}`}>{event.title}</Link>
                </h3>
                <p>
                  {event.cancelled ? <strong className="badge badge--error">Annulé</strong> : null}{" "}
                  <EventKindBadge kind={event.kind} label={labelOfKind(event.kind)} />{" "}
                  <time dateTime={event.startsAt}>{eventWhen(event)}</time>
                </p>
                <p className="muted">
                  {event.online ? "En ligne" : event.location} · {departementLabel(event.departement)}
                  <br />
                  Organisé par {event.organizer.name}
                  {event.coHost ? `, avec ${event.coHost}` : ""}
                  {event.kind === "reverse_fair" ? ` · ${event.stands} stand${event.stands > 1 ? "s" : ""}` : ""}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            Aucun événement publié ne correspond. Élargissez la recherche ou{" "}
            <Link to="/evenements">affichez tous les événements à venir</Link>.
          </p>
        )}
      </section>

      {hydrated && events.length > 0 ? (
        <section aria-label="Calendrier des événements" className="plan-calendar">
          <h2>Sur un calendrier</h2>
          <Suspense fallback={<p className="muted">Chargement du calendrier…</p>}>
            <EventsCalendar month={month} events={calendarEvents} />
          </Suspense>
        </section>
      ) : null}

      <section aria-labelledby="abonnement-titre">
        <h2 id="abonnement-titre">S'abonner</h2>
        <p>
          Ajoutez les événements publiés à votre agenda (Outlook, Google Agenda, Thunderbird…) avec ce lien :{" "}
          <a href={`/evenements.ics${eventSearch(filters)}`}>{`${origin}/evenements.ics${eventSearch(filters)}`}</a>
        </p>
      </section>
    </>
  );
}
