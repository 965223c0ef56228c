// /evenements/:id/inscription — register to a webinar or an information meeting (on behalf of one of
// one's organisations), join the waiting list when it is full, or cancel. Works without JavaScript.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSession, loginPath, requireSession } from "~/auth/session.server";
import { registrationActionSchema } from "~/meetings/registration-schema";
import { cancelRegistration, register, registrationPage } from "~/meetings/registrations.server";
import { ErrorList, FormError, SelectField } from "~/ui/form";
import { notFound } from "~/ui/not-found.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Inscription : ${loaded.page.event.title} — Amont` : "Inscription — Amont" },
];

const NOT_FOUND = "Cet événement n’existe pas ou n’est pas ouvert aux inscriptions.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const page = await registrationPage(params.id ?? "", session?.user.id ?? null);
  if (!page) notFound(NOT_FOUND);
  const memberships = session?.memberships ?? [];
  const active = session?.active ?? null;
  return {
    page,
    signedIn: Boolean(session),
    loginUrl: loginPath(request),
    organizations: memberships.map((membership) => ({
      id: membership.organization.id,
      name: membership.organization.name,
    })),
    activeOrganizationId: active?.organizationId ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const eventId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: registrationActionSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const here = `/evenements/${eventId}/inscription`;
  if (submission.value.intent === "register") {
    const outcome = await register({
      eventId,
      userId: user.id,
      organizationId: submission.value.organizationId,
      waitingList: submission.value.waitingList,
    });
    if (!outcome.ok) {
      const reply =
        outcome.field === "form"
          ? submission.reply({ formErrors: [outcome.message] })
          : submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } });
      return data({ result: reply }, { status: outcome.field === "form" ? 409 : 400 });
    }
    return redirectWithToast(here, {
      kind: "success",
      title:
        outcome.status === "confirmed"
          ? "Votre inscription est confirmée."
          : `Vous êtes sur la liste d’attente, au rang ${outcome.rank}.`,
      description:
        outcome.status === "confirmed"
          ? "Un message de confirmation avec l’invitation pour votre agenda vous a été envoyé."
          : "Si une place se libère, elle vous sera donnée automatiquement dans l’ordre de la liste, et vous serez prévenu par message.",
    });
  }
  const outcome = await cancelRegistration({
    eventId,
    registrationId: submission.value.registrationId,
    userId: user.id,
  });
  if (!outcome.ok) return data({ result: submission.reply({ formErrors: [outcome.message] }) }, { status: 409 });
  return redirectWithToast(here, {
    kind: "info",
    title: "Votre inscription est annulée.",
    description: "Votre place a été libérée. Vous pouvez vous réinscrire tant que les inscriptions sont ouvertes.",
  });
}

