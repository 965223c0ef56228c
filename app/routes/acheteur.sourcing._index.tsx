// /acheteur/sourcing: the buyer's questionnaires, the clarifications waiting for an answer, and a
// form to start a questionnaire for one of its planned procurements (?achat=<id> preselects it).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { activeProcurementChoices } from "~/plan/plan.server";
import { requireBuyerMember } from "~/plan/access.server";
import { pendingClarifications } from "~/sourcing/clarifications.server";
import { newQuestionnaireSchema } from "~/sourcing/forms";
import { createQuestionnaire, listBuyerQuestionnaires } from "~/sourcing/questionnaires.server";
import { QUESTIONNAIRE_STATUSES } from "~/sourcing/vocabulary";
import { FormError, SelectField, TextField, VALIDATION_TIMING } from "~/ui/form";
import { labelOf } from "~/ui/labels";
import { DateText, formatInstant } from "~/ui/plan";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Questionnaires de sourcing — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerMember(request);
  const [questionnaires, procurements, pending] = await Promise.all([
    listBuyerQuestionnaires(organization.id),
    activeProcurementChoices(organization.id),
    pendingClarifications(organization.id),
  ]);
  const preselected = new URL(request.url).searchParams.get("achat");
  return {
    questionnaires: questionnaires.map((q) => ({
      id: q.id,
      title: q.title,
      status: q.status,
      closedEarly: q.closedEarlyAt !== null,
      versionNumber: q.currentVersionNumber,
      openUntil: q.openUntil,
      procurement: q.plannedProcurement.title,
      submitted: q._count.responses,
      pending: q.clarifications.length,
    })),
    procurements,
    pending: pending.map((c) => ({
      id: c.id,
      question: c.question,
      askedAt: c.askedAt.toISOString(),
      questionnaireId: c.questionnaire.id,
      questionnaireTitle: c.questionnaire.title,
    })),
    preselected: procurements.some((p) => p.id === preselected) ? preselected : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireBuyerMember(request);
  const submission = parseWithZod(await request.formData(), { schema: newQuestionnaireSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await createQuestionnaire({ id: user.id, name: user.name }, organization, {
    ...submission.value,
    introduction: "",
  });
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 });
  return redirectWithToast(`/acheteur/sourcing/${result.id}`, {
    title: "Questionnaire créé.",
    description: "Écrivez l'introduction et les questions, puis publiez-le.",
  });
}

function ageText(iso: string): string {
  const days = Math.floor((Date.now() - new Date(iso).getTime()) / 86_400_000);
  return days <= 0 ? "aujourd'hui" : days === 1 ? "depuis 1 jour" : `depuis ${days} jours`;
}

export default function BuyerQuestionnaires() {
  const { questionnaires, procurements, pending, preselected } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "nouveau-questionnaire",
    lastResult: actionData?.result,
    defaultValue: { plannedProcurementId: preselected ?? "" },
    constraint: getZodConstraint(newQuestionnaireSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newQuestionnaireSchema }),
  });
  return (
    <>
      <h1>Questionnaires de sourcing</h1>
      <p className="lead">
        Interrogez le marché avant de lancer un achat. Chaque questionnaire publié est figé et identique pour toutes les
        entreprises ; chaque échange est gardé dans le registre.
      </p>
      {pending.length > 0 ? (
        <section aria-labelledby="pending-title" className="notice notice--warning">
          <h2 id="pending-title">Questions d'entreprises en attente de réponse</h2>
          <ul>
            {pending.map((c) => (
              <li key={c.id}>
                <Link to={`/acheteur/sourcing/${c.questionnaireId}/precisions`}>{c.questionnaireTitle}</Link> : «{" "}
                {c.question} »{" "}
                <span className="muted">
                  — posée le {formatInstant(c.askedAt)}, en attente {ageText(c.askedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {questionnaires.length === 0 ? (
        <p>Vous n'avez pas encore de questionnaire.</p>
      ) : (
        <table className="plan-table">
          <caption className="visually-hidden">Vos questionnaires</caption>
          <thead>
            <tr>
              <th scope="col">Questionnaire</th>
              <th scope="col">État</th>
              <th scope="col">Date limite</th>
              <th scope="col">Réponses déposées</th>
            </tr>
          </thead>
          <tbody>
            {questionnaires.map((q) => (
              <tr key={q.id}>
                <td>
                  <Link to={`/acheteur/sourcing/${q.id}`}>{q.title}</Link>
                  <br />
                  <span className="muted">{q.procurement}</span>
                </td>
                <td>
                  {q.closedEarly ? "Clos avant la date limite" : labelOf(QUESTIONNAIRE_STATUSES, q.status)}
                  {q.versionNumber ? ` (version n° ${q.versionNumber})` : ""}
                  {q.pending ? (
                    <>
                      <br />
                      <Link to={`/acheteur/sourcing/${q.id}/precisions`}>{q.pending} question(s) en attente</Link>
                    </>
                  ) : null}
                </td>
                <td>{q.openUntil ? <DateText iso={q.openUntil} /> : "—"}</td>
                <td>{q.versionNumber ? <Link to={`/acheteur/sourcing/${q.id}/reponses`}>{q.submitted}</Link> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Nouveau questionnaire</h2>
      {procurements.length === 0 ? (
        <p>
          Un questionnaire se rattache à un achat prévu.{" "}
          <Link to="/acheteur/achats/nouveau">Décrivez d'abord l'achat</Link>.
        </p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError id={form.errorId} errors={form.errors} />
          <SelectField
            field={fields.plannedProcurementId}
            label="Achat prévu concerné"
            options={procurements.map((p) => ({ value: p.id, label: p.title }))}
          />
          <TextField field={fields.title} label="Titre du questionnaire" />
          <button type="submit">Créer le questionnaire</button>
        </Form>
      )}
    </>
  );
}
