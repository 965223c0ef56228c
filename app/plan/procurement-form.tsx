// The planned-procurement form, shared by the "new" and "edit" pages. Works without JavaScript:
// lots are added and removed with submit buttons (Conform intents handled on the server), and a
// refused date comes back with a "Utiliser le …" button that puts the proposed date in the field.
import { getFormProps, useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { formatDateFr } from "~/calendar/dates";
import {
  DateField,
  ErrorList,
  FormError,
  type LiveCheckOptions,
  RadioField,
  SelectField,
  TextAreaField,
  TextField,
  VALIDATION_TIMING,
} from "~/ui/form";
import type { CheckedDateField } from "./date-rules";
import { FORM_STATUS_HINTS, FORM_STATUSES, MAX_LOTS, plannedProcurementSchema } from "./schema";
import { CATEGORIES, PROCEDURES, RESERVED, STATUSES, VALUE_BANDS, optionsOf } from "./vocabulary";

export type ProcurementFormValue = z.input<typeof plannedProcurementSchema>;
export type DateProposals = Partial<Record<CheckedDateField, { for: string; date: string }>>;

export interface DensityNoticeData {
  weekStart: string;
  launches: number;
  threshold: number;
  departementLabel: string;
  territoryUrl: string;
}

export function DensityNoticeBox({ notice }: { notice: DensityNoticeData | null | undefined }) {
  if (!notice) return null;
  return (
    <div className="notice" role="status">
      <p>
        <strong>Semaine chargée.</strong> La semaine du {formatDateFr(notice.weekStart)}, {notice.launches} autre
        {notice.launches > 1 ? "s" : ""} lancement
        {notice.launches > 1 ? "s sont" : " est"} déjà prévu{notice.launches > 1 ? "s" : ""} par les acheteurs de votre
        département ({notice.departementLabel}). Les entreprises, surtout les plus petites, répondent mieux quand les
        consultations sont étalées : si vous le pouvez, choisissez une semaine plus calme.
      </p>
      <p>
        <a href={notice.territoryUrl}>Voir les semaines les plus chargées du territoire</a>
      </p>
    </div>
  );
}

const STATUS_OPTIONS = FORM_STATUSES.map((status) => ({
  value: status,
  label: STATUSES[status],
  hint: FORM_STATUS_HINTS[status],
}));

type AnyField = FieldMetadata<string | undefined | null>;

export function ProcurementForm({
  id,
  lastResult,
  defaultValue,
  proposals,
  live,
  submitLabel,
  version,
  needsJustification,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  /** Stored values (strings as saved; enumerations are not narrowed). */
  defaultValue?: { [Key in keyof ProcurementFormValue]?: unknown };
  proposals?: DateProposals;
  live: Omit<LiveCheckOptions, "windowFrom" | "procedure">;
  submitLabel: string;
  /** updatedAt of the stored procurement (editing), to detect a concurrent change. */
  version?: string;
  /** Date fields whose saved value needed a justification (editing). */
  needsJustification?: Partial<Record<CheckedDateField, boolean>>;
}) {
  const [form, fields] = useForm<ProcurementFormValue>({
    id,
    lastResult,
    defaultValue: { reserved: "none", status: "planned", ...defaultValue } as Partial<ProcurementFormValue>,
    constraint: getZodConstraint(plannedProcurementSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: plannedProcurementSchema }),
  });
  const field = (name: keyof ProcurementFormValue) => fields[name] as unknown as AnyField;
  const lots = fields.lots.getFieldList();
  const anyForm = form as unknown as FormMetadata<Record<string, unknown>>;
  const publication =
    typeof fields.expectedPublicationDate.value === "string" ? fields.expectedPublicationDate.value : null;
  const procedure = typeof fields.procedure.value === "string" ? fields.procedure.value : null;
  const showJustification = (
    date: CheckedDateField,
    justification: "publicationJustification" | "deadlineJustification",
  ) =>
    Boolean(fields[justification].value) ||
    Boolean(fields[justification].errors?.length) ||
    Boolean(needsJustification?.[date]);

  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      {/* Enter in a field submits with the form's first button: make it the real one, not "Ajouter un lot". */}
      <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {submitLabel}
      </button>
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <FormError id={form.errorId} errors={form.errors} />

      <fieldset className="field">
        <legend>
          <h2>L'achat</h2>
        </legend>
        <TextField
          field={field("title")}
          label="Intitulé"
          hint="Ce que vous achetez, en quelques mots : « Réfection de la toiture du gymnase ». "
        />
        <TextAreaField
          field={field("need")}
          label="Le besoin, en mots simples"
          hint="Ce que vous voulez acheter, pour quoi faire, où, en quelle quantité : les entreprises décident d'après ce texte si l'achat les concerne."
          rows={6}
        />
        <SelectField field={field("category")} label="Catégorie" options={optionsOf(CATEGORIES)} />
        <TextField
          field={field("cpvCode")}
          label="Code CPV principal"
          hint={
            <>
              8 chiffres, suivis de la clé si vous la connaissez : 45210000-2 pour des travaux de construction de
              bâtiments. Vous le trouverez sur{" "}
              <a href="https://simap.ted.europa.eu/fr/web/simap/cpv" rel="noreferrer">
                le site du vocabulaire commun des marchés publics
              </a>
              .
            </>
          }
          inputMode="text"
        />
        <SelectField
          field={field("valueBand")}
          label="Montant estimé"
          options={optionsOf(VALUE_BANDS)}
          hint="Pour toute la durée du contrat, hors taxes."
        />
        <TextField field={field("reference")} label="Votre référence interne (facultatif)" />
      </fieldset>

      <fieldset className="field">
        <legend>
          <h2>Lots</h2>
        </legend>
        <p className="hint" id={`${form.id}-lots-hint`}>
          Si le marché sera découpé en lots, donnez un intitulé à chacun (au plus {MAX_LOTS}). Sans lot, il sera
          attribué d'un seul tenant.
        </p>
        {lots.length === 0 ? <p className="muted">Aucun lot pour l'instant.</p> : null}
        {lots.map((lot, index) => {
          const lotFields = lot.getFieldset();
          return (
            <fieldset key={lot.key} className="field">
              <legend>Lot {index + 1}</legend>
              <TextField field={lotFields.title} label={`Intitulé du lot ${index + 1}`} />
              <TextAreaField
                field={lotFields.description}
                label={`Précisions sur le lot ${index + 1} (facultatif)`}
                rows={2}
              />
              <button
                type="submit"
                className="button--secondary"
                {...form.remove.getButtonProps({ name: fields.lots.name, index })}
              >
                Retirer le lot {index + 1}
              </button>
            </fieldset>
          );
        })}
        <ErrorList id={fields.lots.errorId} errors={fields.lots.errors} />
        {lots.length < MAX_LOTS ? (
          <button
            type="submit"
            className="button--secondary"
            {...form.insert.getButtonProps({ name: fields.lots.name })}
          >
            Ajouter un lot
          </button>
        ) : null}
      </fieldset>

      <fieldset className="field">
        <legend>
          <h2>Procédure et public visé</h2>
        </legend>
        <SelectField
          field={field("procedure")}
          label="Procédure envisagée"
          options={optionsOf(PROCEDURES)}
          hint="Elle fixe le délai de réponse minimal que vérifie Amont."
        />
        <RadioField field={field("reserved")} legend="Marché réservé" options={optionsOf(RESERVED)} />
        <TextAreaField
          field={field("socialConsideration")}
          label="Considération sociale (facultatif)"
          hint="Par exemple : heures d'insertion demandées au titulaire, clause d'égalité professionnelle."
          rows={3}
        />
        <TextAreaField
          field={field("environmentalConsideration")}
          label="Considération environnementale"
          hint="Depuis 2026, chaque marché en comporte une : matériaux biosourcés, réemploi, circuits courts, réduction des déchets…"
          rows={3}
        />
      </fieldset>

      <fieldset className="field">
        <legend>
          <h2>Calendrier</h2>
        </legend>
        <p className="hint">
          Amont vérifie les dates avec les vacances scolaires de votre zone, les jours fériés, les périodes de trêve et
          les périodes bloquées par votre organisation, et vous propose la prochaine date possible.
        </p>
        <DateField
          form={anyForm}
          field={field("expectedPublicationDate")}
          label="Date de publication prévue de la consultation"
          proposal={proposals?.expectedPublicationDate}
          live={{ ...live }}
        />
        {showJustification("expectedPublicationDate", "publicationJustification") ? (
          <TextAreaField
            field={field("publicationJustification")}
            label="Pourquoi publier à cette date ?"
            hint="Cette justification sera publiée avec l'achat."
            rows={3}
          />
        ) : null}
        <DateField
          form={anyForm}
          field={field("responseDeadline")}
          label="Date limite de réponse prévue"
          hint="Amont compte les jours ouvrés entre la publication et cette date, sans les week-ends, jours fériés et périodes bloquées."
          proposal={proposals?.responseDeadline}
          live={{ ...live, windowFrom: publication, procedure }}
        />
        {showJustification("responseDeadline", "deadlineJustification") ? (
          <TextAreaField
            field={field("deadlineJustification")}
            label="Pourquoi clore les réponses à cette date ?"
            hint="Cette justification sera publiée avec l'achat."
            rows={3}
          />
        ) : null}
        <TextField field={field("contractStart")} label="Début prévu du contrat (facultatif)" type="date" />
        <TextField
          field={field("contractDurationMonths")}
          label="Durée du contrat en mois (facultatif)"
          type="number"
          inputMode="numeric"
        />
      </fieldset>

      <fieldset className="field">
        <legend>
          <h2>Contact</h2>
        </legend>
        <TextField field={field("contactName")} label="Personne à contacter" autoComplete="name" />
        <TextField
          field={field("contactEmail")}
          label="Son adresse électronique"
          type="email"
          autoComplete="email"
          hint="Elle sera publiée avec l'achat."
        />
      </fieldset>

      <fieldset className="field">
        <legend>
          <h2>Avancement</h2>
        </legend>
        <RadioField field={field("status")} legend="Où en est cet achat ?" options={STATUS_OPTIONS} />
        <TextField
          field={field("buyerProfileUrl")}
          label="Lien vers la consultation sur votre profil d'acheteur"
          type="url"
          hint="Obligatoire une fois la consultation publiée."
        />
      </fieldset>

      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
