// /evenements/:id: a published event's page. Reverse fairs list their stands (needs, linked
// procurements, free slots); a member of a supplier organisation books a slot, joins a full
// stand's waiting list, sees and cancels its own bookings. Webinars and meetings show their places
// left and link to the registration page. Works without JavaScript (one form per action).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireSession } from "~/auth/session.server";
import { currentActor } from "~/meetings/access.server";
import { bookSlot, cancelBooking, joinStandWaitlist, leaveStandWaitlist } from "~/meetings/bookings.server";
import { freeSlotsText, labelOfKind, MATERIAL_KINDS, placesText } from "~/meetings/kinds";
import { publicEventPage } from "~/meetings/public.server";
import { EventKindBadge, eventWhen, instantText } from "~/meetings/ui";
import { publicOrigin } from "~/plan/feeds/http.server";
import { departementLabel } from "~/territory/departements";
import { labelOf } from "~/ui/labels";
import { notFound } from "~/ui/not-found.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.event.title} — Événements — Amont` : "Événement introuvable — Amont" },
  ...(loaded ? [{ name: "description", content: loaded.event.description.slice(0, 160) }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await publicEventPage(params.id ?? "", () => currentActor(request));
  if (!page) notFound("Cet événement n'existe pas ou n'est pas publié.");
  return {
    ...page,
    loginUrl: `/connexion?${new URLSearchParams({ redirectTo: `/evenements/${page.event.id}` })}`,
    origin: publicOrigin(request),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reserver"),
    organizationId: z.string().min(1).max(40),
    slotId: z.string().min(1).max(40),
  }),
  z.object({
    intent: z.literal("annuler"),
    organizationId: z.string().min(1).max(40),
    bookingId: z.string().min(1).max(40),
  }),
  z.object({
    intent: z.literal("attente"),
    organizationId: z.string().min(1).max(40),
    standId: z.string().min(1).max(40),
  }),
  z.object({
    intent: z.literal("quitter-attente"),
    organizationId: z.string().min(1).max(40),
    standId: z.string().min(1).max(40),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, memberships } = await requireSession(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const slotMissing = parsed.error.issues.some((issue) => issue.path[0] === "slotId");
    return data(
      {
        error: slotMissing
          ? "Choisissez un créneau avant de réserver."
          : "Cette demande est incomplète. Rechargez la page et recommencez.",
      },
      { status: 400 },
    );
  }
  const actor = { id: user.id, name: user.name, email: user.email, memberships };
  const origin = publicOrigin(request);
  const form = parsed.data;
  const result =
    form.intent === "reserver"
      ? await bookSlot(actor, form.organizationId, form.slotId, { origin })
      : form.intent === "annuler"
        ? await cancelBooking(actor, form.organizationId, form.bookingId, { origin })
        : form.intent === "attente"
          ? await joinStandWaitlist(actor, form.organizationId, form.standId)
          : await leaveStandWaitlist(actor, form.organizationId, form.standId);
  if (!result.ok) {
    // A lost race or a rule (slot taken, already booked at the stand, list joined…): back to the
    // page with the French message (POST/redirect/GET: cheap under a rush of bookings, and a reload
    // does not post again). 303 tells it apart from the 302 of a success.
    if (result.status === 409)
      return redirectWithToast(`/evenements/${params.id}`, { kind: "error", title: result.message }, { status: 303 });
    return data({ error: result.message }, { status: result.status });
  }
  return redirectWithToast(`/evenements/${params.id}`, { kind: "success", title: result.message });
}

function Hidden({ organizationId, intent }: { organizationId: string; intent: string }) {
  return (
    <>
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="intent" value={intent} />
    </>
  );
}

export default function EventPage() {
  const { event, stands, viewer, mine, loginUrl, origin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isFair = event.kind === "reverse_fair";
  const bookedStands = new Set(mine?.bookings.map((booking) => booking.standId));
  return (
    <>
      <p>
        <Link to="/evenements">← Tous les événements</Link>
      </p>
      <h1>{event.title}</h1>
      <p>
        <EventKindBadge kind={event.kind} label={labelOfKind(event.kind)} />{" "}
        <time dateTime={event.startsAt}>{eventWhen(event)}</time> (heure de Paris)
      </p>
      {actionData && "error" in actionData ? (
        <div className="form-error" role="alert">
          <p>{actionData.error}</p>
        </div>
      ) : null}
      {event.cancelled ? (
        <div className="notice notice--warning" role="status">
          <p>
            <strong>Événement annulé</strong>
            {event.cancelled.at ? ` le ${instantText(event.cancelled.at)}` : ""} par l'organisateur : il n'aura pas
            lieu. Les personnes qui avaient réservé ou s'étaient inscrites ont été prévenues.
          </p>
          <p className="pre-line">
            <strong>Raison donnée :</strong> {event.cancelled.reason}
          </p>
        </div>
      ) : null}
      <dl className="event-facts">
        <dt>Lieu</dt>
        <dd>{event.location ?? "En ligne (le lien de connexion est envoyé aux inscrits)"}</dd>
        <dt>Département</dt>
        <dd>{departementLabel(event.departement)}</dd>
        <dt>Organisé par</dt>
        <dd>
          <Link to={`/acheteurs/${event.organizer.slug}`}>{event.organizer.name}</Link>
          {event.coHost ? <>, avec {event.coHost}</> : null}
        </dd>
        <dt>{isFair ? "Réservations" : "Inscriptions"}</dt>
        <dd>{event.registrationOpen ? `jusqu'au ${instantText(event.registrationDeadline)}` : "closes"}</dd>
        {event.cancellationCutoff ? (
          <>
            <dt>Annulation en ligne</dt>
            <dd>jusqu'au {instantText(event.cancellationCutoff)}</dd>
          </>
        ) : null}
        {event.dateJustification ? (
          <>
            <dt>Pourquoi cette date</dt>
            <dd>{event.dateJustification}</dd>
          </>
        ) : null}
      </dl>
      {viewer.isOrganizer ? (
        <p className="notice">
          Votre organisation organise cet événement.{" "}
          <Link to={`/acheteur/evenements/${event.id}`}>Gérer l'événement et voir les réservations</Link>
        </p>
      ) : null}

      <section aria-labelledby="description-titre">
        <h2 id="description-titre">Présentation</h2>
        <p className="pre-line">{event.description}</p>
        {event.procurements.length ? (
          <>
            <h3>Achats prévus présentés</h3>
            <ul>
              {event.procurements.map((procurement) => (
                <li key={procurement.id}>
                  <Link to={`/plan/${procurement.id}`}>{procurement.title}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {!isFair ? (
        <section aria-labelledby="inscription-titre">
          <h2 id="inscription-titre">Inscription</h2>
          {event.capacity !== null ? (
            <p>
              {placesText(event.capacity)} en tout ;{" "}
              {event.placesLeft === 0
                ? "complet : les nouvelles inscriptions vont en liste d'attente"
                : `il reste ${placesText(event.placesLeft ?? 0)}`}
              .
            </p>
          ) : null}
          {event.registrationOpen && !event.past ? (
            <p>
              <Link className="button" to={`/evenements/${event.id}/inscription`}>
                {event.placesLeft === 0 ? "S'inscrire sur la liste d'attente" : "S'inscrire"}
              </Link>
            </p>
          ) : (
            <p>
              {event.cancelled
                ? "L'événement est annulé : il n'y a plus d'inscription."
                : "Les inscriptions sont closes."}
            </p>
          )}
        </section>
      ) : null}

      {isFair && mine ? (
        <section aria-labelledby="mes-rdv-titre" className="my-bookings">
          <h2 id="mes-rdv-titre">Les rendez-vous de {viewer.organizationName}</h2>
          {mine.bookings.length === 0 ? (
            <p>
              Aucun rendez-vous réservé pour l'instant. Choisissez un créneau au stand qui vous intéresse, plus bas.
            </p>
          ) : (
            <ul>
              {mine.bookings.map((booking) => (
                <li key={booking.id}>
                  <strong>{booking.time}</strong> — stand « {booking.standName} » ({booking.holder})
                  {booking.fromWaitlist ? <span className="muted"> (attribué depuis la liste d'attente)</span> : null}
                  {booking.cancellable ? (
                    <Form method="post" className="inline-form">
                      <Hidden organizationId={viewer.organizationId!} intent="annuler" />
                      <input type="hidden" name="bookingId" value={booking.id} />
                      <button type="submit" className="button--secondary">
                        Annuler le rendez-vous de {booking.time}
                      </button>
                      <span className="muted"> possible jusqu'au {instantText(booking.cancelUntil)}</span>
                    </Form>
                  ) : (
                    <span className="muted"> (ne peut plus être annulé en ligne)</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">
            Ajoutez tous vos rendez-vous à votre agenda avec{" "}
            <Link to="/fournisseur/agenda">le lien d'agenda privé de votre organisation</Link>.
          </p>
        </section>
      ) : null}

      {isFair ? (
        <section aria-labelledby="stands-titre">
          <h2 id="stands-titre">Les stands</h2>
          {event.cancelled ? null : !viewer.signedIn ? (
            <p className="notice">
              Pour réserver un rendez-vous, <Link to={loginUrl}>connectez-vous</Link> avec le compte de votre
              entreprise. Un seul rendez-vous par stand et par entreprise.
            </p>
          ) : !viewer.isSupplier && !viewer.isOrganizer ? (
            <p className="notice">
              Les rendez-vous se réservent au nom d'une entreprise : choisissez-la dans le menu « Agir au nom de ».
            </p>
          ) : null}
          {stands.map((stand) => {
            const booked = bookedStands.has(stand.id);
            const rank = mine?.waitlistRanks[stand.id];
            const full = stand.freeCount === 0;
            return (
              <article key={stand.id} className="card stand" aria-labelledby={`stand-${stand.id}`}>
                <h3 id={`stand-${stand.id}`}>{stand.name}</h3>
                <p className="muted">
                  Tenu par {stand.holder} · {stand.hours}
                </p>
                <p className="pre-line">{stand.needs}</p>
                {stand.procurements.length ? (
                  <p>
                    Achats concernés :{" "}
                    {stand.procurements.map((procurement, index) => (
                      <span key={procurement.id}>
                        {index > 0 ? ", " : ""}
                        <Link to={`/plan/${procurement.id}`}>{procurement.title}</Link>
                      </span>
                    ))}
                  </p>
                ) : null}
                <p>
                  <strong>{full ? "Complet" : freeSlotsText(stand.freeCount)}</strong> sur {stand.slotCount}
                  {stand.waitlistCount > 0
                    ? ` · ${stand.waitlistCount} entreprise${stand.waitlistCount > 1 ? "s" : ""} en liste d'attente`
                    : ""}
                </p>
                {viewer.isSupplier && event.registrationOpen && !booked ? (
                  full ? (
                    rank ? (
                      <Form method="post">
                        <p>
                          Votre organisation est sur la liste d'attente (rang {rank}) : si un créneau se libère, il vous
                          sera attribué automatiquement.
                        </p>
                        <Hidden organizationId={viewer.organizationId!} intent="quitter-attente" />
                        <input type="hidden" name="standId" value={stand.id} />
                        <button type="submit" className="button--secondary">
                          Quitter la liste d'attente du stand « {stand.name} »
                        </button>
                      </Form>
                    ) : (
                      <Form method="post">
                        <Hidden organizationId={viewer.organizationId!} intent="attente" />
                        <input type="hidden" name="standId" value={stand.id} />
                        <button type="submit">M'inscrire sur la liste d'attente du stand « {stand.name} »</button>
                      </Form>
                    )
                  ) : (
                    // One list per stand rather than a radio button per slot: a fair of 30 stands stays a page
                    // one can scroll through, and a screen reader announces one control per stand.
                    <Form method="post" className="slot-form">
                      <Hidden organizationId={viewer.organizationId!} intent="reserver" />
                      <label htmlFor={`creneau-${stand.id}`}>Créneau au stand « {stand.name} »</label>
                      <select id={`creneau-${stand.id}`} name="slotId" required defaultValue="">
                        <option value="" disabled>
                          Choisir une heure ({freeSlotsText(stand.freeCount)})
                        </option>
                        {stand.freeSlots.map((slot) => (
                          <option key={slot.id} value={slot.id}>
                            {slot.label}
                          </option>
                        ))}
                      </select>{" "}
                      <button type="submit">Réserver ce créneau</button>
                    </Form>
                  )
                ) : !viewer.isSupplier && stand.freeCount && !event.cancelled ? (
                  <p className="muted">Créneaux libres : {stand.freeLabels}</p>
                ) : booked ? (
                  <p>Votre organisation a un rendez-vous à ce stand.</p>
                ) : null}
              </article>
            );
          })}
        </section>
      ) : null}

      {event.materials.length ? (
        <section aria-labelledby="supports-titre">
          <h2 id="supports-titre">Supports publiés</h2>
          <ul>
            {event.materials.map((material) => (
              <li key={material.id}>
                <a href={material.url}>{material.title}</a>{" "}
                <span className="muted">({labelOf(MATERIAL_KINDS, material.kind)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p className="muted">
        Ajouter tous les événements publiés à votre agenda : <a href="/evenements.ics">{`${origin}/evenements.ics`}</a>
      </p>
    </>
  );
}
