// The plain fields of app/ui/form.tsx (forms that Conform does not drive), rendered as the server
// sends them: the label names the control, the hint and the error are linked to it, the error is
// marked invalid and shown next to it, and what was typed is kept.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  FormError,
  PlainCheckboxField,
  PlainChoiceField,
  PlainSelectField,
  PlainTextAreaField,
  PlainTextField,
} from "~/ui/form";

describe("plain fields", () => {
  it("links a text field to its hint and its error, keeps the input, and marks it invalid", () => {
    const html = renderToStaticMarkup(
      <PlainTextField
        id="details-title"
        name="title"
        label="Titre"
        hint="Ce que les entreprises liront d'abord."
        error="Donnez un titre (au moins 5 caractères)."
        defaultValue="Toit"
      />,
    );
    expect(html).toContain('<label for="details-title">Titre</label>');
    expect(html).toContain(
      '<span class="hint" id="details-title-hint">Ce que les entreprises liront d&#x27;abord.</span>',
    );
    expect(html).toMatch(
      /<input id="details-title" aria-invalid="true" aria-describedby="details-title-hint details-title-error" name="title" type="text" value="Toit"\/>/,
    );
    expect(html).toContain(
      '<ul class="field-error" id="details-title-error"><li>Donnez un titre (au moins 5 caractères).</li></ul>',
    );
  });

  it("without an error, points only to the hint and is not marked invalid", () => {
    const html = renderToStaticMarkup(
      <PlainTextAreaField id="emails" name="emails" label="Adresses e-mail" hint="Une par ligne." rows={3} />,
    );
    expect(html).toContain('<textarea id="emails" aria-describedby="emails-hint" name="emails" rows="3"></textarea>');
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain("field-error");
  });

  it("offers a select's choices with an optional empty one, the stored value selected", () => {
    const html = renderToStaticMarkup(
      <PlainSelectField
        id="taille"
        name="taille"
        label="Taille"
        placeholder="Toutes"
        defaultValue="PME"
        options={[
          { value: "TPE", label: "Très petite entreprise" },
          { value: "PME", label: "Petite ou moyenne entreprise" },
        ]}
      />,
    );
    expect(html).toContain('<option value="">Toutes</option>');
    expect(html).toContain('<option value="PME" selected="">Petite ou moyenne entreprise</option>');
  });

  it("groups choices in a fieldset whose legend is the question, with the error linked to the group", () => {
    const html = renderToStaticMarkup(
      <PlainChoiceField
        id="answer-q3"
        name="a.q3"
        legend="3. Quel délai ?"
        type="radio"
        error="Choisissez une réponse."
        defaultValues={["c2"]}
        options={[
          { value: "c1", label: "Moins d'un mois" },
          { value: "c2", label: "Un à trois mois" },
          { value: "c3", label: "Plus", disabled: true },
        ]}
      />,
    );
    expect(html).toMatch(
      /^<div class="field"><fieldset id="answer-q3" aria-describedby="answer-q3-error" aria-invalid="true"><legend>3\. Quel délai \?<\/legend>/,
    );
    expect(html).toContain('<input type="radio" name="a.q3" checked="" value="c2"/>Un à trois mois');
    expect(html).toContain('<input type="radio" name="a.q3" disabled="" value="c3"/>Plus');
    expect(html).toContain(
      '<ul class="field-error" id="answer-q3-error"><li>Choisissez une réponse.</li></ul></fieldset>',
    );
  });

  it("labels a single checkbox, and shows a form's message as an alert", () => {
    expect(
      renderToStaticMarkup(<PlainCheckboxField name="required" label="Réponse obligatoire" defaultChecked />),
    ).toBe(
      '<div class="field"><label class="choice"><input type="checkbox" name="required" checked=""/> Réponse obligatoire</label></div>',
    );
    expect(renderToStaticMarkup(<FormError errors="Action inconnue." />)).toBe(
      '<div class="form-error" role="alert"><p>Action inconnue.</p></div>',
    );
    expect(renderToStaticMarkup(<FormError errors={null} />)).toBe("");
  });
});
