import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { signUp } from "~/auth/accounts.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-rules";
import { signupSchema } from "~/auth/schemas";
import { requireAnonymous } from "~/auth/session.server";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";
import { retryAfterHeaders } from "~/ui/retry-after";

export const meta: MetaFunction = () => [{ title: "Créer un compte — Amont" }];

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

const SECRET_FIELDS = ["password", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: signupSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: SECRET_FIELDS }) }, { status: 400 });
  }
  const result = await signUp(submission.value, { ip: context.clientIp });
  if (!result.ok) {
    return data(
      { result: submission.reply({ formErrors: [result.message], hideFields: SECRET_FIELDS }) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not the address already had an account: the email tells its owner.
  return redirectWithToast(`/verification?${new URLSearchParams({ email: result.email })}`, {
    kind: "info",
    title: `Consultez votre messagerie : un courriel vient d'être envoyé à ${result.email}.`,
    description:
      "Il contient un code à 6 chiffres pour vérifier votre adresse. Si vous aviez déjà un compte avec cette adresse, il vous explique comment vous connecter.",
  });
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "inscription",
    lastResult: actionData?.result,
    constraint: getZodConstraint(signupSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupSchema }),
  });
  return (
    <>
      <h1>Créer un compte</h1>
      <p>
        Un compte personnel, puis une ou plusieurs organisations : votre entreprise, votre collectivité ou votre réseau.
        Vous avez déjà un compte ? <Link to="/connexion">Connectez-vous</Link>.
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label="Nom et prénom" autoComplete="name" />
        <TextField
          field={fields.email}
          label="Adresse électronique"
          type="email"
          autoComplete="email"
          hint="Nous y enverrons un code pour la vérifier."
        />
        <TextField
          field={fields.password}
          label="Mot de passe"
          type="password"
          autoComplete="new-password"
          hint={`Au moins ${MIN_PASSWORD_LENGTH} caractères. Une phrase facile à retenir convient très bien.`}
        />
        <TextField
          field={fields.confirmPassword}
          label="Confirmez le mot de passe"
          type="password"
          autoComplete="new-password"
        />
        <button type="submit">Créer mon compte</button>
      </Form>
    </>
  );
}
