// /acheteur/evenements/:id/stands/:standId: the organiser edits a stand. Name, needs and linked
// procurements can change until the fair ends; hours, slot length, breaks and holder only while
// nobody booked or waits at the stand (its slots are then made again).
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StandForm } from "~/meetings/event-form";
import { standSchema } from "~/meetings/event-schema";
import { EVENT_NOT_FOUND_MESSAGE, updateStand } from "~/meetings/events.server";
import { organizerStandPage, requireOrganizedStand, STAND_NOT_FOUND_MESSAGE } from "~/meetings/organizer.server";
import { requireBuyerMember } from "~/plan/access.server";
import { notFound } from "~/ui/not-found.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded ? `Stand « ${loaded.stand.name} »` : "Stand"} — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerMember(request);
  return (await organizerStandPage(organization, params.id!, params.standId!)) ?? notFound(STAND_NOT_FOUND_MESSAGE);
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Another organisation's stand answers 404 before its form is read (a 400 would confirm it exists);
  // one light query, not the whole event.
  const { buyer } = await requireOrganizedStand(request, params.id!, params.standId!);
  const submission = parseWithZod(await request.formData(), { schema: standSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const organization = {
    id: buyer.organization.id,
    name: buyer.organization.name,
    departement: buyer.organization.departement,
  };
  const result = await updateStand(organization, params.id!, params.standId!, submission.value);
  if (!result.ok && result.notFound) notFound(EVENT_NOT_FOUND_MESSAGE);
  if (!result.ok)
    return data(
      { result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }) },
      { status: 400 },
    );
  return redirectWithToast(`/acheteur/evenements/${params.id}`, {
    kind: "success",
    title: `Stand « ${submission.value.name} » enregistré, ${result.slots} créneaux.`,
  });
}

export default function EditStand() {
  const { event, stand, locked, buyers, procurements, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/acheteur/evenements/${event.id}`}>← {event.title}</Link>
      </p>
      <h1>Modifier le stand « {stand.name} »</h1>
      {locked ? (
        <p className="notice">
          Des entreprises ont réservé à ce stand, ou attendent une place : vous pouvez changer son nom, ses besoins et
          les achats liés, mais plus ses horaires, la durée des rendez-vous, ses pauses ni l'acheteur qui le tient.
        </p>
      ) : (
        <p className="lead">
          Personne n'a encore réservé à ce stand : si vous changez ses horaires, ses créneaux sont refaits.
        </p>
      )}
      <StandForm
        lastResult={actionData?.result ?? null}
        buyers={buyers}
        procurements={procurements}
        defaultValue={defaults}
        submitLabel="Enregistrer le stand"
      />
    </>
  );
}
