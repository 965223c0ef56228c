// The sourcing pages' small forms (pure): the list of addresses to invite, and the French messages of
// the clarification and new-questionnaire forms.
import { describe, expect, it } from "vitest";
import {
  clarificationAnswerSchema,
  clarificationQuestionSchema,
  newQuestionnaireSchema,
  parseEmailList,
} from "~/sourcing/forms";

describe("parseEmailList", () => {
  it("splits on spaces, commas, semicolons and lines, and names the invalid addresses", () => {
    expect(parseEmailList(" devis@couvreur.fr, contact@toits.fr;\nnimporte quoi\n")).toEqual({
      emails: ["devis@couvreur.fr", "contact@toits.fr", "nimporte", "quoi"],
      invalid: ["nimporte", "quoi"],
    });
    expect(parseEmailList("   ")).toEqual({ emails: [], invalid: [] });
  });
});

describe("form schemas", () => {
  it("answer in French", () => {
    const short = clarificationQuestionSchema.safeParse({ question: "Quand ?" });
    expect(short.success ? null : short.error.issues[0]!.message).toBe(
      "Écrivez votre question (au moins 10 caractères).",
    );
    const answer = clarificationAnswerSchema.safeParse({ clarificationId: "c1", publishedQuestion: "x", answer: "" });
    expect(answer.success ? [] : answer.error.issues.map((issue) => issue.message)).toEqual([
      "Écrivez la question telle qu'elle sera publiée (au moins 10 caractères).",
      "Écrivez votre réponse (au moins 5 caractères).",
    ]);
    const created = newQuestionnaireSchema.safeParse({ plannedProcurementId: "", title: " Toitures du gymnase " });
    expect(created.success ? null : created.error.issues.map((issue) => issue.message)).toEqual([
      "Choisissez l'achat prévu concerné.",
    ]);
  });
});
