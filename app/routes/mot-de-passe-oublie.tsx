import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { forgotPasswordSchema } from "~/auth/schemas";
import { TextField, VALIDATION_TIMING } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Mot de passe oublié — Amont" }];

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  await requestPasswordReset(submission.value.email);
  // Same answer whether or not an account exists for this address.
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
          Si un compte existe pour {actionData.sentTo}, un courriel vient d'y être envoyé avec un lien pour choisir un
          nouveau mot de passe. Le lien est valable une heure.
        </p>
      ) : null}
      <p>Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <TextField field={fields.email} label="Adresse électronique" type="email" autoComplete="email" />
        <button type="submit">Recevoir le lien</button>
      </Form>
    </>
  );
}