export default function EventRegistration() {
  const { page, signedIn, loginUrl, organizations, activeOrganizationId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event, mine } = page;
  const [form, fields] = useForm<{ intent: string; organizationId: string; waitingList: string }>({
    id: "inscription",
    lastResult: actionData?.result,
    defaultValue: { intent: "register", organizationId: activeOrganizationId ?? organizations[0]?.id ?? "" },
    shouldValidate: "onSubmit",
  });
  const waitingListError = fields.waitingList.errors;
  const offerWaitingList = page.isFull || Boolean(waitingListError?.length);

  return (
    <>
      <p>
        <Link to={`/evenements/${event.id}`}>← Retour à l’événement</Link>
      </p>
      <h1>Inscription : {event.title}</h1>
      {event.status === "cancelled" ? (
        <p className="notice notice--warning">Cet événement a été annulé par son organisateur.</p>
      ) : null}
      <dl className="registration-facts">
        <div>
          <dt>Type</dt>
          <dd>{event.kindLabel}</dd>
        </div>
        <div>
          <dt>Organisé par</dt>
          <dd>{event.organizerName}</dd>
        </div>
        <div>
          <dt>Quand</dt>
          <dd>{event.when} (heure de Paris)</dd>
        </div>
        <div>
          <dt>Où</dt>
          <dd>{event.place}</dd>
        </div>
        <div>
          <dt>Places</dt>
          <dd>
            {page.placesLeft === null
              ? "Sans limite de places"
              : page.isFull
                ? `Complet (${event.capacity} place${(event.capacity ?? 0) > 1 ? "s" : ""})${page.waitingCount > 0 ? ` — ${page.waitingCount} personne${page.waitingCount > 1 ? "s" : ""} sur la liste d’attente` : ""}`
                : `${page.placesLeft} place${page.placesLeft > 1 ? "s" : ""} restante${page.placesLeft > 1 ? "s" : ""} sur ${event.capacity}`}
          </dd>
        </div>
        <div>
          <dt>Inscriptions jusqu’au</dt>
          <dd>{event.registrationDeadline}</dd>
        </div>
      </dl>

      <section aria-labelledby="votre-inscription">
        <h2 id="votre-inscription">Votre inscription</h2>
        {mine ? (
          <div className="notice">
            {mine.status === "confirmed" ? (
              <>
                <p>
                  <strong>Vous êtes inscrit.</strong>
                </p>
                {mine.joinUrl ? (
                  <p>
                    Lien de connexion : <a href={mine.joinUrl}>{mine.joinUrl}</a>
                  </p>
                ) : (
                  <p>
                    Le lien de connexion sera envoyé par message à tous les inscrits en même temps, le{" "}
                    {event.joinLinkWhen}.
                  </p>
                )}
              </>
            ) : (
              <p>
                <strong>Vous êtes sur la liste d’attente, au rang {mine.rank}.</strong> Si une place se libère, elle est
                donnée automatiquement à la première personne de la liste, qui est prévenue par message.
              </p>
            )}
            <Form method="post">
              <FormError
                id="annulation-erreur"
                errors={
                  actionData?.result.initialValue?.intent === "cancel" ? (actionData.result.error?.[""] ?? null) : null
                }
              />
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="registrationId" value={mine.id} />
              <button type="submit" className="button--secondary">
                {mine.status === "confirmed" ? "Annuler mon inscription" : "Quitter la liste d’attente"}
              </button>
            </Form>
          </div>
        ) : page.closedReason ? (
          <p className="notice">{page.closedReason}</p>
        ) : !signedIn ? (
          <p>
            <Link className="button" to={loginUrl}>
              Se connecter pour s’inscrire
            </Link>{" "}
            Pas encore de compte ? <Link to="/inscription">Créez-en un</Link> : c’est gratuit.
          </p>
        ) : organizations.length === 0 ? (
          <p className="notice">
            Pour vous inscrire, rattachez d’abord votre compte à votre entreprise ou organisation :{" "}
            <Link to="/organisations/nouvelle">déclarer mon organisation</Link>.
          </p>
        ) : (
          <Form method="post" className="form" {...getFormProps(form)}>
            <FormError id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="register" />
            <SelectField
              field={fields.organizationId}
              label="Je m’inscris au nom de"
              hint="L’organisation que vous représentez : elle apparaîtra dans la liste des inscrits de l’organisateur."
              options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
              placeholder={null}
            />
            {offerWaitingList ? (
              <fieldset className="field">
                <legend>L’événement est complet</legend>
                <p className="hint" id="liste-attente-aide">
                  Vous pouvez vous inscrire sur la liste d’attente. Quand une place se libère, elle est donnée
                  automatiquement à la première personne de la liste, qui reçoit alors la confirmation et l’invitation
                  pour son agenda.
                </p>
                <div className="choice">
                  <input
                    {...getInputProps(fields.waitingList, { type: "checkbox", value: "on" })}
                    key={fields.waitingList.key}
                    aria-describedby={[
                      "liste-attente-aide",
                      waitingListError?.length ? fields.waitingList.errorId : null,
                    ]
                      .filter(Boolean)
                      .join(" ")}
                  />
                  <label htmlFor={fields.waitingList.id}>M’inscrire sur la liste d’attente</label>
                </div>
                <ErrorList id={fields.waitingList.errorId} errors={waitingListError} />
              </fieldset>
            ) : null}
            <button type="submit">{offerWaitingList ? "Valider" : "M’inscrire"}</button>
          </Form>
        )}
      </section>

      <section aria-labelledby="a-propos">
        <h2 id="a-propos">À propos de l’événement</h2>
        <p className="plan-item__need">{event.description}</p>
      </section>
    </>
  );
}
