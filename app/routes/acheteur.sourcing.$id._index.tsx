// /acheteur/sourcing/:id: the builder. Every part of the draft has its own small form (works
// without JavaScript; "Monter"/"Descendre" are submit buttons), each carrying the draft revision it
// was built from, so that two buyer members never silently overwrite each other. The publish form
// shows the price guard's findings and asks for a justification (and, from version 2, a change note).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDateFr, todayInParis } from "~/calendar/dates";
import type { BuyerContext } from "~/plan/access.server";
import { findingsByField, GUARD_JUSTIFICATION_MIN_LENGTH, PRICE_GUARD_RULE_LABELS } from "~/price-guard/price-guard";
import { questionFormSchema, questionFromForm, questionToForm, newId, type BuilderOperation } from "~/sourcing/builder";
import { parseContent, QUESTION_TYPES, type Question } from "~/sourcing/content";
import { SOURCING_MIN_OPEN_DAYS } from "~/sourcing/deadline";
import { questionMeta } from "~/sourcing/questions-ui";
import {
  applyDraftOperation,
  checkPublication,
  requireBuyerQuestionnaire,
  MINIMUM_OPEN_DAYS_SETTING,
  publishQuestionnaire,
  saveDraftDetails,
} from "~/sourcing/questionnaires.server";
import { getPlatformSettingInt } from "~/calendar/calendar.server";
import { PriceGuardNotice } from "~/ui/price-guard";
import { formatInstant } from "~/ui/plan";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.questionnaire.title ?? "Questionnaire"} — Construire — Amont` },
];

function organizationOf(buyer: BuyerContext) {
  return { id: buyer.organization.id, name: buyer.organization.name, departement: buyer.organization.departement };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  const check = await checkPublication(organizationOf(buyer), questionnaire);
  const minimumOpenDays = await getPlatformSettingInt(MINIMUM_OPEN_DAYS_SETTING, SOURCING_MIN_OPEN_DAYS);
  return {
    minimumOpenDays,
    questionnaire: {
      id: questionnaire.id,
      title: questionnaire.title,
      introduction: questionnaire.introduction,
      deadline: questionnaire.deadline,
      deadlineJustification: questionnaire.deadlineJustification,
      status: questionnaire.status,
      canClose:
        questionnaire.status === "published" &&
        !questionnaire.closedEarlyAt &&
        (questionnaire.openUntil ?? "") >= todayInParis(),
      closedEarly: questionnaire.closedEarlyAt
        ? { at: questionnaire.closedEarlyAt.toISOString(), reason: questionnaire.closedEarlyReason ?? "" }
        : null,
      revision: questionnaire.draftRevision,
      currentVersionNumber: questionnaire.currentVersionNumber,
      procurement: questionnaire.plannedProcurement,
    },
    content: parseContent(questionnaire.draftContent),
    versions: questionnaire.versions.map((v) => ({
      number: v.number,
      publishedAt: v.publishedAt.toISOString(),
      contentHash: v.contentHash,
      changeNote: v.changeNote,
      deadline: v.deadline,
    })),
    check: { findings: check.findings, problems: check.problems, nextNumber: check.nextNumber },
  };
}

type FormKey = string;
type ActionResult = {
  key: FormKey;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  proposal?: string;
};

const detailsSchema = z.object({
  title: z.string().trim().min(5, "Donnez un titre (au moins 5 caractères).").max(200, "200 caractères au plus."),
  introduction: z.string().trim().max(5_000, "5 000 caractères au plus."),
  deadline: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Écrivez une date valide.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  deadlineJustification: z.string().trim().max(1_000, "1 000 caractères au plus.").optional(),
});

function firstErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  return values;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = values.intent ?? "";
  const revision = Number(values.revision);
  const organization = organizationOf(buyer);
  const actor = { id: buyer.user.id, name: buyer.user.name };
  const fail = (result: ActionResult, status = 400) => data<ActionResult>({ ...result, values }, { status });
  const back = (title: string) => redirectWithToast(`/acheteur/sourcing/${questionnaire.id}`, { title });

  if (intent === "details") {
    if (values.useDeadline) values.deadline = values.useDeadline;
    const parsed = detailsSchema.safeParse(values);
    if (!parsed.success) return fail({ key: "details", fieldErrors: firstErrors(parsed.error) });
    const result = await saveDraftDetails(organization, questionnaire.id, revision, parsed.data);
    if (!result.ok) {
      const fieldErrors = Object.fromEntries(
        Object.entries(result.fieldErrors ?? {}).map(([key, list]) => [key, list[0]!]),
      );
      return fail(
        {
          key: "details",
          message: result.fieldErrors ? undefined : result.message,
          fieldErrors,
          proposal: result.proposal,
        },
        result.concurrent ? 409 : 400,
      );
    }
    return back("Informations enregistrées.");
  }

  if (intent === "publish") {
    const result = await publishQuestionnaire(actor, organization, questionnaire.id, {
      revision,
      changeNote: values.changeNote,
      guardJustification: values.guardJustification,
    });
    if (!result.ok) {
      const fieldErrors = Object.fromEntries(
        Object.entries(result.fieldErrors ?? {}).map(([key, list]) => [key, list[0]!]),
      );
      return fail({ key: "publish", message: result.message, fieldErrors }, result.concurrent ? 409 : 400);
    }
    return redirectWithToast(`/acheteur/sourcing/${questionnaire.id}`, {
      title: `Version n° ${result.versionNumber} publiée.`,
      description:
        result.versionNumber > 1
          ? `${result.notified} entreprise(s) qui avaient répondu sont prévenues par le même message.`
          : "Toutes les entreprises voient maintenant cette version sur la page publique du questionnaire.",
    });
  }

  let operation: BuilderOperation | null = null;
  let key: FormKey = "structure";
  const sectionTitle = (values.sectionTitle ?? "").trim().slice(0, 200);
  const current = parseContent(questionnaire.draftContent);
  const findQuestion = (id: string): Question | undefined =>
    current.sections.flatMap((s) => s.questions).find((q) => q.id === id);
  switch (intent) {
    case "add_section":
      operation = { op: "add_section", title: sectionTitle };
      break;
    case "rename_section":
      operation = { op: "rename_section", sectionId: values.sectionId ?? "", title: sectionTitle };
      key = `section:${values.sectionId}`;
      break;
    case "remove_section":
      operation = { op: "remove_section", sectionId: values.sectionId ?? "" };
      key = `section:${values.sectionId}`;
      break;
    case "section_up":
    case "section_down":
      operation = {
        op: "move_section",
        sectionId: values.sectionId ?? "",
        direction: intent === "section_up" ? "up" : "down",
      };
      key = `section:${values.sectionId}`;
      break;
    case "move_up":
    case "move_down":
      operation = {
        op: "move_question",
        questionId: values.questionId ?? "",
        direction: intent === "move_up" ? "up" : "down",
      };
      key = `question:${values.questionId}`;
      break;
    case "remove_question":
      operation = { op: "remove_question", questionId: values.questionId ?? "" };
      key = `question:${values.questionId}`;
      break;
    case "add_question":
    case "update_question": {
      key = intent === "add_question" ? `add:${values.sectionId}` : `question:${values.questionId}`;
      const parsed = questionFormSchema.safeParse({ ...values, required: formData.get("required") ?? "" });
      if (!parsed.success) return fail({ key, fieldErrors: firstErrors(parsed.error) });
      if (intent === "add_question") {
        operation = {
          op: "add_question",
          sectionId: values.sectionId ?? "",
          question: questionFromForm(parsed.data, newId("q")),
        };
      } else {
        const previous = findQuestion(values.questionId ?? "");
        if (!previous)
          return fail({ key, message: "Cette question n'existe plus dans le brouillon. Rechargez la page." }, 404);
        operation = {
          op: "update_question",
          questionId: previous.id,
          question: questionFromForm(parsed.data, previous.id, previous),
        };
      }
      break;
    }
  }
  if (!operation) return fail({ key: "structure", message: "Action inconnue." });
  const result = await applyDraftOperation(buyer.organization.id, questionnaire.id, revision, operation);
  if (!result.ok) return fail({ key, message: result.message }, result.concurrent ? 409 : 400);
  return back(
    intent === "add_question"
      ? "Question ajoutée."
      : intent.startsWith("move") || intent.startsWith("section_")
        ? "Ordre modifié."
        : "Brouillon enregistré.",
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <ul className="field-error" id={id}>
      <li>{error}</li>
    </ul>
  );
}

function Field({
  name,
  label,
  formId,
  error,
  hint,
  children,
}: {
  name: string;
  label: string;
  formId: string;
  error?: string;
  hint?: string;
  children: (props: {
    id: string;
    name: string;
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
  }) => React.ReactNode;
}) {
  const id = `${formId}-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function QuestionFields({
  formId,
  values,
  errors,
}: {
  formId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field name="label" label="Question" formId={formId} error={errors.label}>
        {(props) => <textarea {...props} rows={2} defaultValue={values.label ?? ""} />}
      </Field>
      <Field name="type" label="Type de réponse" formId={formId} error={errors.type}>
        {(props) => (
          <select {...props} defaultValue={values.type ?? "short_text"}>
            {Object.entries(QUESTION_TYPES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="help"
        label="Aide (facultatif)"
        formId={formId}
        error={errors.help}
        hint="Un exemple, une précision sur ce que vous attendez."
      >
        {(props) => <textarea {...props} rows={2} defaultValue={values.help ?? ""} />}
      </Field>
      <div className="field">
        <label className="choice">
          <input type="checkbox" name="required" defaultChecked={values.required === "on"} /> Réponse obligatoire
        </label>
      </div>
      <Field
        name="choices"
        label="Choix proposés (pour « Choix unique » et « Choix multiples »)"
        formId={formId}
        error={errors.choices}
        hint="Un choix par ligne."
      >
        {(props) => <textarea {...props} rows={3} defaultValue={values.choices ?? ""} />}
      </Field>
      <div className="sourcing-number-settings">
        <Field name="unit" label="Unité (pour un nombre)" formId={formId} error={errors.unit}>
          {(props) => <input {...props} defaultValue={values.unit ?? ""} />}
        </Field>
        <Field name="min" label="Minimum" formId={formId} error={errors.min}>
          {(props) => <input {...props} inputMode="decimal" defaultValue={values.min ?? ""} />}
        </Field>
        <Field name="max" label="Maximum" formId={formId} error={errors.max}>
          {(props) => <input {...props} inputMode="decimal" defaultValue={values.max ?? ""} />}
        </Field>
      </div>
    </>
  );
}

function FormMessage({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
    </div>
  );
}

export default function QuestionnaireBuilder() {
  const { questionnaire, content, versions, check, minimumOpenDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (key: string) => (actionData?.key === key ? actionData : null);
  const details = resultFor("details");
  const publish = resultFor("publish");
  const structure = resultFor("structure");
  const byField = findingsByField(check.findings);
  const revision = <input type="hidden" name="revision" value={questionnaire.revision} />;
  const detailValues = details?.values ?? {
    title: questionnaire.title,
    introduction: questionnaire.introduction,
    deadline: questionnaire.deadline ?? "",
    deadlineJustification: questionnaire.deadlineJustification ?? "",
  };
  let number = 0;
  return (
    <>
      <p>
        <Link to="/acheteur/sourcing">← Vos questionnaires</Link>
      </p>
      <h1>{questionnaire.title}</h1>
      <p className="muted">
        Pour l'achat prévu{" "}
        <Link to={`/acheteur/achats/${questionnaire.procurement.id}`}>« {questionnaire.procurement.title} »</Link>
        {questionnaire.currentVersionNumber ? (
          <>
            {" "}
            · version publiée n° {questionnaire.currentVersionNumber} ·{" "}
            <Link to={`/sourcing/${questionnaire.id}`}>page publique</Link> ·{" "}
            <Link to={`/acheteur/sourcing/${questionnaire.id}/reponses`}>réponses</Link> ·{" "}
            <Link to={`/acheteur/sourcing/${questionnaire.id}/invitations`}>invitations</Link> ·{" "}
            <Link to={`/acheteur/sourcing/${questionnaire.id}/precisions`}>questions des entreprises</Link>
          </>
        ) : (
          " · brouillon, pas encore publié"
        )}
      </p>
      {questionnaire.currentVersionNumber ? (
        <p className="notice">
          Vous modifiez le brouillon. Les entreprises voient la version n° {questionnaire.currentVersionNumber} tant que
          vous ne publiez pas une nouvelle version.
        </p>
      ) : null}
      <FormMessage message={structure?.message} />

      <h2>Présentation et date limite</h2>
      <Form method="post" className="form" noValidate>
        {revision}
        <input type="hidden" name="intent" value="details" />
        <FormMessage message={details?.message} />
        <Field name="title" label="Titre" formId="details" error={details?.fieldErrors?.title}>
          {(props) => <input {...props} defaultValue={detailValues.title} />}
        </Field>
        {byField.get("title") ? <GuardInline findings={byField.get("title")!} /> : null}
        <Field
          name="introduction"
          label="Introduction"
          formId="details"
          error={details?.fieldErrors?.introduction}
          hint="Le besoin, ce que vous cherchez à comprendre du marché, ce que vous ferez des réponses."
        >
          {(props) => <textarea {...props} rows={6} defaultValue={detailValues.introduction} />}
        </Field>
        {byField.get("introduction") ? <GuardInline findings={byField.get("introduction")!} /> : null}
        <Field
          name="deadline"
          label="Date limite de réponse"
          formId="details"
          error={details?.fieldErrors?.deadline}
          hint={`Le questionnaire reste ouvert au moins ${minimumOpenDays} jours ouvrés, hors vacances et jours bloqués de votre calendrier.`}
        >
          {(props) => <input {...props} type="date" defaultValue={detailValues.deadline} />}
        </Field>
        {details?.proposal ? (
          <p>
            <button type="submit" name="useDeadline" value={details.proposal} className="button--secondary">
              Utiliser le {formatDateFr(details.proposal)}
            </button>
          </p>
        ) : null}
        {details?.fieldErrors?.deadlineJustification || questionnaire.deadlineJustification ? (
          <Field
            name="deadlineJustification"
            label="Pourquoi cette date ?"
            formId="details"
            error={details?.fieldErrors?.deadlineJustification}
          >
            {(props) => <textarea {...props} rows={2} defaultValue={detailValues.deadlineJustification} />}
          </Field>
        ) : null}
        <button type="submit">Enregistrer</button>
      </Form>

      <h2>Questions</h2>
      {content.sections.map((section, sectionIndex) => {
        const sectionResult = resultFor(`section:${section.id}`);
        const addResult = resultFor(`add:${section.id}`);
        return (
          <section
            key={section.id}
            className="sourcing-builder-section"
            aria-labelledby={`section-${section.id}-title`}
          >
            <h3 id={`section-${section.id}-title`}>
              Partie {sectionIndex + 1}
              {section.title ? ` : ${section.title}` : ""}
            </h3>
            <Form method="post" className="form sourcing-inline">
              {revision}
              <input type="hidden" name="sectionId" value={section.id} />
              <FormMessage message={sectionResult?.message} />
              <div className="field">
                <label htmlFor={`section-${section.id}-name`}>Titre de la partie</label>
                <input id={`section-${section.id}-name`} name="sectionTitle" defaultValue={section.title} />
              </div>
              <p className="actions">
                <button type="submit" name="intent" value="rename_section" className="button--secondary">
                  Renommer
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="section_up"
                  className="button--secondary"
                  disabled={sectionIndex === 0}
                >
                  Monter la partie
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="section_down"
                  className="button--secondary"
                  disabled={sectionIndex === content.sections.length - 1}
                >
                  Descendre la partie
                </button>
                {section.questions.length === 0 ? (
                  <button type="submit" name="intent" value="remove_section" className="button--secondary">
                    Supprimer la partie
                  </button>
                ) : null}
              </p>
            </Form>
            <ol className="sourcing-builder-questions">
              {section.questions.map((question, index) => {
                number++;
                const key = `question:${question.id}`;
                const result = resultFor(key);
                const isFirst = sectionIndex === 0 && index === 0;
                const isLast = sectionIndex === content.sections.length - 1 && index === section.questions.length - 1;
                return (
                  <li key={question.id} id={`q-${question.id}`}>
                    <details
                      key={`details-${questionnaire.revision}`}
                      open={Boolean(result) || Boolean(byField.get(`q-${question.id}`))}
                    >
                      <summary>
                        <strong>
                          Question {number}. {question.label}
                        </strong>{" "}
                        <span className="muted">({questionMeta(question)})</span>
                      </summary>
                      {byField.get(`q-${question.id}`) ? (
                        <GuardInline findings={byField.get(`q-${question.id}`)!} />
                      ) : null}
                      <Form method="post" className="form" key={`edit-${questionnaire.revision}`}>
                        {revision}
                        <input type="hidden" name="questionId" value={question.id} />
                        <FormMessage message={result?.message} />
                        <QuestionFields
                          formId={`q-${question.id}`}
                          values={result?.values ?? questionToForm(question)}
                          errors={result?.fieldErrors ?? {}}
                        />
                        <p className="actions">
                          <button type="submit" name="intent" value="update_question">
                            Enregistrer la question {number}
                          </button>
                          <button type="submit" name="intent" value="remove_question" className="button--secondary">
                            Supprimer la question {number}
                          </button>
                        </p>
                      </Form>
                    </details>
                    <Form method="post" className="sourcing-move">
                      {revision}
                      <input type="hidden" name="questionId" value={question.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="move_up"
                        className="button--secondary"
                        disabled={isFirst}
                        aria-label={`Monter la question ${number}`}
                      >
                        Monter
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="move_down"
                        className="button--secondary"
                        disabled={isLast}
                        aria-label={`Descendre la question ${number}`}
                      >
                        Descendre
                      </button>
                    </Form>
                  </li>
                );
              })}
            </ol>
            {/* Keyed by revision: after a change the forms show the stored draft again, not what was typed. */}
            <details key={`add-${questionnaire.revision}`} open={Boolean(addResult) || section.questions.length === 0}>
              <summary>Ajouter une question à la partie {sectionIndex + 1}</summary>
              <Form method="post" className="form">
                {revision}
                <input type="hidden" name="sectionId" value={section.id} />
                <FormMessage message={addResult?.message} />
                <QuestionFields
                  formId={`add-${section.id}`}
                  values={addResult?.values ?? {}}
                  errors={addResult?.fieldErrors ?? {}}
                />
                <button type="submit" name="intent" value="add_question">
                  Ajouter la question
                </button>
              </Form>
            </details>
          </section>
        );
      })}
      <Form method="post" className="form sourcing-inline">
        {revision}
        <div className="field">
          <label htmlFor="new-section-title">Titre d'une nouvelle partie</label>
          <input id="new-section-title" name="sectionTitle" />
        </div>
        <button type="submit" name="intent" value="add_section" className="button--secondary">
          Ajouter une partie
        </button>
      </Form>

      <h2 id="publier">Publier {check.nextNumber > 1 ? `la version n° ${check.nextNumber}` : "le questionnaire"}</h2>
      <p>
        Publier fige le questionnaire : son contenu est enregistré avec son empreinte SHA-256 et toutes les entreprises
        voient exactement cette version.{" "}
        {check.nextNumber > 1
          ? "Les entreprises qui ont déjà répondu sont prévenues par le même message, au même moment, et peuvent mettre leur réponse à jour."
          : ""}
      </p>
      {check.problems.length > 0 ? (
        <div className="notice">
          <p>Avant de publier :</p>
          <ul>
            {check.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        {revision}
        <FormMessage message={publish?.message} />
        <PriceGuardNotice findings={check.findings}>
          <Field
            name="guardJustification"
            label="Publier quand même : pourquoi ?"
            formId="publish"
            error={publish?.fieldErrors?.guardJustification}
            hint={`Au moins ${GUARD_JUSTIFICATION_MIN_LENGTH} caractères. Cette justification est gardée dans le registre des échanges. Le mieux reste de reformuler.`}
          >
            {(props) => <textarea {...props} rows={3} defaultValue={publish?.values?.guardJustification ?? ""} />}
          </Field>
        </PriceGuardNotice>
        {check.nextNumber > 1 ? (
          <Field
            name="changeNote"
            label="Ce qui change"
            formId="publish"
            error={publish?.fieldErrors?.changeNote}
            hint="Envoyé tel quel aux entreprises qui ont déjà répondu, et affiché sur la page publique."
          >
            {(props) => <textarea {...props} rows={3} defaultValue={publish?.values?.changeNote ?? ""} />}
          </Field>
        ) : null}
        <button type="submit" name="intent" value="publish" disabled={check.problems.length > 0}>
          {check.nextNumber > 1 ? `Publier la version n° ${check.nextNumber}` : "Publier le questionnaire"}
        </button>
      </Form>

      {versions.length > 0 ? (
        <>
          <h2>Versions publiées</h2>
          <table className="plan-table">
            <caption className="visually-hidden">Versions publiées</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Publiée le</th>
                <th scope="col">Date limite</th>
                <th scope="col">Empreinte SHA-256</th>
                <th scope="col">Changement</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.number}>
                  <td>n° {v.number}</td>
                  <td>{formatInstant(v.publishedAt)}</td>
                  <td>{formatDateFr(v.deadline)}</td>
                  <td>
                    <code className="sourcing-hash">{v.contentHash}</code>
                  </td>
                  <td>{v.changeNote ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {questionnaire.closedEarly ? (
        <section aria-labelledby="clos">
          <h2 id="clos">Questionnaire clos</h2>
          <p>
            Vous l'avez clos le {formatInstant(questionnaire.closedEarly.at)}, avant la date limite. Raison publiée :{" "}
            {questionnaire.closedEarly.reason}
          </p>
        </section>
      ) : questionnaire.canClose ? (
        <section aria-labelledby="clore">
          <h2 id="clore">Clore avant la date limite</h2>
          <p>
            Si le projet est reporté, ou si vous en savez assez, vous pouvez arrêter les réponses dès maintenant. Les
            entreprises concernées sont prévenues par le même message et la raison est publiée.
          </p>
          <p>
            <Link to={`/acheteur/sourcing/${questionnaire.id}/clore`}>Clore le questionnaire…</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}

function GuardInline({
  findings,
}: {
  findings: { rule: keyof typeof PRICE_GUARD_RULE_LABELS; match: string; label: string }[];
}) {
  return (
    <p className="sourcing-guard-inline">
      Vigilance prix :{" "}
      {findings.map((finding, index) => (
        <span key={index}>
          {index > 0 ? " ; " : ""}
          {finding.label} — {PRICE_GUARD_RULE_LABELS[finding.rule]} (« {finding.match} »)
        </span>
      ))}
      . Voir l'explication avant la publication.
    </p>
  );
}
