// /acheteur/sourcing/:id: the builder. Every part of the draft has its own small form (works
// without JavaScript; "Monter"/"Descendre" are submit buttons), each carrying the draft revision it
// was built from, so that two buyer members never silently overwrite each other. The publish form
// shows the price guard's findings and asks for a justification (and, from version 2, a change note).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateFr } from "~/calendar/dates";
import { findingsByField, GUARD_JUSTIFICATION_MIN_LENGTH } from "~/price-guard/price-guard";
import { questionToForm } from "~/sourcing/builder";
import { builderPage, handleBuilderForm } from "~/sourcing/builder.server";
import { QUESTION_TYPES } from "~/sourcing/content";
import { requireBuyerQuestionnaire } from "~/sourcing/questionnaires.server";
import { questionMeta } from "~/sourcing/questions-ui";
import { FormError, PlainCheckboxField, PlainSelectField, PlainTextAreaField, PlainTextField } from "~/ui/form";
import { formatInstant } from "~/ui/plan";
import { PriceGuardInline, PriceGuardNotice } from "~/ui/price-guard";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.questionnaire.title ?? "Questionnaire"} — Construire — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  return builderPage(buyer, questionnaire);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { buyer, questionnaire } = await requireBuyerQuestionnaire(request, params.id!);
  return handleBuilderForm(buyer, questionnaire, await request.formData());
}

const QUESTION_TYPE_OPTIONS = Object.entries(QUESTION_TYPES).map(([value, label]) => ({ value, label }));

function QuestionFields({
  formId,
  values,
  errors,
}: {
  formId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const field = (name: string) => ({ id: `${formId}-${name}`, name, error: errors[name] });
  return (
    <>
      <PlainTextAreaField {...field("label")} label="Question" rows={2} defaultValue={values.label ?? ""} />
      <PlainSelectField
        {...field("type")}
        label="Type de réponse"
        options={QUESTION_TYPE_OPTIONS}
        defaultValue={values.type ?? "short_text"}
      />
      <PlainTextAreaField
        {...field("help")}
        label="Aide (facultatif)"
        hint="Un exemple, une précision sur ce que vous attendez."
        rows={2}
        defaultValue={values.help ?? ""}
      />
      <PlainCheckboxField name="required" label="Réponse obligatoire" defaultChecked={values.required === "on"} />
      <PlainTextAreaField
        {...field("choices")}
        label="Choix proposés (pour « Choix unique » et « Choix multiples »)"
        hint="Un choix par ligne."
        rows={3}
        defaultValue={values.choices ?? ""}
      />
      <div className="sourcing-number-settings">
        <PlainTextField {...field("unit")} label="Unité (pour un nombre)" defaultValue={values.unit ?? ""} />
        <PlainTextField {...field("min")} label="Minimum" inputMode="decimal" defaultValue={values.min ?? ""} />
        <PlainTextField {...field("max")} label="Maximum" inputMode="decimal" defaultValue={values.max ?? ""} />
      </div>
    </>
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
      <FormError errors={structure?.message} />

      <h2>Présentation et date limite</h2>
      <Form method="post" className="form" noValidate>
        {revision}
        <input type="hidden" name="intent" value="details" />
        <FormError errors={details?.message} />
        <PlainTextField
          id="details-title"
          name="title"
          label="Titre"
          error={details?.fieldErrors?.title}
          defaultValue={detailValues.title}
        />
        {byField.get("title") ? <PriceGuardInline findings={byField.get("title")!} /> : null}
        <PlainTextAreaField
          id="details-introduction"
          name="introduction"
          label="Introduction"
          error={details?.fieldErrors?.introduction}
          hint="Le besoin, ce que vous cherchez à comprendre du marché, ce que vous ferez des réponses."
          rows={6}
          defaultValue={detailValues.introduction}
        />
        {byField.get("introduction") ? <PriceGuardInline findings={byField.get("introduction")!} /> : null}
        <PlainTextField
          id="details-deadline"
          name="deadline"
          type="date"
          label="Date limite de réponse"
          error={details?.fieldErrors?.deadline}
          hint={`Le questionnaire reste ouvert au moins ${minimumOpenDays} jours ouvrés, hors vacances et jours bloqués de votre calendrier.`}
          defaultValue={detailValues.deadline}
        />
        {details?.proposal ? (
          <p>
            <button type="submit" name="useDeadline" value={details.proposal} className="button--secondary">
              Utiliser le {formatDateFr(details.proposal)}
            </button>
          </p>
        ) : null}
        {details?.fieldErrors?.deadlineJustification || questionnaire.deadlineJustification ? (
          <PlainTextAreaField
            id="details-deadlineJustification"
            name="deadlineJustification"
            label="Pourquoi cette date ?"
            error={details?.fieldErrors?.deadlineJustification}
            rows={2}
            defaultValue={detailValues.deadlineJustification}
          />
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
              <FormError errors={sectionResult?.message} />
              <PlainTextField
                id={`section-${section.id}-name`}
                name="sectionTitle"
                label="Titre de la partie"
                defaultValue={section.title}
              />
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
                        <PriceGuardInline findings={byField.get(`q-${question.id}`)!} />
                      ) : null}
                      <Form method="post" className="form" key={`edit-${questionnaire.revision}`}>
                        {revision}
                        <input type="hidden" name="questionId" value={question.id} />
                        <FormError errors={result?.message} />
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
                <FormError errors={addResult?.message} />
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
        <PlainTextField id="new-section-title" name="sectionTitle" label="Titre d'une nouvelle partie" />
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
        <FormError errors={publish?.message} />
        <PriceGuardNotice findings={check.findings}>
          <PlainTextAreaField
            id="publish-guardJustification"
            name="guardJustification"
            label="Publier quand même : pourquoi ?"
            error={publish?.fieldErrors?.guardJustification}
            hint={`Au moins ${GUARD_JUSTIFICATION_MIN_LENGTH} caractères. Cette justification est gardée dans le registre des échanges. Le mieux reste de reformuler.`}
            rows={3}
            defaultValue={publish?.values?.guardJustification ?? ""}
          />
        </PriceGuardNotice>
        {check.nextNumber > 1 ? (
          <PlainTextAreaField
            id="publish-changeNote"
            name="changeNote"
            label="Ce qui change"
            error={publish?.fieldErrors?.changeNote}
            hint="Envoyé tel quel aux entreprises qui ont déjà répondu, et affiché sur la page publique."
            rows={3}
            defaultValue={publish?.values?.changeNote ?? ""}
          />
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
