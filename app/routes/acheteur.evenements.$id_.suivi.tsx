// /acheteur/evenements/:id/suivi — after the event: attendance, notes (under the price guard, with
// corrections kept beside the original), and the materials published for every supplier.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  ATTENDANCE_LABELS,
  ATTENDANCE_VALUES,
  attendanceFieldName,
  GUARD_JUSTIFICATION_MIN_LENGTH,
  MATERIAL_KIND_LABELS,
  MATERIAL_KINDS,
  materialSchema,
  noteSchema,
  parseAttendanceForm,
} from "~/meetings/follow-up-schema";
import {
  followUpPage,
  publishMaterial,
  recordAttendance,
  requireFollowUpScope,
  writeNote,
  type NoteThread,
} from "~/meetings/follow-up.server";
import type { PriceGuardFinding } from "~/price-guard/price-guard";
import { FormError, PlainChoiceField, SelectField, TextAreaField, TextField, VALIDATION_TIMING } from "~/ui/form";
import { formatInstant } from "~/ui/plan";
import { PriceGuardNotice } from "~/ui/price-guard";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Suivi : ${loaded.page.event.title} — Amont` : "Suivi de l’événement — Amont" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireFollowUpScope(request, params.id ?? "");
  return { page: await followUpPage(scope) };
}

type ActionResult = { formId: string; result: SubmissionResult<string[]>; findings?: PriceGuardFinding[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireFollowUpScope(request, params.id ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const formId = String(formData.get("formId") ?? intent ?? "");
  const here = `/acheteur/evenements/${scope.event.id}/suivi`;

  if (intent === "attendance") {
    const parsed = parseAttendanceForm(formData);
    const outcome = parsed.ok
      ? await recordAttendance(actor, scope, parsed.entries)
      : { ok: false as const, message: parsed.message };
    if (!outcome.ok)
      return data<ActionResult>(
        { formId: "attendance", result: { status: "error", error: { "": [outcome.message] } } },
        { status: 400 },
      );
    return redirectWithToast(here, {
      kind: "success",
      title:
        outcome.changed > 0
          ? `Présences enregistrées (${outcome.changed} modification${outcome.changed > 1 ? "s" : ""}).`
          : "Aucune présence n’a changé.",
    });
  }

  if (intent === "note") {
    const submission = parseWithZod(formData, { schema: noteSchema });
    if (submission.status !== "success")
      return data<ActionResult>({ formId, result: submission.reply() }, { status: 400 });
    const outcome = await writeNote(actor, scope, submission.value);
    if (!outcome.ok) {
      const result =
        outcome.field === "form"
          ? submission.reply({ formErrors: [outcome.message] })
          : submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } });
      return data<ActionResult>({ formId, result, findings: outcome.findings }, { status: 400 });
    }
    return redirectWithToast(here, {
      kind: "success",
      title: submission.value.correctsNoteId
        ? "La correction est enregistrée à la suite du compte rendu d’origine."
        : "Le compte rendu est enregistré.",
      description: "Il figure au registre des échanges, qui ne se modifie pas.",
    });
  }

  if (intent === "material") {
    const submission = parseWithZod(formData, { schema: materialSchema });
    if (submission.status !== "success")
      return data<ActionResult>({ formId: "material", result: submission.reply() }, { status: 400 });
    const outcome = await publishMaterial(actor, scope, submission.value);
    if (!outcome.ok)
      return data<ActionResult>(
        { formId: "material", result: submission.reply({ formErrors: [outcome.message] }) },
        { status: 400 },
      );
    return redirectWithToast(here, {
      kind: "success",
      title: `« ${submission.value.title} » est publié sur la page de l’événement.`,
      description: `Un message identique a été envoyé à ${outcome.recipients} entreprise${outcome.recipients > 1 ? "s" : ""} inscrite${outcome.recipients > 1 ? "s" : ""} ou ayant réservé.`,
    });
  }
  return data<ActionResult>(
    { formId: "", result: { status: "error", error: { "": ["Action inconnue."] } } },
    { status: 400 },
  );
}

const ATTENDANCE_OPTIONS = ATTENDANCE_VALUES.map((value) => ({ value, label: ATTENDANCE_LABELS[value] }));

function NoteView({ note, label }: { note: NoteThread["original"]; label: string }) {
  return (
    <article className="meeting-note">
      <p className="meeting-note__meta">
        {label} — {note.authorName}, {formatInstant(note.createdAt)} · registre n° {note.ledgerSequence}
      </p>
      <p className="meeting-note__body">{note.body}</p>
      {note.guardJustification ? (
        <p className="muted">Justification (garde-fou prix) : {note.guardJustification}</p>
      ) : null}
    </article>
  );
}

function NoteForm({
  formId,
  slotId,
  correctsNoteId,
  label,
  submitLabel,
}: {
  formId: string;
  slotId?: string;
  correctsNoteId?: string;
  label: string;
  submitLabel: string;
}) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.formId === formId ? actionData : undefined;
  const [form, fields] = useForm<{ body: string; guardJustification: string }>({
    id: formId,
    lastResult: mine?.result,
    shouldValidate: "onSubmit",
  });
  const findings = mine?.findings ?? [];
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="formId" value={formId} />
      {slotId ? <input type="hidden" name="slotId" value={slotId} /> : null}
      {correctsNoteId ? <input type="hidden" name="correctsNoteId" value={correctsNoteId} /> : null}
      <FormError id={form.errorId} errors={form.errors} />
      <TextAreaField
        field={fields.body}
        label={label}
        hint="Ce qui a été présenté et demandé. Pas de prix ni de conditions du futur contrat : le sourcing ne se négocie pas."
        rows={5}
      />
      <PriceGuardNotice findings={findings} id={`${formId}-garde-fou`}>
        <TextAreaField
          field={fields.guardJustification}
          label="Justification pour enregistrer quand même"
          hint={`Au moins ${GUARD_JUSTIFICATION_MIN_LENGTH} caractères. Elle sera gardée au registre des échanges avec le compte rendu.`}
          rows={3}
        />
      </PriceGuardNotice>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

function NoteThreads({ threads, formPrefix }: { threads: NoteThread[]; formPrefix: string }) {
  return (
    <>
      {threads.map((thread) => (
        <div key={thread.original.id} className="note-thread">
          <NoteView note={thread.original} label="Compte rendu" />
          {thread.corrections.length > 0 ? (
            <ol className="note-thread__corrections" aria-label="Corrections, de la plus ancienne à la plus récente">
              {thread.corrections.map((correction) => (
                <li key={correction.id}>
                  <NoteView note={correction} label="Correction" />
                </li>
              ))}
            </ol>
          ) : null}
          <details>
            <summary>Ajouter une correction</summary>
            <p className="hint">
              Le compte rendu d’origine reste tel quel : la correction est enregistrée à sa suite, au registre des
              échanges.
            </p>
            <NoteForm
              formId={`${formPrefix}-corr-${thread.original.id}`}
              correctsNoteId={thread.original.id}
              label="Correction"
              submitLabel="Enregistrer la correction"
            />
          </details>
        </div>
      ))}
    </>
  );
}

function MaterialForm() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<{ kind: string; title: string; url: string }>({
    id: "material",
    lastResult: actionData?.formId === "material" ? actionData.result : undefined,
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: materialSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="material" />
      <FormError id={form.errorId} errors={form.errors} />
      <SelectField
        field={fields.kind}
        label="Type de support"
        options={MATERIAL_KINDS.map((kind) => ({ value: kind, label: MATERIAL_KIND_LABELS[kind] }))}
      />
      <TextField field={fields.title} label="Titre" hint="Par exemple : « Diaporama de la réunion du 12 novembre »." />
      <TextField
        field={fields.url}
        label="Adresse du support"
        type="url"
        hint="Le lien vers le fichier ou la vidéo, qui commence par https://"
      />
      <button type="submit">Publier pour toutes les entreprises</button>
    </Form>
  );
}

export default function EventFollowUp() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event } = page;
  const isFair = event.kind === "reverse_fair";
  const attendanceErrors = actionData?.formId === "attendance" ? (actionData.result.error?.[""] ?? null) : null;
  const hasPeople = page.bookings.length + page.registrations.length > 0;

  return (
    <>
      <p>
        <Link to={`/acheteur/evenements/${event.id}`}>← Retour à l’événement</Link>
      </p>
      <h1>Suivi : {event.title}</h1>
      <p className="lead">
        {event.kindLabel} du {event.when}.{" "}
        {page.isOrganizer
          ? `Vous l’organisez au nom de ${page.organizationName}.`
          : `Vous y teniez un stand au nom de ${page.organizationName} : vous voyez vos rendez-vous.`}
      </p>

      {page.scheduled.length > 0 ? (
        <section aria-labelledby="envois">
          <h2 id="envois">Messages programmés</h2>
          <ul>
            {page.scheduled.map((message) => (
              <li key={message.label}>
                {message.label} :{" "}
                {message.failed ? <strong className="field-error">{message.status}</strong> : message.status}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="presences">
        <h2 id="presences">Présences</h2>
        {!event.started ? (
          <p className="notice">Les présences se saisissent une fois l’événement commencé.</p>
        ) : !hasPeople ? (
          <p>Personne n’était inscrit.</p>
        ) : (
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="attendance" />
            <FormError id="presences-erreur" errors={attendanceErrors} />
            {page.bookings.map((booking) => (
              <PlainChoiceField
                key={booking.id}
                id={`presence-${booking.id}`}
                className="attendance-choice"
                type="radio"
                name={attendanceFieldName("booking", booking.id)}
                legend={`${booking.supplierName} — ${booking.standName}, ${booking.when}`}
                options={ATTENDANCE_OPTIONS}
                defaultValues={booking.attendance ? [booking.attendance] : []}
              />
            ))}
            {page.registrations.map((registration) => (
              <PlainChoiceField
                key={registration.id}
                id={`presence-${registration.id}`}
                className="attendance-choice"
                type="radio"
                name={attendanceFieldName("registration", registration.id)}
                legend={`${registration.personName} (${registration.organizationName})`}
                options={ATTENDANCE_OPTIONS}
                defaultValues={registration.attendance ? [registration.attendance] : []}
              />
            ))}
            <button type="submit">Enregistrer les présences</button>
          </Form>
        )}
      </section>

      <section aria-labelledby="comptes-rendus">
        <h2 id="comptes-rendus">Comptes rendus</h2>
        <p>
          Chaque compte rendu est inscrit au registre des échanges et ne se modifie plus : pour rectifier, ajoutez une
          correction, qui s’affiche sous l’original.
        </p>
        {isFair ? (
          page.bookings.length === 0 ? (
            <p>Aucun rendez-vous réservé sur vos stands.</p>
          ) : (
            page.bookings.map((booking) => (
              <section key={booking.id} className="card note-slot" aria-labelledby={`rdv-${booking.id}`}>
                <h3 id={`rdv-${booking.id}`}>
                  {booking.supplierName} — {booking.standName}, {booking.when}
                </h3>
                <NoteThreads threads={booking.notes} formPrefix={`rdv-${booking.id}`} />
                {booking.notes.length === 0 ? (
                  <NoteForm
                    formId={`note-${booking.slotId}`}
                    slotId={booking.slotId}
                    label="Compte rendu de l’entretien"
                    submitLabel="Enregistrer le compte rendu"
                  />
                ) : null}
              </section>
            ))
          )
        ) : page.isOrganizer ? (
          <>
            <NoteThreads threads={page.meetingNotes} formPrefix="reunion" />
            <h3>{page.meetingNotes.length === 0 ? "Écrire le compte rendu" : "Ajouter un autre compte rendu"}</h3>
            <NoteForm
              formId="note-reunion"
              label="Compte rendu de la réunion"
              submitLabel="Enregistrer le compte rendu"
            />
          </>
        ) : null}
      </section>

      {page.isOrganizer ? (
        <section aria-labelledby="supports">
          <h2 id="supports">Supports : diaporama, enregistrement</h2>
          <p className="notice">
            Les supports publiés sont <strong>publics</strong> : ils s’affichent sur la page de l’événement pour toutes
            les entreprises, pas seulement pour celles qui étaient présentes. Un message identique les annonce à toutes
            les entreprises inscrites ou ayant réservé un créneau, présentes ou non. C’est ce qui garantit que chacune
            dispose de la même information.
          </p>
          {page.materials.length > 0 ? (
            <ul>
              {page.materials.map((material) => (
                <li key={material.id}>
                  {MATERIAL_KIND_LABELS[material.kind as keyof typeof MATERIAL_KIND_LABELS] ?? material.kind} :{" "}
                  <a href={material.url}>{material.title}</a>{" "}
                  <span className="muted">(publié le {formatInstant(material.publishedAt)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun support publié pour l’instant.</p>
          )}
          <MaterialForm />
        </section>
      ) : null}
    </>
  );
}
