// /compte/fermer: a user closes their own account. The page says plainly what is erased and what
// stays; the password confirms it is them. Then sessions end, personal data is erased everywhere
// and their ledger entries are redacted (app/auth/erasure.server.ts, decision 0027).
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { closeOwnAccount, closingOverview } from "~/auth/erasure.server";
import { closeAccountSchema } from "~/auth/schemas";
import { clearSessionCookieHeader, requireSession } from "~/auth/session.server";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Fermer mon compte — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, memberships } = await requireSession(request);
  const overview = await closingOverview(user);
  return {
    email: user.email,
    organizations: memberships.map((membership) => membership.organization.name),
    blockingMessage: overview.blockingMessage,
    procurementContacts: overview.procurementContacts,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const submission = parseWithZod(await request.formData(), { schema: closeAccountSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await closeOwnAccount(user.id, submission.value.password);
  if (!result.ok) {
    const reply =
      result.field === "password"
        ? submission.reply({ fieldErrors: { password: [result.message] }, hideFields: ["password"] })
        : submission.reply({ formErrors: [result.message], hideFields: ["password"] });
    return data({ result: reply }, { status: result.field === "password" ? 400 : 409 });
  }
  return redirectWithToast(
    "/",
    {
      kind: "success",
      title: "Votre compte est fermé.",
      description:
        "Vos données personnelles sont effacées ; les échanges de votre organisation restent au registre, votre nom remplacé par « [effacé] ».",
    },
    { headers: { "Set-Cookie": await clearSessionCookieHeader() } },
  );
}

export default function CloseAccount() {
  const { email, organizations, blockingMessage, procurementContacts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "fermer-compte",
    lastResult: actionData?.result,
    constraint: getZodConstraint(closeAccountSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closeAccountSchema }),
  });
  return (
    <>
      <h1>Fermer mon compte</h1>
      <p className="lead">
        La fermeture est définitive : personne, pas même l'équipe Amont, ne pourra rouvrir ce compte ni retrouver vos
        données. Pensez à <Link to="/compte">télécharger vos données</Link> avant, si vous voulez les garder.
      </p>

      <h2>Ce qui est effacé</h2>
      <ul>
        <li>
          Votre nom, votre adresse électronique ({email}) et votre mot de passe. Vous ne pourrez plus vous connecter, et
          Amont ne vous écrira plus.
        </li>
        <li>Vos sessions ouvertes sur tous vos appareils, vos liens et codes en cours, vos invitations.</li>
        <li>
          Votre place dans{" "}
          {organizations.length > 0 ? `vos organisations (${organizations.join(", ")})` : "vos organisations"} et vos
          demandes pour en rejoindre une.
        </li>
        <li>
          Vos inscriptions aux webinaires et réunions à venir, qui sont annulées : votre place revient à la liste
          d'attente.
        </li>
        <li>Les courriels qui vous étaient adressés, et votre nom dans ceux adressés à d'autres.</li>
      </ul>

      <h2>Ce qui reste</h2>
      <ul>
        <li>
          Les échanges de votre organisation avec les acheteurs restent inscrits au registre des échanges (réponses aux
          questionnaires, rendez-vous réservés, questions posées) : les acheteurs doivent pouvoir rendre compte de leur
          sourcing. Partout où votre nom, votre adresse ou votre compte y figuraient, ils sont remplacés par « [effacé]
          », avec la mention « Effacé à la demande de la personne concernée ».
        </li>
        <li>Les réservations de créneaux faites pour votre organisation, qui lui appartiennent.</li>
        {procurementContacts > 0 ? (
          <li>
            Vous êtes le contact indiqué pour {procurementContacts} achat(s) prévu(s) de votre organisation : ces
            coordonnées, publiées par l'acheteur, restent jusqu'à ce que votre organisation les change dans sa
            programmation.
          </li>
        ) : null}
      </ul>

      {blockingMessage ? (
        <p className="notice notice--warning" role="alert">
          {blockingMessage}
        </p>
      ) : null}

      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.password}
          label="Votre mot de passe"
          type="password"
          autoComplete="current-password"
          hint="Pour confirmer que c'est bien vous."
        />
        <button type="submit" className="button--danger">
          Fermer définitivement mon compte
        </button>
      </Form>
      <p>
        <Link to="/compte">Revenir à mon compte sans rien changer</Link>
      </p>
    </>
  );
}
