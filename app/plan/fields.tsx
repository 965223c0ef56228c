// Form fields of the buyer's pages that app/ui/form.tsx does not have: a text area, radio
// buttons, and a date field that shows the calendar's verdict and proposes the next allowed date.
import {
  getCollectionProps,
  getInputProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { useEffect, useState, type ReactNode } from "react";
import { formatDateFr, isIsoDate } from "~/calendar/dates";
import { ErrorList } from "~/ui/form";

function describedBy(field: FieldMetadata<unknown>, ...ids: (string | null | false | undefined)[]) {
  return [...ids, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
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
  const hintId = hint ? `${field.id}-hint` : null;
  const { key, ...props } = getTextareaProps(field, {
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hintId),
  });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId!}>
          {hint}
        </span>
      ) : null}
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
  const hintId = hint ? `${field.id}-hint` : null;
  const inputs = getCollectionProps(field, { type: "radio", options: options.map((option) => option.value) });
  return (
    <div className="field">
      <fieldset aria-describedby={describedBy(field as FieldMetadata<unknown>, hintId)}>
        <legend>{legend}</legend>
        {hint ? (
          <span className="hint" id={hintId!}>
            {hint}
          </span>
        ) : null}
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
  const hintId = hint ? `${field.id}-hint` : null;
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
      {hint ? (
        <span className="hint" id={hintId!}>
          {hint}
        </span>
      ) : null}
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
