// The two answers to a request (a verification on /admin/organisations, a claim there or on an
// organisation's own page): accept with one button, or refuse with a required reason that is
// sent by email. Both are plain forms told apart by their `intent`, so they work without
// JavaScript; several requests on one page each get their own form id.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { FormError, TextAreaField, VALIDATION_TIMING } from "~/ui/form";
import { claimDecisionSchema, REASON_MIN_LENGTH, verificationDecisionSchema } from "./verification";

interface DecisionFormsProps {
  /** What is decided: a verification request (by organisation id) or a claim (by claim id). */
  subject: { kind: "verification"; organizationId: string } | { kind: "claim"; claimId: string };
  /** Names the request in the buttons' accessible names, e.g. the organisation's name. */
  label: string;
  /** The action's reply, when it concerns this request. */
  lastResult?: SubmissionResult<string[]> | null;
}

/** Form id of the refusal form of one request: the action echoes it so that only that form shows the errors. */
export function decisionFormId(subject: DecisionFormsProps["subject"]): string {
  return subject.kind === "verification" ? `refuser-${subject.organizationId}` : `refuser-demande-${subject.claimId}`;
}

export function DecisionForms({ subject, label, lastResult }: DecisionFormsProps) {
  const verification = subject.kind === "verification";
  const schema = verification ? verificationDecisionSchema : claimDecisionSchema;
  const hidden = verification
    ? { name: "organizationId", value: subject.organizationId }
    : { name: "claimId", value: subject.claimId };
  const [form, fields] = useForm({
    id: decisionFormId(subject),
    lastResult,
    constraint: getZodConstraint(schema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const reason = (fields as unknown as Record<"reason", Parameters<typeof TextAreaField>[0]["field"]>).reason;
  return (
    <div className="stack">
      <Form method="post">
        <input type="hidden" name="intent" value={verification ? "approve" : "accept-claim"} />
        <input type="hidden" name={hidden.name} value={hidden.value} />
        <button type="submit">
          {verification ? "Valider" : "Accepter"}
          <span className="visually-hidden"> {label}</span>
        </button>
      </Form>
      <details open={Boolean(lastResult)}>
        <summary>
          Refuser<span className="visually-hidden"> {label}</span>…
        </summary>
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormError id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value={verification ? "refuse" : "refuse-claim"} />
          <input type="hidden" name={hidden.name} value={hidden.value} />
          <TextAreaField
            field={reason}
            label="Motif du refus"
            hint={`Au moins ${REASON_MIN_LENGTH} caractères, envoyés par courriel ${verification ? "aux administrateurs de l'organisation" : "à la personne qui a fait la demande"} : dites ce qui manque ou ce qui ne va pas.`}
            rows={3}
          />
          <button type="submit" className="button--secondary">
            Refuser<span className="visually-hidden"> {label}</span>
          </button>
        </Form>
      </details>
    </div>
  );
}
