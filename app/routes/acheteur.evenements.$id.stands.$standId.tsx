// /acheteur/evenements/:id/stands/:standId: the organiser edits a stand. Name, needs and linked
// procurements can change until the fair ends; hours, slot length, breaks and holder only while
// nobody booked or waits at the stand (its slots are then made again).
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db/db.server";
import { StandForm } from "~/meetings/event-form";
import { standSchema } from "~/meetings/event-schema";
import {
  EVENT_NOT_FOUND_MESSAGE,
  formatBreaks,
  parseStoredBreaks,
  standFormOptions,
  updateStand,
} from "~/meetings/events.server";
import { requireBuyerMember } from "~/plan/access.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded ? `Stand « ${loaded.stand.name} »` : "Stand"} — Amont` },
];

const STAND_NOT_FOUND = "Ce stand n'existe pas, ou votre organisation n'organise pas ce salon.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  const stand = await db.stand.findFirst({
    where: { id: params.standId, eventId: params.id, event: { organizationId: buyer.organization.id } },
    select: {
      id: true,
      name: true,
      needs: true,
      organizationId: true,
      opensAt: true,
      closesAt: true,
      slotMinutes: true,
      breaks: true,
      procurements: { select: { plannedProcurementId: true } },
      event: { select: { id: true, title: true } },
      _count: { select: { waitlist: true } },
    },
  });
  if (!stand) throw new Response(STAND_NOT_FOUND, { status: 404 });
  const [options, booked] = await Promise.all([
    standFormOptions(buyer.organization),
    db.booking.count({ where: { standId: stand.id } }),
  ]);
  const buyerNames = new Map(options.buyers.map((organization) => [organization.id, organization.name]));
  return {
    event: stand.event,
    stand: { id: stand.id, name: stand.name },
    locked: booked + stand._count.waitlist > 0,
    buyers: options.buyers,
    procurements: options.procurements.map((procurement) => ({
      id: procurement.id,
      title: procurement.title,
      organizationName: buyerNames.get(procurement.organizationId) ?? "",
    })),
    defaults: {
      organizationId: stand.organizationId,
      name: stand.name,
      needs: stand.needs,
      plannedProcurementIds: stand.procurements.map((link) => link.plannedProcurementId),
      opensAt: stand.opensAt,
      closesAt: stand.closesAt,
      slotMinutes: String(stand.slotMinutes),
      breaks: formatBreaks(parseStoredBreaks(stand.breaks)),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  const submission = parseWithZod(await request.formData(), { schema: standSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const organization = {
    id: buyer.organization.id,
    name: buyer.organization.name,
    departement: buyer.organization.departement,
  };
  const result = await updateStand(organization, params.id!, params.standId!, submission.value);
  if (!result.ok && result.notFound) throw new Response(EVENT_NOT_FOUND_MESSAGE, { status: 404 });
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
