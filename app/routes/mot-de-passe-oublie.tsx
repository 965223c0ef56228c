import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { forgotPasswordSchema } from "~/auth/schemas";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { retryAfterHeaders } from "~/ui/retry-after";

export const meta: MetaFunction = () => [{ title: "Mot de passe oublié — Amont" }];

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  const result = await requestPasswordReset(submission.value.email, { ip: context.clientIp });
  if (!result.ok)
    return data(
      { result: submission.reply({ formErrors: [result.message] }), sentTo: null },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  // Same answer whether or not an account exists for this address: the email tells its owner.
  return data({ result: submission.reply(), sentTo: submission.value.email });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "mot-de-passe-oublie",
    lastResult: actionData?.result,
    constraint: getZodConstraint(forgotPasswordSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  return (
    <>
      <h1>Mot de passe oublié</h1>
      {actionData?.sentTo ? (
        <p className="notice" role="status">
          Un courriel vient d'être envoyé à {actionData.sentTo}. Il contient un lien pour choisir un nouveau mot de
          passe, valable une heure, ou vous indique qu'aucun compte n'utilise cette adresse.
        </p>
      ) : null}
      <p>Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label="Adresse électronique" type="email" autoComplete="email" />
        <button type="submit">Recevoir le lien</button>
      </Form>
    </>
  );
}
