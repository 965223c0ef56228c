// How questions are shown: read-only (public page, buyer's view of a response) and as answer
// fields (supplier form, built from the shared plain fields of app/ui/form.tsx), with the French
// error next to each field.
import type { AnswerValue, Question, QuestionnaireContent } from "./content";
import { PlainChoiceField, PlainField } from "~/ui/form";
import { formatAnswer, QUESTION_TYPES } from "./content";

const SCALE = [1, 2, 3, 4, 5];

export function questionMeta(question: Question): string {
  const parts: string[] = [QUESTION_TYPES[question.type]];
  if (question.type === "number") {
    if (question.unit) parts.push(`en ${question.unit}`);
    if (question.min !== null) parts.push(`au moins ${question.min}`);
    if (question.max !== null) parts.push(`au plus ${question.max}`);
  }
  parts.push(question.required ? "obligatoire" : "facultative");
  return parts.join(" · ");
}

/** The questions as anyone reads them (no form). */
export function QuestionList({ content }: { content: QuestionnaireContent }) {
  let number = 0;
  return (
    <>
      {content.sections.map((section) => (
        <section key={section.id} className="sourcing-section">
          {section.title ? <h3>{section.title}</h3> : null}
          <ol className="sourcing-questions" start={number + 1}>
            {section.questions.map((question) => {
              number++;
              return (
                <li key={question.id}>
                  <p className="sourcing-question__label">{question.label}</p>
                  <p className="muted">{questionMeta(question)}</p>
                  {question.help ? <p className="hint">{question.help}</p> : null}
                  {question.choices.length > 0 ? (
                    <ul>
                      {question.choices.map((choice) => (
                        <li key={choice.id}>{choice.label}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </>
  );
}

/** A response read back: each question with its answer. */
export function AnswerList({
  content,
  answers,
}: {
  content: QuestionnaireContent;
  answers: Record<string, AnswerValue>;
}) {
  return (
    <dl className="sourcing-answers">
      {content.sections
        .flatMap((section) => section.questions)
        .map((question, index) => (
          <div key={question.id}>
            <dt>
              {index + 1}. {question.label}
            </dt>
            <dd>{formatAnswer(question, answers[question.id]) || <span className="muted">Sans réponse</span>}</dd>
          </div>
        ))}
    </dl>
  );
}

type RawValue = string | string[] | undefined;

function AnswerField({
  question,
  number,
  value,
  error,
  disabled,
}: {
  question: Question;
  number: number;
  value: RawValue;
  error?: string;
  disabled: boolean;
}) {
  const name = `a.${question.id}`;
  const id = `answer-${question.id}`;
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const label = (
    <>
      {number}. {question.label}
      {question.required ? <span className="muted"> (obligatoire)</span> : null}
    </>
  );
  const hint = question.help || undefined;

  if (
    question.type === "short_text" ||
    question.type === "long_text" ||
    question.type === "number" ||
    question.type === "date"
  ) {
    return (
      <PlainField id={id} label={label} hint={hint} error={error}>
        {(control) =>
          question.type === "long_text" ? (
            <textarea
              {...control}
              name={name}
              rows={5}
              defaultValue={values[0] ?? ""}
              maxLength={5000}
              disabled={disabled}
            />
          ) : question.type === "number" ? (
            <span className="sourcing-number">
              <input
                {...control}
                name={name}
                type="text"
                inputMode="decimal"
                defaultValue={values[0] ?? ""}
                disabled={disabled}
              />
              {question.unit ? <span>{question.unit}</span> : null}
            </span>
          ) : (
            <input
              {...control}
              name={name}
              type={question.type === "date" ? "date" : "text"}
              defaultValue={values[0] ?? ""}
              maxLength={question.type === "short_text" ? 300 : undefined}
              disabled={disabled}
            />
          )
        }
      </PlainField>
    );
  }
  const options =
    question.type === "yes_no"
      ? [
          { value: "yes", label: "Oui" },
          { value: "no", label: "Non" },
        ]
      : question.type === "scale"
        ? SCALE.map((n) => ({
            value: String(n),
            label: n === 1 ? "1 (pas du tout)" : n === 5 ? "5 (tout à fait)" : String(n),
          }))
        : question.choices.map((choice) => ({ value: choice.id, label: choice.label }));
  return (
    <PlainChoiceField
      id={id}
      name={name}
      legend={label}
      hint={hint}
      error={error}
      type={question.type === "multiple_choice" ? "checkbox" : "radio"}
      options={options}
      defaultValues={values}
      disabled={disabled}
    />
  );
}

export function AnswerFields({
  content,
  values,
  errors,
  disabled = false,
}: {
  content: QuestionnaireContent;
  values: Record<string, RawValue>;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  let number = 0;
  return (
    <>
      {content.sections.map((section) => (
        <fieldset key={section.id}>
          <legend>{section.title || "Questions"}</legend>
          {section.questions.map((question) => {
            number++;
            return (
              <AnswerField
                key={question.id}
                question={question}
                number={number}
                value={values[question.id]}
                error={errors[question.id]}
                disabled={disabled}
              />
            );
          })}
        </fieldset>
      ))}
    </>
  );
}

/** Answer fields of a submitted form: every "a.<questionId>" entry, with all its values. */
export function rawAnswersFrom(formData: FormData): Record<string, string[]> {
  const raw: Record<string, string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("a.") || typeof value !== "string") continue;
    (raw[key.slice(2)] ??= []).push(value);
  }
  return raw;
}
