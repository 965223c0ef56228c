// /acheteur/evenements/:id/annuler: a member of the organising buyer calls the event off, with a
// reason that everyone concerned receives (the same email) and that the public page shows.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CANCELLATION_REASON_MIN_LENGTH, cancellationSchema } from "~/meetings/cancellation";
import { cancelEvent, cancellationPreview } from "~/meetings/cancellation.server";
import { EVENT_NOT_FOUND_MESSAGE } from "~/meetings/events.server";
import { requireBuyerMember, requireBuyerRecord } from "~/plan/access.server";
import { publicOrigin } from "~/plan/feeds/http.server";
import { notFound } from "~/ui/not-found.server";
import { FormError, TextAreaField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Annuler l'événement — Amont" }];

function countText(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record: preview } = await requireBuyerRecord(
    request,
    (organizationId) => cancellationPreview(organizationId, params.id!),
    EVENT_NOT_FOUND_MESSAGE,
  );
  const { bookings, waiting, registrations } = preview.counts;
  const concerned = [
    bookings ? countText(bookings, "rendez-vous réservé", "rendez-vous réservés") : null,
    registrations
      ? countText(
          registrations,
          "inscription (confirmée ou en liste d'attente)",
          "inscriptions (confirmées ou en liste d'attente)",
        )
      : null,
    waiting
      ? countText(waiting, "entreprise en liste d'attente d'un stand", "entreprises en liste d'attente des stands")
      : null,
  ].filter((part): part is string => part !== null);
  return { id: preview.event.id, title: preview.event.title, refusal: preview.refusal, concerned };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  const submission = parseWithZod(await request.formData(), { schema: cancellationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await cancelEvent(
    { id: buyer.user.id, name: buyer.user.name },
    { id: buyer.organization.id, name: buyer.organization.name, departement: buyer.organization.departement },
    params.id!,
    submission.value.reason,
    { origin: publicOrigin(request) },
  );
  if (!result.ok && result.notFound) notFound(EVENT_NOT_FOUND_MESSAGE);
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 409 });
  return redirectWithToast(`/acheteur/evenements/${params.id}`, {
    title: "Événement annulé.",
    description:
      result.notified > 0
        ? `${countText(result.notified, "personne prévenue", "personnes prévenues")} par le même message ; la raison est publiée sur la page de l'événement.`
        : "Personne n'avait réservé ni ne s'était inscrit ; la raison est publiée sur la page de l'événement.",
  });
}

export default function CancelEvent() {
  const { id, title, refusal, concerned } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "annuler",
    lastResult: actionData?.result,
    constraint: getZodConstraint(cancellationSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancellationSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/acheteur/evenements/${id}`}>← {title}</Link>
      </p>
      <h1>Annuler l'événement</h1>
      {refusal ? (
        <p className="notice">{refusal}</p>
      ) : (
        <>
          <p className="lead">
            Une fois annulé, l'événement ne prend plus aucune réservation ni inscription, et ses messages programmés
            (lien de connexion, rappel) ne partent pas. Sa page reste visible avec la raison de l'annulation.
          </p>
          <p>
            {concerned.length > 0
              ? `Sont concernés : ${concerned.join(", ")}. Chaque personne reçoit le même message, avec votre raison ; celles qui avaient une place reçoivent aussi le fichier qui retire l'événement de leur agenda.`
              : "Personne n'a encore réservé ni ne s'est inscrit : personne ne recevra de message."}{" "}
            L'annulation est gardée dans le registre des échanges.
          </p>
          <Form method="post" className="form" {...getFormProps(form)}>
            <FormError id={form.errorId} errors={form.errors} />
            <TextAreaField
              field={fields.reason}
              label="Pourquoi annulez-vous l'événement ?"
              hint={`Au moins ${CANCELLATION_REASON_MIN_LENGTH} caractères, écrits pour les entreprises : par exemple « La salle n'est plus disponible ; une nouvelle date sera publiée sur Amont. »`}
              rows={4}
            />
            <button type="submit">Annuler l'événement maintenant</button>
          </Form>
        </>
      )}
    </>
  );
}
