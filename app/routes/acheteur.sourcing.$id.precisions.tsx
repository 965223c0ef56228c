// /acheteur/sourcing/:id/precisions: suppliers' questions waiting for an answer (with their age);
// the buyer may rephrase the question, answers, and publishes both for everyone.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { answerClarification, pendingClarifications, publishedClarifications } from "~/sourcing/clarifications.server";
import { clarificationAnswerSchema } from "~/sourcing/forms";
import { requireBuyerQuestionnaire } from "~/sourcing/questionnaires.server";
import { FormError, TextAreaField, VALIDATION_TIMING } from "~/ui/form";
import { formatInstant } from "~/ui/plan";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Questions des entreprises — Amont" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  const [pending, published] = await Promise.all([
    pendingClarifications(buyer.organization.id, questionnaire.id),
    publishedClarifications(questionnaire.id),
  ]);
  const now = Date.now();
  return {
    id: questionnaire.id,
    title: questionnaire.title,
    pending: pending.map((c) => ({
      id: c.id,
      question: c.question,
      askedAt: c.askedAt.toISOString(),
      ageDays: Math.floor((now - c.askedAt.getTime()) / 86_400_000),
    })),
    published: published.map((c) => ({
      id: c.id,
      question: c.publishedQuestion ?? "",
      answer: c.answer ?? "",
      publishedAt: c.publishedAt!.toISOString(),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  const formData = await request.formData();
  const clarificationId = String(formData.get("clarificationId") ?? "");
  const submission = parseWithZod(formData, { schema: clarificationAnswerSchema });
  if (submission.status !== "success") return data({ clarificationId, result: submission.reply() }, { status: 400 });
  const result = await answerClarification(
    { id: buyer.user.id, name: buyer.user.name },
    { id: buyer.organization.id, name: buyer.organization.name, departement: buyer.organization.departement },
    submission.value.clarificationId,
    { publishedQuestion: submission.value.publishedQuestion, answer: submission.value.answer },
  );
  if (!result.ok)
    return data({ clarificationId, result: submission.reply({ formErrors: [result.message] }) }, { status: 400 });
  return redirectWithToast(`/acheteur/sourcing/${questionnaire.id}/precisions`, {
    title: "Précision publiée pour toutes les entreprises.",
    description:
      "Les entreprises qui ont répondu ou ont été invitées reçoivent le même message, sans le nom de l'entreprise qui a posé la question.",
  });
}

/** One waiting question and its answer form (one Conform form each). */
function AnswerForm({
  clarification,
  lastResult,
}: {
  clarification: { id: string; question: string };
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({
    id: `precision-${clarification.id}`,
    lastResult,
    defaultValue: { clarificationId: clarification.id, publishedQuestion: clarification.question },
    constraint: getZodConstraint(clarificationAnswerSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clarificationAnswerSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="clarificationId" value={clarification.id} />
      <FormError id={form.errorId} errors={form.errors} />
      <TextAreaField
        field={fields.publishedQuestion}
        label="Question telle qu'elle sera publiée"
        hint="Reformulez si besoin, par exemple pour retirer ce qui identifierait l'entreprise."
        rows={3}
      />
      <TextAreaField field={fields.answer} label="Votre réponse" rows={4} />
      <button type="submit">Publier la question et la réponse pour tous</button>
    </Form>
  );
}

function ageText(days: number): string {
  return days <= 0 ? "posée aujourd'hui" : days === 1 ? "en attente depuis 1 jour" : `en attente depuis ${days} jours`;
}

export default function Clarifications() {
  const { id, title, pending, published } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/acheteur/sourcing/${id}`}>← {title}</Link>
      </p>
      <h1>Questions des entreprises</h1>
      <p className="lead">
        Une question posée par une entreprise reçoit une réponse publique : vous pouvez reformuler la question (par
        exemple pour retirer ce qui identifierait l'entreprise), puis la question et votre réponse sont publiées sur la
        page du questionnaire, pour tout le monde.
      </p>
      <h2>En attente de réponse ({pending.length})</h2>
      {pending.length === 0 ? <p>Aucune question en attente.</p> : null}
      {pending.map((c) => {
        return (
          <section key={c.id} className="card" aria-labelledby={`c-${c.id}`}>
            <h3 id={`c-${c.id}`}>Question reçue le {formatInstant(c.askedAt)}</h3>
            <p className="muted">{ageText(c.ageDays)}</p>
            <blockquote>{c.question}</blockquote>
            <AnswerForm
              clarification={c}
              lastResult={actionData?.clarificationId === c.id ? actionData.result : undefined}
            />
          </section>
        );
      })}
      <h2>Précisions publiées</h2>
      {published.length === 0 ? (
        <p>Aucune précision publiée.</p>
      ) : (
        <ul className="sourcing-clarifications">
          {published.map((c) => (
            <li key={c.id}>
              <p>
                <strong>Question :</strong> {c.question}
              </p>
              <p>
                <strong>Réponse :</strong> {c.answer}
              </p>
              <p className="muted">Publiée le {formatInstant(c.publishedAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
