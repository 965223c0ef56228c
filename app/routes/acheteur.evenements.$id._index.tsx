// /acheteur/evenements/:id: the organiser's view of an event: details, publish, stands with their
// bookings and waiting lists, add a stand. Attendance, notes and materials are on /suivi.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { handleStandForm } from "~/meetings/event-action.server";
import { StandForm } from "~/meetings/event-form";
import { publishEvent, removeStand } from "~/meetings/events.server";
import { EVENT_STATUSES, labelOfKind, placesText } from "~/meetings/kinds";
import { organizerEventPage, requireOrganizedEvent } from "~/meetings/organizer.server";
import { publishingRefusal } from "~/organizations/verification";
import { eventWhen, instantText } from "~/meetings/ui";
import { departementLabel } from "~/territory/departements";
import { labelOf } from "~/ui/labels";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.event.title ?? "Événement"} — Mes événements — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { buyer, event } = await requireOrganizedEvent(request, params.id!);
  return {
    ...(await organizerEventPage(buyer.organization, event)),
    publishRefusal: publishingRefusal(buyer.organization),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { buyer, event } = await requireOrganizedEvent(request, params.id!);
  const formData = await request.formData();
  const kind = formData.get("_form");
  if (kind === "stand") return handleStandForm(buyer, formData, event.id);
  const organization = {
    id: buyer.organization.id,
    name: buyer.organization.name,
    departement: buyer.organization.departement,
  };
  if (kind === "publish") {
    const result = await publishEvent({ id: buyer.user.id, name: buyer.user.name }, organization, event.id);
    if (!result.ok) return data({ form: "publish" as const, error: result.message }, { status: 409 });
    return redirectWithToast(`/acheteur/evenements/${event.id}`, {
      kind: "success",
      title: "L'événement est publié : il figure maintenant sur la page des événements.",
    });
  }
  if (kind === "remove-stand") {
    const result = await removeStand(organization, event.id, String(formData.get("standId") ?? ""));
    if (!result.ok)
      return data({ form: "publish" as const, error: result.message }, { status: result.notFound ? 404 : 409 });
    return redirectWithToast(`/acheteur/evenements/${event.id}`, { kind: "success", title: "Le stand est retiré." });
  }
  return data({ form: "publish" as const, error: "Action inconnue." }, { status: 400 });
}

