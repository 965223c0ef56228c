// /acheteur/evenements/nouveau?type=…: create an event. A webinar is prefilled at lunchtime.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { blockPoliciesFromColumns } from "~/calendar/rules";
import { handleEventForm } from "~/meetings/event-action.server";
import { EventForm } from "~/meetings/event-form";
import { eventFormOptions } from "~/meetings/events.server";
import { isEventKind, LUNCHTIME } from "~/meetings/kinds";
import { requireBuyerMember } from "~/plan/access.server";

export const meta: MetaFunction = () => [{ title: "Nouvel événement — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerMember(request);
  const type = new URL(request.url).searchParams.get("type");
  const kind = isEventKind(type) ? type : "reverse_fair";
  const options = await eventFormOptions(organization);
  const times =
    kind === "webinar"
      ? { startTime: LUNCHTIME.start, endTime: LUNCHTIME.end }
      : kind === "reverse_fair"
        ? { startTime: "09:00", endTime: "12:30" }
        : { startTime: "14:00", endTime: "16:00" };
  return {
    kind,
    defaults: {
      kind,
      departement: organization.departement,
      ...times,
      ...(kind === "reverse_fair" ? {} : { capacity: kind === "webinar" ? "100" : "40" }),
    },
    organization: { name: organization.name, departement: organization.departement },
    policies: blockPoliciesFromColumns(organization),
    relays: options.relays,
    procurements: options.procurements.map((procurement) => ({ id: procurement.id, title: procurement.title })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  return handleEventForm(buyer, await request.formData());
}

export default function NewEvent() {
  const { defaults, organization, policies, relays, procurements } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/acheteur/evenements">← Mes événements</Link>
      </p>
      <h1>Nouvel événement</h1>
      <p className="lead">
        Préparez l'événement de {organization.name}. Il restera privé jusqu'à sa publication ; pour un salon, vous
        ajouterez ensuite les stands.
      </p>
      <EventForm
        id="evenement"
        lastResult={actionData?.result}
        defaultValue={defaults}
        proposal={actionData?.proposal}
        live={{ departement: organization.departement, policies }}
        relays={relays}
        procurements={procurements}
        submitLabel="Créer l'événement"
      />
    </>
  );
}
