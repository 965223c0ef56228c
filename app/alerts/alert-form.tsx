// The alert form, shared by the "new" and "edit" pages. Works without JavaScript: every field posts
// as is, the server answers with the French message next to the field and the input kept; with
// JavaScript, Conform shows the same messages from the same schema as soon as a field is left.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { CheckboxListField, FormError, RadioField, TextField, VALIDATION_TIMING } from "~/ui/form";
import {
  alertSchema,
  CATEGORY_OPTIONS,
  CONDITION_OPTIONS,
  EMPTY_WEEK_OPTIONS,
  FREQUENCY_OPTIONS,
  KEYWORD_MAX_LENGTH,
  MAX_KEYWORDS,
  REGION_OPTIONS,
} from "./schema";

export function AlertForm({
  id,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string | string[]>;
  submitLabel: string;
}) {
  const [form, fields] = useForm<z.input<typeof alertSchema>, z.output<typeof alertSchema>>({
    id,
    lastResult,
    // Stored values, lists written back as text (formValuesOf in ./schema).
    defaultValue: defaultValue ?? { frequency: "weekly", emptyWeek: "nothing" },
    constraint: getZodConstraint(alertSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: alertSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormError id={form.errorId} errors={form.errors} />
      <TextField
        field={fields.name}
        label="Nom de l'alerte"
        hint="Pour la reconnaître dans vos courriels, par exemple « Menuiserie dans le Rhône »."
      />
      <fieldset>
        <legend>Ce qui vous intéresse</legend>
        <p className="hint">
          Remplissez seulement ce qui compte pour vous : un achat doit remplir chaque critère choisi, et un critère
          laissé vide ne filtre rien.
        </p>
        <TextField
          field={fields.cpvDivisions}
          label="Divisions CPV (facultatif)"
          inputMode="numeric"
          hint="Les deux premiers chiffres du code CPV, séparés par des virgules : 45 pour les travaux de construction, 77 pour les espaces verts, 90 pour le nettoyage. Un code complet (45210000-2) compte pour sa division."
        />
        <TextField
          field={fields.departements}
          label="Départements (facultatif)"
          hint="Leurs numéros, séparés par des virgules : 69, 01, 2A."
        />
        <CheckboxListField
          field={fields.regions}
          legend="Régions (facultatif)"
          hint="Avec des départements, un achat dans l'un d'eux ou dans l'une de ces régions convient."
          options={REGION_OPTIONS}
        />
        <CheckboxListField field={fields.categories} legend="Catégories (facultatif)" options={CATEGORY_OPTIONS} />
        <CheckboxListField field={fields.conditions} legend="Conditions (facultatif)" options={CONDITION_OPTIONS} />
        <TextField
          field={fields.keywords}
          label="Mots-clés (facultatif)"
          hint={`Jusqu'à ${MAX_KEYWORDS} mots ou expressions de ${KEYWORD_MAX_LENGTH} caractères au plus, séparés par des virgules. Un achat convient s'il contient l'un d'eux (sans tenir compte des majuscules ni des accents ; « menuiser » trouve « menuiserie »).`}
        />
      </fieldset>
      <RadioField field={fields.frequency} legend="Quand vous prévenir" options={FREQUENCY_OPTIONS} />
      <RadioField
        field={fields.emptyWeek}
        legend="Une semaine sans nouveauté (récapitulatif hebdomadaire)"
        options={EMPTY_WEEK_OPTIONS}
      />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
