// Emails are rendered once and their plain text converted from that HTML with a precompiled
// html-to-text: the result must be exactly React Email's own plain-text rendering, for every template.
import { readdirSync } from "node:fs";
import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import { expect, it } from "vitest";
import { EMAIL_TEMPLATE_NAMES, renderEmail, type EmailTemplateName } from "~/mail/render.server";

it("gives every template the same HTML and plain text as React Email's two renderings", async () => {
  let compared = 0;
  for (const file of readdirSync("emails").filter((name) => name.endsWith(".tsx"))) {
    const name = file.replace(/\.tsx$/, "");
    if (!(EMAIL_TEMPLATE_NAMES as string[]).includes(name)) continue;
    const template = (
      (await import(`../../emails/${file}`)) as { default: ComponentType<object> & { PreviewProps?: object } }
    ).default;
    expect(template.PreviewProps, `${name} has preview props`).toBeDefined();
    const element = createElement(template, template.PreviewProps);
    const expectedText = (
      await render(element, {
        plainText: true,
        htmlToTextOptions: { selectors: [{ selector: "h1", options: { uppercase: false } }] },
      })
    ).trim();
    const rendered = await renderEmail(name as EmailTemplateName, template.PreviewProps as never);
    expect(rendered.html, name).toBe(await render(element));
    expect(rendered.text, name).toBe(expectedText);
    compared++;
  }
  expect(compared).toBe(EMAIL_TEMPLATE_NAMES.length);
});
