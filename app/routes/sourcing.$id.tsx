// /sourcing/:id: one questionnaire as everybody sees it (its current frozen version with number,
// date and hash, and the published clarifications), and for a member of a supplier organisation:
// its own answers (draft, submit, update until the deadline) and a private clarification question.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NOT_A_SUPPLIER_MESSAGE, OTHER_ORGANIZATION_MESSAGE, viewerOf } from "~/sourcing/access.server";
import { askClarification } from "~/sourcing/clarifications.server";
import { clarificationQuestionSchema } from "~/sourcing/forms";
import { RecordOpening } from "~/sourcing/opening";
import { PUBLISHED_QUESTIONNAIRE_NOT_FOUND_MESSAGE, questionnairePage } from "~/sourcing/public-page.server";
import { AnswerFields, AnswerList, QuestionList, rawAnswersFrom } from "~/sourcing/questions-ui";
import { publishedQuestionnaire, saveAnswers } from "~/sourcing/responses.server";
import { FormError, TextAreaField, VALIDATION_TIMING } from "~/ui/form";
import { notFound } from "~/ui/not-found.server";
import { DateText, formatInstant } from "~/ui/plan";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.document.title} — Questionnaire de sourcing — Amont` : "Questionnaire introuvable — Amont" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await questionnairePage(params.id!, await viewerOf(request));
  return page ?? notFound(PUBLISHED_QUESTIONNAIRE_NOT_FOUND_MESSAGE);
}

type ActionData =
  | { form: "answers"; message: string; fieldErrors: Record<string, string>; values: Record<string, string[]> }
  | { form: "clarification"; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  // The forms only need to know the questionnaire is published; saveAnswers re-checks its version.
  const questionnaireId = params.id!;
  const questionnaire = await publishedQuestionnaire(questionnaireId);
  if (!questionnaire) notFound(PUBLISHED_QUESTIONNAIRE_NOT_FOUND_MESSAGE);
  const viewer = await viewerOf(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const fail = (payload: ActionData, status = 400) => data<ActionData>(payload, { status });
  const isClarification = intent === "ask";
  if (viewer.kind === "visitor") throw new Response("Connectez-vous pour répondre.", { status: 401 });
  if (isClarification) {
    const submission = parseWithZod(formData, { schema: clarificationQuestionSchema });
    const refuse = (message: string, status: number) =>
      fail({ form: "clarification", result: submission.reply({ formErrors: [message] }) }, status);
    if (viewer.kind !== "supplier") return refuse(NOT_A_SUPPLIER_MESSAGE, 403);
    if (formData.get("organizationId") !== viewer.supplier.organizationId)
      return refuse(OTHER_ORGANIZATION_MESSAGE, 403);
    if (submission.status !== "success") return fail({ form: "clarification", result: submission.reply() });
    const result = await askClarification(viewer.supplier, questionnaireId, submission.value.question);
    if (!result.ok) return refuse(result.message, 400);
    return redirectWithToast(`/sourcing/${questionnaireId}#precisions`, {
      title: "Votre question est transmise à l'acheteur.",
      description: "Sa réponse sera publiée ici pour toutes les entreprises, sans votre nom.",
    });
  }
  if (viewer.kind !== "supplier")
    return fail(
      { form: "answers", message: NOT_A_SUPPLIER_MESSAGE, fieldErrors: {}, values: rawAnswersFrom(formData) },
      403,
    );
  if (formData.get("organizationId") !== viewer.supplier.organizationId) {
    return fail(
      { form: "answers", message: OTHER_ORGANIZATION_MESSAGE, fieldErrors: {}, values: rawAnswersFrom(formData) },
      403,
    );
  }
  const mode = intent === "submit" ? "submit" : intent === "draft" ? "draft" : null;
  const values = rawAnswersFrom(formData);
  if (!mode) return fail({ form: "answers", message: "Action inconnue.", fieldErrors: {}, values });
  const versionNumber = Number(formData.get("version"));
  const result = await saveAnswers(
    viewer.supplier,
    questionnaireId,
    Number.isInteger(versionNumber) ? versionNumber : -1,
    values,
    mode,
    new Date(),
    questionnaire,
  );
  if (!result.ok)
    return fail(
      { form: "answers", message: result.message, fieldErrors: result.fieldErrors, values },
      result.superseded ? 409 : 400,
    );
  return redirectWithToast(`/sourcing/${questionnaireId}#reponse`, {
    title:
      result.kind === "draft"
        ? "Brouillon enregistré."
        : result.kind === "updated"
          ? "Votre réponse est mise à jour."
          : "Votre réponse est déposée.",
    description:
      result.kind === "draft"
        ? "Il n'est visible que par votre organisation. Pensez à déposer votre réponse avant la date limite."
        : "Seuls l'acheteur et les membres de votre organisation peuvent la lire.",
  });
}