export default function ManageEvent() {
  const { event, registrations, publishRefusal, stands, standOptions, standDefaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isFair = event.kind === "reverse_fair";
  const booked = stands.reduce((sum, stand) => sum + stand.slots.filter((slot) => slot.supplier).length, 0);
  return (
    <>
      <p>
        <Link to="/acheteur/evenements">← Mes événements</Link>
      </p>
      <h1>{event.title}</h1>
      <p>
        <span className="badge">{labelOfKind(event.kind)}</span>{" "}
        <span className="badge">{labelOf(EVENT_STATUSES, event.status)}</span> {eventWhen(event)}
      </p>
      {actionData && "error" in actionData ? (
        <div className="form-error" role="alert">
          <p>{actionData.error}</p>
        </div>
      ) : null}
      <p className="actions">
        <Link to={`/acheteur/evenements/${event.id}/modifier`}>Modifier l'événement</Link>
        {event.status !== "draft" ? <Link to={`/evenements/${event.id}`}>Voir la page publique</Link> : null}
        <Link to={`/acheteur/evenements/${event.id}/suivi`}>Présences, comptes rendus et supports</Link>
        {event.status === "published" && !event.ended ? (
          <Link to={`/acheteur/evenements/${event.id}/annuler`}>Annuler l'événement…</Link>
        ) : null}
      </p>
      {event.status === "cancelled" && event.cancelledAt ? (
        <p className="notice notice--warning">
          Événement annulé le {instantText(event.cancelledAt)}. Raison publiée : {event.cancellationReason}
        </p>
      ) : null}
      {event.status === "draft" ? (
        <Form method="post" className="notice">
          <input type="hidden" name="_form" value="publish" />
          <p>
            Cet événement est un brouillon, visible seulement par votre organisation.
            {isFair
              ? " Ajoutez les stands, puis publiez-le : les entreprises pourront réserver leurs rendez-vous."
              : " Publiez-le pour ouvrir les inscriptions."}
          </p>
          {publishRefusal ? <p>{publishRefusal}</p> : <button type="submit">Publier l'événement</button>}
        </Form>
      ) : null}
      <dl className="event-facts">
        <dt>Lieu</dt>
        <dd>{event.location ?? "En ligne"}</dd>
        {event.onlineUrl ? (
          <>
            <dt>Lien de connexion</dt>
            <dd>{event.onlineUrl}</dd>
          </>
        ) : null}
        <dt>Département</dt>
        <dd>{departementLabel(event.departement)}</dd>
        {event.coHost ? (
          <>
            <dt>Co-organisé avec</dt>
            <dd>{event.coHost}</dd>
          </>
        ) : null}
        <dt>Inscriptions jusqu'au</dt>
        <dd>{instantText(event.registrationDeadline)}</dd>
        {event.cancellationCutoff ? (
          <>
            <dt>Annulation jusqu'au</dt>
            <dd>{instantText(event.cancellationCutoff)}</dd>
          </>
        ) : null}
        {event.capacity !== null ? (
          <>
            <dt>Places</dt>
            <dd>
              {placesText(event.capacity)}, {registrations} inscrit{registrations > 1 ? "s" : ""}
            </dd>
          </>
        ) : null}
        {event.dateJustification ? (
          <>
            <dt>Justification de la date</dt>
            <dd>{event.dateJustification}</dd>
          </>
        ) : null}
        {event.procurements.length ? (
          <>
            <dt>Achats présentés</dt>
            <dd>{event.procurements.map((procurement) => procurement.title).join(" ; ")}</dd>
          </>
        ) : null}
      </dl>

      {isFair ? (
        <section aria-labelledby="stands-titre">
          <h2 id="stands-titre">
            Stands et réservations ({booked} rendez-vous réservé{booked > 1 ? "s" : ""})
          </h2>
          {stands.length === 0 ? <p>Aucun stand pour l'instant.</p> : null}
          {stands.map((stand) => (
            <article key={stand.id} className="card stand" aria-labelledby={`stand-${stand.id}`}>
              <h3 id={`stand-${stand.id}`}>{stand.name}</h3>
              <p className="muted">
                Tenu par {stand.holder} · {stand.hours}
              </p>
              <p className="pre-line">{stand.needs}</p>
              {stand.procurements.length ? (
                <p>Achats liés : {stand.procurements.map((procurement) => procurement.title).join(" ; ")}</p>
              ) : null}
              <table className="plan-table">
                <caption>Créneaux du stand « {stand.name} »</caption>
                <thead>
                  <tr>
                    <th scope="col">Heure</th>
                    <th scope="col">Entreprise</th>
                  </tr>
                </thead>
                <tbody>
                  {stand.slots.map((slot) => (
                    <tr key={slot.id}>
                      <td>{slot.time}</td>
                      <td>
                        {slot.supplier ?? <span className="muted">libre</span>}
                        {slot.fromWaitlist ? <span className="muted"> (liste d'attente)</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {stand.waitlist.length ? (
                <>
                  <h4>Liste d'attente, dans l'ordre</h4>
                  <ol>
                    {stand.waitlist.map((name, index) => (
                      <li key={`${name}-${index}`}>{name}</li>
                    ))}
                  </ol>
                </>
              ) : null}
              {event.status !== "cancelled" && !event.ended ? (
                <p>
                  <Link to={`/acheteur/evenements/${event.id}/stands/${stand.id}`}>
                    Modifier le stand « {stand.name} »
                  </Link>
                </p>
              ) : null}
              {stand.slots.every((slot) => !slot.supplier) ? (
                <Form method="post">
                  <input type="hidden" name="_form" value="remove-stand" />
                  <input type="hidden" name="standId" value={stand.id} />
                  <button type="submit" className="button--secondary">
                    Retirer le stand « {stand.name} »
                  </button>
                </Form>
              ) : null}
            </article>
          ))}
          {event.status !== "cancelled" ? (
            <section aria-labelledby="nouveau-stand-titre">
              <h3 id="nouveau-stand-titre">Ajouter un stand</h3>
              <StandForm
                lastResult={actionData && "result" in actionData ? actionData.result : null}
                buyers={standOptions.buyers}
                procurements={standOptions.procurements}
                defaultValue={standDefaults}
              />
            </section>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
