// The sourcing emails render in French with the link and the key content, in HTML and plain text.
import { describe, expect, it } from "vitest";
import { renderEmail } from "~/mail/render.server";
import { PreviewProps as clarification } from "../../emails/sourcing-clarification";
import { PreviewProps as invitation } from "../../emails/sourcing-invitation";
import { PreviewProps as newVersion } from "../../emails/sourcing-new-version";

describe("sourcing emails", () => {
  it("new version: the change note, the deadline, the link, the promise of identical words", async () => {
    const email = await renderEmail("sourcing-new-version", newVersion);
    expect(email.subject).toBe(
      "Questionnaire « Restauration collective : connaître le marché local » : version n° 2 publiée",
    );
    expect(email.text).toContain("La question 4 précise désormais les volumes annuels.");
    expect(email.text).toContain("vendredi 11 décembre 2026");
    expect(email.text).toContain(newVersion.questionnaireUrl);
    expect(email.text).toContain("même message au même moment");
    expect(email.html).toContain('lang="fr"');
  });

  it("invitation: no advantage, public questionnaire, the link", async () => {
    const email = await renderEmail("sourcing-invitation", invitation);
    expect(email.subject).toContain("vous invite à répondre");
    expect(email.text).toContain("ne vous donne aucun avantage");
    expect(email.text).toContain(invitation.questionnaireUrl);
  });

  it("clarification: the question and the answer, without the asker", async () => {
    const email = await renderEmail("sourcing-clarification", clarification);
    expect(email.text).toContain(clarification.question);
    expect(email.text).toContain(clarification.answer);
    expect(email.text).toContain("sans le nom de l’entreprise qui a posé la question");
    expect(email.text).not.toMatch(/<[a-z]/);
  });
});
