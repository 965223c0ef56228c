import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { logIn } from "~/auth/accounts.server";
import { loginSchema } from "~/auth/schemas";
import { safeRedirectPath } from "~/auth/redirect";
import { requireAnonymous, sessionCookieHeader } from "~/auth/session.server";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { retryAfterHeaders } from "~/ui/retry-after";

export const meta: MetaFunction = () => [{ title: "Se connecter — Amont" }];

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), unverifiedEmail: null }, { status: 400 });
  }
  const result = await logIn({
    email: submission.value.email,
    password: submission.value.password,
    ip: context.clientIp ?? "unknown",
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    return data(
      {
        result: submission.reply({ formErrors: [result.message], hideFields: ["password"] }),
        unverifiedEmail: result.unverifiedEmail ?? null,
      },
      result.retryAfterSeconds
        ? { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } }
        : { status: 400 },
    );
  }
  return redirect(safeRedirectPath(submission.value.redirectTo), {
    headers: { "Set-Cookie": await sessionCookieHeader(result.token) },
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "connexion",
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginSchema),
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "" },
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });
  return (
    <>
      <h1>Se connecter</h1>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        {actionData?.unverifiedEmail ? (
          <p>
            <Link to={`/verification?${new URLSearchParams({ email: actionData.unverifiedEmail })}`}>
              Saisir le code de vérification
            </Link>
          </p>
        ) : null}
        <input type="hidden" name={fields.redirectTo.name} defaultValue={fields.redirectTo.initialValue ?? ""} />
        <TextField field={fields.email} label="Adresse électronique" type="email" autoComplete="email" />
        <TextField field={fields.password} label="Mot de passe" type="password" autoComplete="current-password" />
        <p className="actions">
          <button type="submit">Se connecter</button>
          <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
        </p>
      </Form>
      <p>
        Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
      </p>
    </>
  );
}
