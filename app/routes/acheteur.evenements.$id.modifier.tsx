// /acheteur/evenements/:id/modifier: edit an event (its kind stays; a fair with bookings may change its day, not its hours).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { blockPoliciesFromColumns } from "~/calendar/rules";
import { handleEventForm } from "~/meetings/event-action.server";
import { EventForm } from "~/meetings/event-form";
import { eventFormOptions, eventFormValues } from "~/meetings/events.server";
import { peopleToTellOfMove } from "~/meetings/moving.server";
import { requireOrganizedEvent } from "~/meetings/organizer.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Modifier ${data?.title ?? "l'événement"} — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { buyer, event } = await requireOrganizedEvent(request, params.id!);
  const [options, toTell] = await Promise.all([eventFormOptions(buyer.organization), peopleToTellOfMove(event)]);
  const values = eventFormValues(event);
  return {
    id: event.id,
    title: event.title,
    toTell,
    values: { ...values, capacity: values.capacity === undefined ? undefined : String(values.capacity) },
    organization: { departement: buyer.organization.departement },
    policies: blockPoliciesFromColumns(buyer.organization),
    relays: options.relays,
    procurements: options.procurements.map((procurement) => ({ id: procurement.id, title: procurement.title })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { buyer, event } = await requireOrganizedEvent(request, params.id!);
  return handleEventForm(buyer, await request.formData(), { id: event.id });
}

export default function EditEvent() {
  const { id, title, toTell, values, organization, policies, relays, procurements } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/acheteur/evenements/${id}`}>← Retour à l'événement</Link>
      </p>
      <h1>Modifier « {title} »</h1>
      {toTell > 0 ? (
        <p className="notice">
          {toTell === 1
            ? "Une réservation, inscription ou place en liste d'attente"
            : `${toTell} réservations, inscriptions ou places en liste d'attente`}{" "}
          : si vous changez la date, l'horaire ou le lieu, chaque personne concernée reçoit le même courriel au même
          moment, avec la mise à jour de son agenda.
        </p>
      ) : null}
      <EventForm
        id="evenement"
        lastResult={actionData?.result}
        defaultValue={values}
        proposal={actionData?.proposal}
        live={{ departement: organization.departement, policies }}
        relays={relays}
        procurements={procurements}
        submitLabel="Enregistrer"
        kindLocked
      />
    </>
  );
}
