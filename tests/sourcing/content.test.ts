// The pure rules of questionnaires: canonical serialisation and hash, answer validation, carrying
// answers over to a new version, builder moves, CSV quoting.
import { describe, expect, it } from "vitest";
import { applyOperation } from "~/sourcing/builder";
import {
  carryOverAnswers,
  freezeVersion,
  readVersion,
  validateAnswers,
  type QuestionnaireContent,
} from "~/sourcing/content";
import { responsesCsv } from "~/sourcing/summary";
import { CONTENT } from "./fixtures";

const BASE = { title: "Titre", introduction: "Intro", deadline: "2027-01-29" };

describe("canonical versions", () => {
  it("gives one text and one hash whatever the key order, and a different hash for any change", () => {
    const shuffled = JSON.parse(JSON.stringify(CONTENT), (_key, value: unknown) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse())
        : value,
    ) as QuestionnaireContent;
    const a = freezeVersion({ ...BASE, content: CONTENT });
    const b = freezeVersion({ ...BASE, content: shuffled });
    expect(b).toEqual(a);
    expect(a.content).not.toMatch(/\s"|:\s/);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(freezeVersion({ ...BASE, deadline: "2027-01-28", content: CONTENT }).contentHash).not.toBe(a.contentHash);
    expect(readVersion(a.content)).toEqual({ ...BASE, content: CONTENT });
  });
});

describe("answers", () => {
  it("accepts French numbers and stores typed values", () => {
    const result = validateAnswers(CONTENT, { q1: " Couverture ", q2: "12,5", q3: "c1", q4: "no", q5: "3" }, "submit");
    expect(result).toMatchObject({ ok: true, answers: { q1: "Couverture", q2: 12.5, q3: "c1", q4: "no", q5: 3 } });
  });

  it("lets a draft skip required questions but not break types", () => {
    expect(validateAnswers(CONTENT, { q3: "c2" }, "draft").ok).toBe(true);
    expect(validateAnswers(CONTENT, { q3: "c2" }, "submit").fieldErrors).toEqual({
      q1: "Cette question est obligatoire.",
      q2: "Cette question est obligatoire.",
    });
    expect(validateAnswers(CONTENT, { q3: ["c1", "c2"] }, "draft").fieldErrors.q3).toBe(
      "Choisissez une des réponses proposées.",
    );
  });

  it("carries over only answers to unchanged questions", () => {
    const next = structuredClone(CONTENT);
    next.sections[0]!.questions[2]!.choices.push({ id: "c4", label: "Jamais" });
    expect(carryOverAnswers(CONTENT, next, { q1: "a", q3: "c1", gone: "x" })).toEqual({ q1: "a" });
  });
});

describe("builder", () => {
  it("moves a question up, and across parts at the edge", () => {
    const two: QuestionnaireContent = { sections: [CONTENT.sections[0]!, { id: "s2", title: "Deux", questions: [] }] };
    const up = applyOperation(two, { op: "move_question", questionId: "q2", direction: "up" });
    expect(up.ok && up.content.sections[0]!.questions.map((q) => q.id)).toEqual(["q2", "q1", "q3", "q4", "q5"]);
    const down = applyOperation(two, { op: "move_question", questionId: "q5", direction: "down" });
    expect(down.ok && down.content.sections.map((s) => s.questions.map((q) => q.id))).toEqual([
      ["q1", "q2", "q3", "q4"],
      ["q5"],
    ]);
    expect(applyOperation(two, { op: "remove_question", questionId: "elsewhere" }).ok).toBe(false);
  });
});

describe("CSV", () => {
  it("has a BOM, semicolons, CRLF, quotes where needed and no live formulas", () => {
    const csv = responsesCsv(CONTENT, [
      {
        id: "r",
        supplierName: 'A; "B"',
        supplierSiret: "123",
        status: "submitted",
        submittedAt: null,
        updatedAt: new Date(),
        answers: { q1: "=SUM(A1)\nligne", q2: 3 },
      },
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\r\n")[1]).toBe('"A; ""B""";123;Déposée;;"\'=SUM(A1)\nligne";3 personnes;;;');
  });
});
