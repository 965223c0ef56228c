// Every form field of the application (routes and capabilities take their fields from here only).
// Each field has a label (or a legend), an optional hint, and its French errors shown right under it,
// linked by aria-describedby, with aria-invalid set; the input is kept after an error.
// - Conform fields (TextField, TextAreaField, SelectField, RadioField, CheckboxListField, DateField)
//   take a Conform field: validation in the browser, the same schema on the server.
// - Plain fields (PlainField, PlainTextField, PlainTextAreaField, PlainSelectField, PlainChoiceField,
//   PlainCheckboxField) are for forms Conform does not drive: GET filters, and pages with many small
//   forms whose errors come back from the server as one message per field (the questionnaire builder,
//   a supplier's answers).
import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { useEffect, useState, type ReactNode } from "react";
import { formatDateFr, isIsoDate } from "~/calendar/dates";

/**
 * When Conform checks the fields: first when a field is left, then, once it shows an error, at
 * every keystroke. Rechecking only when the field is left would remove the message at the moment
 * the user clicks the button below it: the button moves up under the pointer and the click is lost.
 */
export const VALIDATION_TIMING = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

type InputType = "text" | "email" | "password" | "search" | "tel" | "url" | "number" | "date";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-error" id={id}>
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

/** The ids a field's control points to: its hint and other notes first, then its errors when it has some. */
function describedBy(field: FieldMetadata<unknown>, ...ids: (string | null | false | undefined)[]) {
  return [...ids, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
}

function hintIdOf(field: { id: string }, hint: ReactNode): string | null {
  return hint ? `${field.id}-hint` : null;
}

function Hint({ id, hint }: { id: string | null; hint: ReactNode }) {
  if (!hint || !id) return null;
  return (
    <span className="hint" id={id}>
      {hint}
    </span>
  );
}

export function TextField({
  field,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
}: {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  hint?: ReactNode;
  type?: InputType;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
}) {
  const { key, ...inputProps } = getInputProps(field, {
    type,
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hintIdOf(field, hint)),
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintIdOf(field, hint)} hint={hint} />
      <input key={key} {...inputProps} autoComplete={autoComplete} inputMode={inputMode} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  placeholder = "Choisissez…",
  multiple,
}: {
  field: FieldMetadata<string | string[] | undefined | null>;
  label: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string | null;
  multiple?: boolean;
}) {
  const { key, ...selectProps } = getSelectProps(field, {
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hintIdOf(field, hint)),
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintIdOf(field, hint)} hint={hint} />
      <select key={key} {...selectProps} multiple={multiple} size={multiple ? 8 : undefined}>
        {placeholder !== null && !multiple ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({
  field,
  label,
  hint,
  rows = 4,
}: {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  hint?: ReactNode;
  rows?: number;
}) {
  const hintId = hintIdOf(field, hint);
  const { key, ...props } = getTextareaProps(field, {
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hintId),
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea key={key} {...props} rows={rows} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function RadioField({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<string | undefined | null>;
  legend: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string; hint?: string }>;
}) {
  const hintId = hintIdOf(field, hint);
  const inputs = getCollectionProps(field, { type: "radio", options: options.map((option) => option.value) });
  return (
    <div className="field">
      <fieldset
        aria-describedby={describedBy(field as FieldMetadata<unknown>, hintId)}
        aria-invalid={field.errors?.length ? true : undefined}
      >
        <legend>{legend}</legend>
        <Hint id={hintId} hint={hint} />
        {inputs.map(({ key, ...input }, index) => (
          <label className="choice" key={key} htmlFor={input.id} style={{ fontWeight: 400 }}>
            <input {...input} />
            <span>
              {options[index]!.label}
              {options[index]!.hint ? <span className="muted"> — {options[index]!.hint}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** What /api/calendrier/verifier answers. */
interface VerifierAnswer {
  blocked: boolean;
  reasons: { kind: string; label: string; from: string; to: string }[];
  openDays?: number | null;
  minimumOpenDays?: number | null;
  earliestDeadline?: string | null;
  nextAllowedDate: string;
}

export interface LiveCheckOptions {
  departement: string;
  /** The organisation's policy per kind of block ("refuse" | "justify"); weekends are always refused. */
  policies: Record<string, string>;
  /** For a response deadline: the publication date and procedure, to count the open days. */
  windowFrom?: string | null;
  procedure?: string | null;
}

interface LiveVerdict {
  date: string;
  status: "ok" | "justify" | "refuse";
  reasons: VerifierAnswer["reasons"];
  nextAllowedDate: string;
  openDays: number | null;
  minimumOpenDays: number | null;
  earliestDeadline: string | null;
}

function period(reason: { from: string; to: string }) {
  return reason.from === reason.to
    ? `le ${formatDateFr(reason.from)}`
    : `du ${formatDateFr(reason.from)} au ${formatDateFr(reason.to)}`;
}

/**
 * Progressive enhancement: once JavaScript runs, asks the calendar API about the date being typed
 * and says at once whether it will be accepted. The server checks again on submit, whatever this says.
 */
function useLiveVerdict(date: string | undefined, options: LiveCheckOptions | undefined): LiveVerdict | null {
  const [verdict, setVerdict] = useState<LiveVerdict | null>(null);
  const windowFrom = options?.windowFrom;
  const procedure = options?.procedure;
  const departement = options?.departement;
  const policies = options?.policies;
  const askable = Boolean(departement && policies && date && isIsoDate(date));
  useEffect(() => {
    if (!departement || !policies || !date || !isIsoDate(date)) return;
    const controller = new AbortController();
    const check = async () => {
      try {
        const ask = async (params: Record<string, string>) => {
          const response = await fetch(`/api/calendrier/verifier?${new URLSearchParams({ departement, ...params })}`, {
            signal: controller.signal,
          });
          return response.ok ? ((await response.json()) as VerifierAnswer) : null;
        };
        const day = await ask({ date });
        if (!day) return setVerdict(null);
        const window =
          windowFrom && isIsoDate(windowFrom) && windowFrom < date
            ? await ask({ date: windowFrom, fin: date, ...(procedure ? { procedure } : {}) })
            : null;
        const refused = day.reasons.some((reason) => reason.kind === "weekend" || policies[reason.kind] !== "justify");
        setVerdict({
          date,
          status: day.reasons.length === 0 ? "ok" : refused ? "refuse" : "justify",
          reasons: day.reasons,
          nextAllowedDate: day.nextAllowedDate,
          openDays: window?.openDays ?? null,
          minimumOpenDays: window?.minimumOpenDays ?? null,
          earliestDeadline: window?.earliestDeadline ?? null,
        });
      } catch {
        // Offline or aborted: the server's check on submit remains.
      }
    };
    const timer = setTimeout(() => void check(), 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [date, departement, policies, windowFrom, procedure]);
  // A verdict answers one date: once the date changes (or cannot be asked about), it is no longer shown.
  return askable && verdict && verdict.date === date ? verdict : null;
}

export function DateField({
  form,
  field,
  label,
  hint,
  proposal,
  live,
}: {
  form: FormMetadata<Record<string, unknown>>;
  field: FieldMetadata<string | undefined | null>;
  label: string;
  hint?: ReactNode;
  /** The date the server proposes instead of `proposal.for` (shown while the field still holds that value). */
  proposal?: { for: string; date: string } | null;
  live?: LiveCheckOptions;
}) {
  const hintId = hintIdOf(field, hint);
  const liveId = `${field.id}-live`;
  const value = typeof field.value === "string" ? field.value : undefined;
  const verdict = useLiveVerdict(field.errors?.length ? undefined : value, live);
  const { key, ...inputProps } = getInputProps(field, {
    type: "date",
    ariaDescribedBy: describedBy(
      field as FieldMetadata<unknown>,
      hintId,
      verdict && verdict.status !== "ok" ? liveId : null,
    ),
  });
  const showProposal = proposal && proposal.date !== value && proposal.for === value;
  const windowTooShort =
    typeof verdict?.openDays === "number" &&
    typeof verdict.minimumOpenDays === "number" &&
    verdict.openDays < verdict.minimumOpenDays;
  // The date to offer: the first allowed one, or the earliest deadline that gives enough open days.
  const offer = verdict
    ? windowTooShort && verdict.earliestDeadline && verdict.earliestDeadline > verdict.nextAllowedDate
      ? verdict.earliestDeadline
      : verdict.nextAllowedDate
    : null;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <input key={key} {...inputProps} />
      <ErrorList id={field.errorId} errors={field.errors} />
      {showProposal ? (
        <p className="actions">
          <button
            type="submit"
            className="button--secondary"
            {...form.update.getButtonProps({ name: field.name, value: proposal.date })}
          >
            Utiliser le {formatDateFr(proposal.date)}
          </button>
        </p>
      ) : null}
      <div id={liveId} aria-live="polite">
        {verdict && !showProposal && (verdict.status !== "ok" || windowTooShort) ? (
          <div className={verdict.status === "refuse" || windowTooShort ? "form-error" : "notice"}>
            {verdict.status !== "ok" ? (
              <p>
                {verdict.status === "refuse"
                  ? "Cette date sera refusée"
                  : "Cette date demandera une justification écrite"}{" "}
                : le {formatDateFr(verdict.date)} tombe pendant{" "}
                {verdict.reasons
                  .map((reason) =>
                    reason.kind === "weekend"
                      ? `un ${reason.label.toLowerCase()}`
                      : `${reason.label}, ${period(reason)}`,
                  )
                  .join(" ; ")}
                .
              </p>
            ) : null}
            {windowTooShort ? (
              <p>
                Délai de réponse trop court : {verdict.openDays} jours ouvrés, il en faut au moins{" "}
                {verdict.minimumOpenDays} pour cette procédure.
              </p>
            ) : null}
            {offer && offer !== verdict.date ? (
              <p className="actions">
                <button
                  type="button"
                  className="button--secondary"
                  onClick={() => form.update({ name: field.name, value: offer })}
                >
                  Utiliser le {formatDateFr(offer)}
                </button>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** Checkboxes for a list of values (several may be chosen), in a fieldset with its legend. */
export function CheckboxListField({
  field,
  legend,
  hint,
  options,
}: {
  field: FieldMetadata<string[] | undefined>;
  legend: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  if (options.length === 0) return null;
  const hintId = hintIdOf(field, hint);
  const inputs = getCollectionProps(field, { type: "checkbox", options: options.map((option) => option.value) });
  return (
    <div className="field">
      <fieldset
        aria-describedby={describedBy(field as FieldMetadata<unknown>, hintId)}
        aria-invalid={field.errors?.length ? true : undefined}
      >
        <legend>{legend}</legend>
        <Hint id={hintId} hint={hint} />
        {inputs.map(({ key, ...input }, index) => (
          <label className="choice" key={key} htmlFor={input.id} style={{ fontWeight: 400 }}>
            <input {...input} />
            <span>{options[index]!.label}</span>
          </label>
        ))}
      </fieldset>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Errors that concern the whole form (wrong password, too many attempts, a draft changed meanwhile...). */
export function FormError({ id, errors }: { id?: string; errors?: readonly string[] | string | null }) {
  const list = typeof errors === "string" ? [errors] : errors;
  if (!list?.length) return null;
  return (
    <div className="form-error" id={id} role="alert">
      {list.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

// ---- plain fields: forms that Conform does not drive -------------------------------------------------

/** What the control of a plain field receives: its id, and its links to the hint and the error. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * The frame of a plain field: label, hint, the control (rendered by `children` with the props that
 * link it to its hint and error), and the error under it. The error list's id is `${id}-error`.
 */
export function PlainField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: (control: ControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      <ErrorList id={errorId} errors={error ? [error] : null} />
    </div>
  );
}

interface PlainFieldProps {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  disabled?: boolean;
}

export function PlainTextField({
  type = "text",
  defaultValue,
  inputMode,
  maxLength,
  ...field
}: PlainFieldProps & {
  type?: InputType;
  defaultValue?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  maxLength?: number;
}) {
  return (
    <PlainField {...field}>
      {(control) => (
        <input
          {...control}
          name={field.name}
          type={type}
          defaultValue={defaultValue}
          inputMode={inputMode}
          maxLength={maxLength}
          disabled={field.disabled}
        />
      )}
    </PlainField>
  );
}

export function PlainTextAreaField({
  rows = 4,
  defaultValue,
  maxLength,
  ...field
}: PlainFieldProps & { rows?: number; defaultValue?: string; maxLength?: number }) {
  return (
    <PlainField {...field}>
      {(control) => (
        <textarea
          {...control}
          name={field.name}
          rows={rows}
          defaultValue={defaultValue}
          maxLength={maxLength}
          disabled={field.disabled}
        />
      )}
    </PlainField>
  );
}

/** A select; `placeholder` is an empty first choice (none when null), for a filter it means "all". */
export function PlainSelectField({
  options,
  defaultValue,
  placeholder = null,
  ...field
}: PlainFieldProps & {
  options: ReadonlyArray<{ value: string; label: string }>;
  defaultValue?: string;
  placeholder?: string | null;
}) {
  return (
    <PlainField {...field}>
      {(control) => (
        <select {...control} name={field.name} defaultValue={defaultValue} disabled={field.disabled}>
          {placeholder !== null ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </PlainField>
  );
}

/**
 * Radio buttons (one answer) or checkboxes (several), in a fieldset whose legend is the question;
 * the hint and the error are linked to the fieldset. `defaultValues` are the values checked.
 */
export function PlainChoiceField({
  id,
  name,
  legend,
  hint,
  error,
  type,
  options,
  defaultValues = [],
  disabled,
  className,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  type: "radio" | "checkbox";
  options: ReadonlyArray<{ value: string; label: ReactNode; disabled?: boolean }>;
  defaultValues?: readonly string[];
  disabled?: boolean;
  /** Replaces the usual field frame's class, for a compact list of choices (a table row, say). */
  className?: string;
}) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const fieldset = (
    <fieldset id={id} className={className} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <Hint id={hintId} hint={hint} />
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input
            type={type}
            name={name}
            value={option.value}
            defaultChecked={defaultValues.includes(option.value)}
            disabled={disabled || option.disabled}
          />
          {option.label}
        </label>
      ))}
      <ErrorList id={errorId} errors={error ? [error] : null} />
    </fieldset>
  );
  return className ? fieldset : <div className="field">{fieldset}</div>;
}

/** One checkbox with its label ("Réponse obligatoire"); checked, it posts `value` ("on" by default). */
export function PlainCheckboxField({
  id,
  name,
  label,
  value,
  defaultChecked,
}: {
  id?: string;
  name: string;
  label: ReactNode;
  value?: string;
  defaultChecked?: boolean;
}) {
  return (
    <div className="field">
      <label className="choice">
        <input type="checkbox" id={id} name={name} value={value} defaultChecked={defaultChecked} /> {label}
      </label>
    </div>
  );
}

/** A filter of a public list (a GET form): a labelled select whose empty choice means "all". */
export function FilterSelect({
  name,
  label,
  value,
  options,
  placeholder,
  hint,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  placeholder: string;
  hint?: string;
}) {
  return (
    <PlainSelectField
      id={`filtre-${name}`}
      name={name}
      label={label}
      hint={hint}
      options={options}
      defaultValue={value ?? ""}
      placeholder={placeholder}
    />
  );
}
