// The builder's forms turned into draft operations (pure): which operation each intent asks for,
// which form an error goes back to, what the toast says; and the details form's parsing.
import { describe, expect, it } from "vitest";
import {
  formValues,
  parseDetails,
  QUESTION_GONE_MESSAGE,
  structureIntent,
  UNKNOWN_INTENT_MESSAGE,
} from "~/sourcing/builder-intents";
import {
  closingRefusal,
  ALREADY_CLOSED_MESSAGE,
  DEADLINE_PASSED_MESSAGE,
  NOT_PUBLISHED_MESSAGE,
} from "~/sourcing/closing";
import { CONTENT } from "./fixtures";

const fixedId = (prefix: string) => `${prefix}-nouveau`;

describe("structureIntent", () => {
  it("maps the part forms to their operations, keyed by the part", () => {
    expect(structureIntent("add_section", { sectionTitle: "  Vos moyens  " }, CONTENT)).toEqual({
      ok: true,
      key: "structure",
      operation: { op: "add_section", title: "Vos moyens" },
      toast: "Brouillon enregistré.",
    });
    expect(structureIntent("rename_section", { sectionId: "s1", sectionTitle: "Votre société" }, CONTENT)).toEqual({
      ok: true,
      key: "section:s1",
      operation: { op: "rename_section", sectionId: "s1", title: "Votre société" },
      toast: "Brouillon enregistré.",
    });
    expect(structureIntent("remove_section", { sectionId: "s1" }, CONTENT)).toMatchObject({
      key: "section:s1",
      operation: { op: "remove_section", sectionId: "s1" },
    });
    expect(structureIntent("section_down", { sectionId: "s1" }, CONTENT)).toEqual({
      ok: true,
      key: "section:s1",
      operation: { op: "move_section", sectionId: "s1", direction: "down" },
      toast: "Ordre modifié.",
    });
    // A part title is cut at 200 characters rather than refused.
    const long = structureIntent("add_section", { sectionTitle: "x".repeat(250) }, CONTENT);
    expect(long.ok && long.operation.op === "add_section" && long.operation.title.length).toBe(200);
  });

  it("maps the question forms to their operations, keyed by the question or by the part it is added to", () => {
    expect(structureIntent("move_up", { questionId: "q2" }, CONTENT)).toEqual({
      ok: true,
      key: "question:q2",
      operation: { op: "move_question", questionId: "q2", direction: "up" },
      toast: "Ordre modifié.",
    });
    expect(structureIntent("remove_question", { questionId: "q2" }, CONTENT)).toMatchObject({
      key: "question:q2",
      operation: { op: "remove_question", questionId: "q2" },
      toast: "Brouillon enregistré.",
    });
    const added = structureIntent(
      "add_question",
      { sectionId: "s1", label: "Avez-vous une certification Qualibat ?", type: "yes_no", required: "on" },
      CONTENT,
      fixedId,
    );
    expect(added).toEqual({
      ok: true,
      key: "add:s1",
      operation: {
        op: "add_question",
        sectionId: "s1",
        question: {
          id: "q-nouveau",
          type: "yes_no",
          label: "Avez-vous une certification Qualibat ?",
          help: "",
          required: true,
          unit: "",
          min: null,
          max: null,
          choices: [],
        },
      },
      toast: "Question ajoutée.",
    });
  });

  it("keeps an edited question's id and the ids of its unchanged choices; an unchecked box means optional", () => {
    const edited = structureIntent(
      "update_question",
      {
        questionId: "q3",
        label: "Quel délai de mobilisation ?",
        type: "single_choice",
        choices: "Moins d'un mois\nUn à trois mois\nSix mois",
      },
      CONTENT,
      fixedId,
    );
    expect(edited.ok).toBe(true);
    if (!edited.ok || edited.operation.op !== "update_question") throw new Error("expected an update");
    expect(edited.key).toBe("question:q3");
    expect(edited.operation.question).toMatchObject({
      id: "q3",
      required: false,
      label: "Quel délai de mobilisation ?",
    });
    expect(edited.operation.question.choices.slice(0, 2)).toEqual([
      { id: "c1", label: "Moins d'un mois" },
      { id: "c2", label: "Un à trois mois" },
    ]);
    expect(edited.operation.question.choices[2]!.label).toBe("Six mois");
  });

  it("sends errors back to the form that caused them", () => {
    expect(structureIntent("add_question", { sectionId: "s1", label: "", type: "single_choice" }, CONTENT)).toEqual({
      ok: false,
      key: "add:s1",
      status: 400,
      fieldErrors: { label: "Écrivez la question.", choices: "Écrivez au moins deux choix, un par ligne." },
    });
    expect(
      structureIntent("update_question", { questionId: "q9", label: "Une question", type: "short_text" }, CONTENT),
    ).toEqual({ ok: false, key: "question:q9", status: 404, message: QUESTION_GONE_MESSAGE });
    expect(structureIntent("supprimer_tout", {}, CONTENT)).toEqual({
      ok: false,
      key: "structure",
      status: 400,
      message: UNKNOWN_INTENT_MESSAGE,
    });
  });
});

describe("the details form", () => {
  it("parses the title, introduction and deadline, an empty deadline meaning none", () => {
    expect(parseDetails({ title: " Toitures ", introduction: "Un besoin.", deadline: "" })).toEqual({
      ok: true,
      value: { title: "Toitures", introduction: "Un besoin.", deadline: undefined },
    });
    expect(parseDetails({ title: "Toit", introduction: "", deadline: "12/03/2027" })).toEqual({
      ok: false,
      fieldErrors: { title: "Donnez un titre (au moins 5 caractères).", deadline: "Écrivez une date valide." },
    });
  });

  it("keeps the first value of each posted field, to show the form again", () => {
    const form = new FormData();
    form.append("intent", "details");
    form.append("title", "Premier");
    form.append("title", "Second");
    form.append("file", new Blob(["x"]), "x.txt");
    expect(formValues(form)).toEqual({ intent: "details", title: "Premier" });
  });
});

describe("closingRefusal", () => {
  const today = "2027-03-10";
  it("lets a published, still open questionnaire be closed, and says why not otherwise", () => {
    expect(closingRefusal({ status: "published", openUntil: "2027-03-10", closedEarlyAt: null }, today)).toBeNull();
    expect(closingRefusal({ status: "published", openUntil: "2027-03-09", closedEarlyAt: null }, today)).toBe(
      DEADLINE_PASSED_MESSAGE,
    );
    expect(closingRefusal({ status: "draft", openUntil: null, closedEarlyAt: null }, today)).toBe(
      NOT_PUBLISHED_MESSAGE,
    );
    expect(closingRefusal({ status: "published", openUntil: "2027-04-01", closedEarlyAt: new Date() }, today)).toBe(
      ALREADY_CLOSED_MESSAGE,
    );
  });
});
