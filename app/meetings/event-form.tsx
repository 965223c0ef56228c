// The buyer's event form (new and edit) and the stand form. Work without JavaScript: a refused day
// comes back with a "Utiliser le …" button that puts the proposed day in the field.
import { getFormProps, useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { DEPARTEMENTS_SORTED } from "~/territory/departements";
import {
  CheckboxListField,
  DateField,
  FormError,
  type LiveCheckOptions,
  RadioField,
  SelectField,
  TextAreaField,
  TextField,
  VALIDATION_TIMING,
} from "~/ui/form";
import { eventSchema, standSchema } from "./event-schema";
import { EVENT_KIND_HINTS, EVENT_KINDS, LUNCHTIME } from "./kinds";

type AnyField = FieldMetadata<string | undefined | null>;
export type EventFormValue = z.input<typeof eventSchema>;
export type StandFormValue = z.input<typeof standSchema>;

const KIND_OPTIONS = Object.entries(EVENT_KINDS).map(([value, label]) => ({
  value,
  label,
  hint: EVENT_KIND_HINTS[value as keyof typeof EVENT_KINDS],
}));
const DEPARTEMENT_OPTIONS = DEPARTEMENTS_SORTED.map((departement) => ({
  value: departement.code,
  label: `${departement.code} — ${departement.name}`,
}));

export function EventForm({
  id,
  lastResult,
  defaultValue,
  proposal,
  live,
  relays,
  procurements,
  submitLabel,
  kindLocked,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: { [Key in keyof EventFormValue]?: unknown };
  proposal?: { for: string; date: string } | null;
  live: Omit<LiveCheckOptions, "windowFrom" | "procedure">;
  relays: { id: string; name: string }[];
  procurements: { id: string; title: string }[];
  submitLabel: string;
  kindLocked?: boolean;
}) {
  const [form, fields] = useForm<EventFormValue>({
    id,
    lastResult,
    defaultValue: defaultValue as Partial<EventFormValue>,
    constraint: getZodConstraint(eventSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventSchema }),
  });
  const field = (name: keyof EventFormValue) => fields[name] as unknown as AnyField;
  const kind = typeof fields.kind.value === "string" ? fields.kind.value : undefined;
  const showJustification = Boolean(fields.dateJustification.value) || Boolean(fields.dateJustification.errors?.length);
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      <input type="hidden" name="_form" value="event" />
      <FormError id={form.errorId} errors={form.errors} />
      <fieldset className="field">
        <legend>
          <h2>L'événement</h2>
        </legend>
        {kindLocked ? (
          <input type="hidden" name={fields.kind.name} value={String(fields.kind.initialValue ?? "")} />
        ) : (
          <RadioField field={field("kind")} legend="Type d'événement" options={KIND_OPTIONS} />
        )}
        <TextField
          field={field("title")}
          label="Titre"
          hint="Par exemple : « Salon inversé de l'entretien des bâtiments »."
        />
        <TextAreaField
          field={field("description")}
          label="Présentation"
          hint="Pour qui, pour quoi, comment se déroule l'événement. Ce texte est public."
          rows={6}
        />
        <SelectField
          field={field("coHostOrganizationId")}
          label="Co-organisé avec (facultatif)"
          options={relays.map((relay) => ({ value: relay.id, label: relay.name }))}
          placeholder="Aucun réseau"
          hint="Une CCI, une CMA, une CRESS… qui relaie l'événement."
        />
        <CheckboxListField
          field={fields.plannedProcurementIds}
          legend="Achats prévus présentés (facultatif)"
          hint="Les achats de votre programmation dont il sera question. Seuls ceux déjà publiés dans une édition apparaissent sur la page publique."
          options={procurements.map((procurement) => ({ value: procurement.id, label: procurement.title }))}
        />
      </fieldset>

      <fieldset className="field">
        <legend>
          <h2>Lieu</h2>
        </legend>
        <SelectField
          field={field("departement")}
          label="Département"
          options={DEPARTEMENT_OPTIONS}
          hint="Celui du lieu ; pour un événement en ligne, celui de votre organisation."
        />
        <TextField
          field={field("location")}
          label="Adresse (pour un événement en salle)"
          hint="Salle, numéro, rue, code postal et commune."
        />
        <TextField
          field={field("onlineUrl")}
          label="Lien de connexion (pour un événement en ligne)"
          type="url"
          hint="Il n'est pas publié : il est envoyé aux inscrits, tous en même temps."
        />
      </fieldset>

      <fieldset className="field">
        <legend>
          <h2>Date et heures</h2>
        </legend>
        <p className="hint">
          Amont vérifie le jour avec les vacances scolaires de votre zone, les jours fériés, les périodes de trêve et
          vos périodes bloquées, et vous propose le prochain jour possible. Heures de Paris.
        </p>
        <DateField
          form={form as unknown as FormMetadata<Record<string, unknown>>}
          field={field("date")}
          label="Jour de l'événement"
          proposal={proposal}
          live={live}
        />
        {showJustification ? (
          <TextAreaField
            field={field("dateJustification")}
            label="Pourquoi ce jour-là ?"
            hint="Cette justification sera publiée avec l'événement."
            rows={3}
          />
        ) : null}
        <TextField field={field("startTime")} label="Heure de début" type={"time" as "text"} />
        <TextField field={field("endTime")} label="Heure de fin" type={"time" as "text"} />
        {kind === "webinar" ? (
          <p className="notice">
            Conseil : un webinaire de {LUNCHTIME.start} à {LUNCHTIME.end}, pendant la pause de midi, permet aux
            dirigeants de petites entreprises d'y assister sans quitter leur chantier ou leur atelier.{" "}
            <button
              type="submit"
              className="button--secondary"
              {...form.update.getButtonProps({ name: fields.startTime.name, value: LUNCHTIME.start })}
            >
              Commencer à {LUNCHTIME.start}
            </button>{" "}
            <button
              type="submit"
              className="button--secondary"
              {...form.update.getButtonProps({ name: fields.endTime.name, value: LUNCHTIME.end })}
            >
              Finir à {LUNCHTIME.end}
            </button>
          </p>
        ) : null}
        <TextField
          field={field("registrationDeadline")}
          label="Inscriptions et réservations jusqu'au"
          type={"datetime-local" as "text"}
          hint="Date et heure, par exemple la veille à 18:00."
        />
        <TextField
          field={field("cancellationCutoff")}
          label="Annulation en ligne possible jusqu'au (facultatif)"
          type={"datetime-local" as "text"}
          hint="Sans date, une entreprise peut annuler jusqu'au début de son rendez-vous."
        />
        <TextField
          field={field("capacity")}
          label="Nombre de places (webinaire ou réunion)"
          type="number"
          inputMode="numeric"
          hint="Au-delà, les inscriptions vont en liste d'attente."
        />
      </fieldset>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

const SLOT_OPTIONS = [
  { value: "15", label: "15 minutes" },
  { value: "20", label: "20 minutes" },
  { value: "30", label: "30 minutes" },
];

export function StandForm({
  lastResult,
  buyers,
  procurements,
  defaultValue,
  submitLabel = "Ajouter le stand",
}: {
  lastResult?: SubmissionResult<string[]> | null;
  buyers: { id: string; name: string }[];
  procurements: { id: string; title: string; organizationName: string }[];
  defaultValue: { [Key in keyof StandFormValue]?: unknown };
  submitLabel?: string;
}) {
  const [form, fields] = useForm({
    id: "stand",
    lastResult,
    defaultValue: defaultValue as Record<string, string | undefined>,
    constraint: getZodConstraint(standSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: standSchema }),
  });
  const field = (name: keyof StandFormValue) => fields[name as keyof typeof fields] as unknown as AnyField;
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="_form" value="stand" />
      <FormError id={form.errorId} errors={form.errors} />
      <SelectField
        field={field("organizationId")}
        label="Acheteur qui tient le stand"
        options={buyers.map((buyer) => ({ value: buyer.id, label: buyer.name }))}
        hint="Un salon peut réunir plusieurs acheteurs : chacun tient son stand."
      />
      <TextField field={field("name")} label="Nom du stand" hint="Par exemple : « Entretien des bâtiments »." />
      <TextAreaField
        field={field("needs")}
        label="Besoins présentés"
        hint="Ce que l'acheteur veut découvrir ou acheter. Ce texte est public."
        rows={4}
      />
      <CheckboxListField
        field={field("plannedProcurementIds") as unknown as FieldMetadata<string[] | undefined>}
        legend="Achats prévus liés (facultatif)"
        hint="Des achats de l'acheteur qui tient le stand."
        options={procurements.map((procurement) => ({
          value: procurement.id,
          label: `${procurement.title} (${procurement.organizationName})`,
        }))}
      />
      <TextField field={field("opensAt")} label="Ouverture du stand" type={"time" as "text"} />
      <TextField field={field("closesAt")} label="Fermeture du stand" type={"time" as "text"} />
      <SelectField
        field={field("slotMinutes")}
        label="Durée d'un rendez-vous"
        options={SLOT_OPTIONS}
        placeholder={null}
      />
      <TextField
        field={field("breaks")}
        label="Pauses (facultatif)"
        hint="Par exemple : 10:30-10:45, 12:00-13:30. Aucun rendez-vous n'y est proposé."
      />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
