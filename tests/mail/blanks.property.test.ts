// prepareEmailWithBlanks() renders once and fills in per recipient: for any name and link, the
// message must be byte for byte the one prepareEmail() renders with the same props.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PreviewProps as digestPreview } from "#emails/alert-digest";
import { PreviewProps as immediatePreview } from "#emails/alert-immediate";
import { prepareEmail, prepareEmailWithBlanks } from "~/mail/outbox.server";

/** Names as the alert form stores them: trimmed, one space between words, any character. */
const nameArb = fc
  .string({
    unit: fc.constantFrom(..."abcXYZ éèàçœ«»'\"&<>;:/\\\u00a0-_.,!?()[]{}#%@0123456789".split(""), "Œ", "😀"),
    minLength: 1,
    maxLength: 40,
  })
  .map((name) => name.replace(/\s+/g, " ").trim())
  .filter((name) => name.length > 0);
const tokenArb = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz234567".split("")),
  minLength: 32,
  maxLength: 32,
});

describe("emails prepared with blanks", () => {
  it("are the same as emails prepared in full, for the digest and the immediate alert", async () => {
    const digest = await prepareEmailWithBlanks("alert-digest", digestPreview, ["alertName", "unsubscribeUrl"]);
    const immediate = await prepareEmailWithBlanks("alert-immediate", immediatePreview, [
      "alertName",
      "unsubscribeUrl",
    ]);
    await fc.assert(
      fc.asyncProperty(nameArb, tokenArb, async (alertName, token) => {
        const unsubscribeUrl = `https://amont.example.fr/alertes/desabonnement/${token}?a=1&b=<2>`;
        const headers = { "List-Unsubscribe": `<${unsubscribeUrl}>` };
        expect(digest({ alertName, unsubscribeUrl }, { headers })).toEqual(
          await prepareEmail("alert-digest", { ...digestPreview, alertName, unsubscribeUrl }, { headers }),
        );
        expect(immediate({ alertName, unsubscribeUrl })).toEqual(
          await prepareEmail("alert-immediate", { ...immediatePreview, alertName, unsubscribeUrl }),
        );
      }),
      { numRuns: 150 },
    );
  });
});