export default function QuestionnairePage() {
  const { id, buyer, procurement, document, version, isOpen, closedEarly, clarifications, viewer, own } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const answersResult = actionData?.form === "answers" ? actionData : null;
  const [clarificationForm, clarificationFields] = useForm({
    id: "precision",
    lastResult: actionData?.form === "clarification" ? actionData.result : undefined,
    constraint: getZodConstraint(clarificationQuestionSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: clarificationQuestionSchema }),
  });
  const values = answersResult ? answersResult.values : (own?.values ?? {});
  const submitted = own?.status === "submitted";
  return (
    <article className="sourcing-page">
      <p className="muted">
        <Link to="/sourcing">Questionnaires de sourcing</Link> › {buyer.name}
      </p>
      <h1>{document.title}</h1>
      <p>
        Questionnaire de <Link to={`/acheteurs/${buyer.slug}`}>{buyer.name}</Link> pour l'achat prévu{" "}
        <Link to={`/plan/${procurement.id}`}>« {procurement.title} »</Link>.
      </p>
      <dl className="sourcing-version">
        <div>
          <dt>Version</dt>
          <dd>
            n° {version.number}, publiée le {formatInstant(version.publishedAt)}
          </dd>
        </div>
        <div>
          <dt>Réponses jusqu'au</dt>
          <dd>
            <DateText iso={document.deadline} long /> {isOpen ? null : <strong>(questionnaire clos)</strong>}
          </dd>
        </div>
        <div>
          <dt>Empreinte SHA-256</dt>
          <dd>
            <code className="sourcing-hash">{version.contentHash}</code>
          </dd>
        </div>
      </dl>
      {closedEarly ? (
        <div className="notice notice--warning" role="status">
          <p>
            <strong>Questionnaire clos par l'acheteur le {formatInstant(closedEarly.at)}</strong>, avant la date prévue
            : il ne prend plus de réponses. Les réponses déjà déposées restent transmises à l'acheteur.
          </p>
          <p className="pre-line">
            <strong>Raison donnée :</strong> {closedEarly.reason}
          </p>
        </div>
      ) : null}
      {version.changeNote ? (
        <p className="notice">
          <strong>Ce qui a changé dans la version n° {version.number} :</strong> {version.changeNote}
        </p>
      ) : null}
      <h2>Présentation</h2>
      {document.introduction.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}

      {own && !own.opened ? <RecordOpening questionnaireId={id} organizationId={own.organizationId} /> : null}
      {viewer === "supplier" && own ? (
        <section id="reponse" aria-labelledby="reponse-title">
          <h2 id="reponse-title">La réponse de {own.organizationName}</h2>
          {submitted ? (
            <p className="notice">
              Réponse déposée le {formatInstant(own.submittedAt!)} sur la version n° {version.number}.
              {isOpen ? " Vous pouvez la mettre à jour jusqu'à la date limite." : ""}
            </p>
          ) : own.carried ? (
            <p className="notice notice--warning">
              Vous aviez répondu à une version précédente. Vos réponses aux questions qui n'ont pas changé sont reprises
              ci-dessous : relisez, complétez, puis déposez votre réponse sur la version n° {version.number}.
            </p>
          ) : own.status === "draft" ? (
            <p className="muted">Brouillon enregistré, pas encore déposé.</p>
          ) : null}
          {own.previous.map((p) => (
            <details key={p.versionNumber} className="sourcing-previous">
              <summary>
                Votre réponse à la version n° {p.versionNumber} (
                {p.status === "submitted" ? `déposée le ${formatInstant(p.submittedAt!)}` : "brouillon"}), gardée telle
                quelle
              </summary>
              <AnswerList content={p.content} answers={p.answers} />
            </details>
          ))}
          {!isOpen && !closedEarly ? (
            <p className="notice">La date limite est passée : les réponses ne peuvent plus être modifiées.</p>
          ) : null}
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="version" value={version.number} />
            <input type="hidden" name="organizationId" value={own.organizationId} />
            {answersResult?.message ? (
              <div className="form-error" role="alert">
                <p>{answersResult.message}</p>
              </div>
            ) : null}
            <AnswerFields
              content={document.content}
              values={values}
              errors={answersResult?.fieldErrors ?? {}}
              disabled={!isOpen}
            />
            {isOpen ? (
              <p className="actions">
                <button type="submit" name="intent" value="submit" disabled={navigation.state === "submitting"}>
                  {submitted || own.previous.some((p) => p.status === "submitted")
                    ? "Mettre à jour ma réponse"
                    : "Déposer ma réponse"}
                </button>
                {submitted ? null : (
                  <button type="submit" name="intent" value="draft" className="button--secondary">
                    Enregistrer le brouillon
                  </button>
                )}
              </p>
            ) : null}
          </Form>
        </section>
      ) : (
        <section aria-labelledby="questions-title">
          <h2 id="questions-title">Les questions</h2>
          {isOpen ? (
            <p className="notice">
              {viewer === "visitor" ? (
                <>
                  Pour répondre,{" "}
                  <Link to={`/connexion?redirectTo=${encodeURIComponent(`/sourcing/${id}`)}`}>connectez-vous</Link> ou{" "}
                  <Link to="/inscription">créez un compte</Link> au nom de votre entreprise. Toute entreprise peut
                  répondre.
                </>
              ) : (
                "Pour répondre, agissez au nom d'une entreprise ou d'une structure de l'ESS (menu « Agir au nom de »)."
              )}
            </p>
          ) : null}
          <QuestionList content={document.content} />
        </section>
      )}

      <section id="precisions" aria-labelledby="precisions-title">
        <h2 id="precisions-title">Précisions publiées pour toutes les entreprises</h2>
        {clarifications.length === 0 ? (
          <p className="muted">Aucune précision publiée pour l'instant.</p>
        ) : (
          <ul className="sourcing-clarifications">
            {clarifications.map((c) => (
              <li key={c.id}>
                <p>
                  <strong>Question :</strong> {c.question}
                </p>
                <p>
                  <strong>Réponse de l'acheteur :</strong> {c.answer}
                </p>
                <p className="muted">Publiée le {formatInstant(c.publishedAt)}</p>
              </li>
            ))}
          </ul>
        )}
        {viewer === "supplier" && own && isOpen ? (
          <>
            <h3>Poser une question à l'acheteur</h3>
            <p>
              Votre question reste privée. L'acheteur y répond en publiant la question (éventuellement reformulée) et sa
              réponse sur cette page, pour toutes les entreprises, sans votre nom.
            </p>
            {own.clarifications.length > 0 ? (
              <ul>
                {own.clarifications.map((c) => (
                  <li key={c.id}>
                    {c.question}{" "}
                    <span className="muted">
                      — posée le {formatInstant(c.askedAt)}, {c.published ? "réponse publiée" : "en attente de réponse"}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            <Form method="post" className="form" {...getFormProps(clarificationForm)}>
              <input type="hidden" name="organizationId" value={own.organizationId} />
              <FormError id={clarificationForm.errorId} errors={clarificationForm.errors} />
              <TextAreaField field={clarificationFields.question} label="Votre question" rows={3} />
              <button type="submit" name="intent" value="ask" className="button--secondary">
                Envoyer ma question
              </button>
            </Form>
          </>
        ) : null}
      </section>
      <p className="muted">
        Toutes les entreprises voient exactement cette version, identifiée par son empreinte : un changement ferait une
        nouvelle version, annoncée à celles qui ont déjà répondu.
      </p>
    </article>
  );
}
