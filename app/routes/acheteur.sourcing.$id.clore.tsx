// /acheteur/sourcing/:id/clore: a buyer member stops the answers before the deadline, with a reason
// that every supplier concerned receives (the same email) and that the public page shows.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateFr } from "~/calendar/dates";
import { requireBuyerMember, requireBuyerRecord } from "~/plan/access.server";
import { closingSchema, CLOSING_REASON_MIN_LENGTH } from "~/sourcing/closing";
import { closeQuestionnaireEarly, closingPreview } from "~/sourcing/closing.server";
import { NOT_FOUND_MESSAGE } from "~/sourcing/questionnaires.server";
import { notFound } from "~/ui/not-found.server";
import { FormError, TextAreaField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Clore le questionnaire — Amont" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record: preview } = await requireBuyerRecord(
    request,
    (organizationId) => closingPreview(organizationId, params.id!),
    NOT_FOUND_MESSAGE,
  );
  return {
    id: preview.questionnaire.id,
    title: preview.questionnaire.title,
    deadline: preview.questionnaire.openUntil,
    refusal: preview.refusal,
    recipientCount: preview.recipientCount,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const buyer = await requireBuyerMember(request);
  const submission = parseWithZod(await request.formData(), { schema: closingSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await closeQuestionnaireEarly(
    { id: buyer.user.id, name: buyer.user.name },
    { id: buyer.organization.id, name: buyer.organization.name, departement: buyer.organization.departement },
    params.id!,
    submission.value.reason,
  );
  if (!result.ok && result.notFound) notFound(NOT_FOUND_MESSAGE);
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 409 });
  return redirectWithToast(`/acheteur/sourcing/${params.id}`, {
    title: "Questionnaire clos.",
    description:
      result.notified > 0
        ? `${result.notified} adresse${result.notified > 1 ? "s" : ""} prévenue${result.notified > 1 ? "s" : ""} par le même message ; la raison est publiée sur la page du questionnaire.`
        : "Aucune entreprise n'avait répondu ni n'était invitée ; la raison est publiée sur la page du questionnaire.",
  });
}

export default function CloseQuestionnaire() {
  const { id, title, deadline, refusal, recipientCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "clore",
    lastResult: actionData?.result,
    constraint: getZodConstraint(closingSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closingSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/acheteur/sourcing/${id}`}>← {title}</Link>
      </p>
      <h1>Clore le questionnaire avant la date limite</h1>
      {refusal ? (
        <p className="notice">{refusal}</p>
      ) : (
        <>
          <p className="lead">
            Le questionnaire devait rester ouvert jusqu'au {deadline ? formatDateFr(deadline) : "—"}. Une fois clos, il
            ne prend plus aucune réponse, ni nouvelle ni mise à jour, et ne peut plus changer. Les réponses déjà
            déposées restent dans vos résultats.
          </p>
          <p>
            {recipientCount > 0
              ? `${recipientCount} adresse${recipientCount > 1 ? "s" : ""} (entreprises qui ont répondu, commencé une réponse ou été invitées) recevr${recipientCount > 1 ? "ont" : "a"} le même message, avec votre raison.`
              : "Aucune entreprise n'a encore répondu ni n'a été invitée : personne ne recevra de message."}{" "}
            La raison est aussi publiée sur la page du questionnaire et gardée dans le registre des échanges.
          </p>
          <Form method="post" className="form" {...getFormProps(form)}>
            <FormError id={form.errorId} errors={form.errors} />
            <TextAreaField
              field={fields.reason}
              label="Pourquoi clore le questionnaire maintenant ?"
              hint={`Au moins ${CLOSING_REASON_MIN_LENGTH} caractères, écrits pour les entreprises : par exemple « Le projet est reporté à 2028 ; nous reprendrons le sourcing à ce moment-là. »`}
              rows={4}
            />
            <button type="submit">Clore le questionnaire maintenant</button>
          </Form>
        </>
      )}
    </>
  );
}
