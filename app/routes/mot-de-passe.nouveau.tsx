import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { findValidResetToken, resetPassword } from "~/auth/accounts.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-rules";
import { resetPasswordSchema } from "~/auth/schemas";
import { clearSessionCookieHeader } from "~/auth/session.server";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Nouveau mot de passe — Amont" }];

const EXPIRED = "Ce lien n'est plus valable : il a déjà servi ou a expiré. Demandez-en un nouveau.";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = token ? Boolean(await findValidResetToken(token)) : false;
  return { token, valid };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  const hidden = ["password", "confirmPassword"];
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  const done = await resetPassword(submission.value.token, submission.value.password);
  if (!done) return data({ result: submission.reply({ formErrors: [EXPIRED], hideFields: hidden }) }, { status: 400 });
  return redirectWithToast(
    "/connexion",
    {
      title: "Votre mot de passe est changé.",
      description: "Par sécurité, toutes vos sessions ont été fermées : connectez-vous avec le nouveau mot de passe.",
    },
    { headers: { "Set-Cookie": await clearSessionCookieHeader() } },
  );
}

export default function NewPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "nouveau-mot-de-passe",
    lastResult: actionData?.result,
    defaultValue: { token },
    constraint: getZodConstraint(resetPasswordSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  if (!valid) {
    return (
      <>
        <h1>Choisir un nouveau mot de passe</h1>
        <p className="form-error" role="alert">
          {EXPIRED}
        </p>
        <p>
          <Link to="/mot-de-passe-oublie">Recevoir un nouveau lien</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Choisir un nouveau mot de passe</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.token.name} defaultValue={token} />
        <TextField
          field={fields.password}
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères.`}
        />
        <TextField
          field={fields.confirmPassword}
          label="Confirmez le mot de passe"
          type="password"
          autoComplete="new-password"
        />
        <button type="submit">Enregistrer le mot de passe</button>
      </Form>
    </>
  );
}
