import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  checkVerificationLink,
  resendVerification,
  verifyEmailByCode,
  verifyEmailByToken,
} from "~/auth/accounts.server";
import { verifyCodeSchema } from "~/auth/schemas";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";
import { retryAfterHeaders } from "~/ui/retry-after";

export const meta: MetaFunction = () => [{ title: "Vérifier votre adresse — Amont" }];

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

const verified = (email: string) =>
  redirectWithToast(`/connexion?${new URLSearchParams({ email })}`, {
    title: "Votre adresse est vérifiée. Vous pouvez vous connecter.",
  });

// Opening the emailed link only shows a button: a GET changes nothing, so a mail scanner or a
// prefetch that follows the link does not use it up before its owner clicks.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (token) {
    const link = await checkVerificationLink(token);
    if (link.ok) return { email: "", linkError: null, linkToken: token };
    return { email: "", linkError: link.message, linkToken: null };
  }
  return { email: url.searchParams.get("email") ?? "", linkError: null, linkToken: null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "link") {
    const token = String(formData.get("token") ?? "");
    const result = await verifyEmailByToken(token);
    // Used or expired meanwhile: the link's page says so, with the code form.
    return result.ok ? verified(result.email) : redirect(`/verification?${new URLSearchParams({ token })}`);
  }
  const submission = parseWithZod(formData, { schema: verifyCodeSchema });
  if (formData.get("intent") === "resend") {
    const email = String(formData.get("email") ?? "")
      .trim()
      .toLowerCase();
    const resent = email ? await resendVerification(email, { ip: context.clientIp }) : null;
    if (resent && !resent.ok)
      return data(
        { result: submission.reply({ formErrors: [resent.message], resetForm: false }), resent: false },
        { status: 429, headers: { "Retry-After": String(resent.retryAfterSeconds) } },
      );
    return data({
      result: submission.reply({ resetForm: false }),
      resent: Boolean(resent),
    });
  }
  if (submission.status !== "success") return data({ result: submission.reply(), resent: false }, { status: 400 });
  const result = await verifyEmailByCode(submission.value.email, submission.value.code, { ip: context.clientIp });
  if (!result.ok)
    return data(
      { result: submission.reply({ fieldErrors: { code: [result.message] } }), resent: false },
      result.retryAfterSeconds
        ? { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } }
        : { status: 400 },
    );
  return verified(result.email);
}

export default function Verification() {
  const { email, linkError, linkToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "verification",
    lastResult: actionData?.result,
    defaultValue: { email },
    constraint: getZodConstraint(verifyCodeSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: verifyCodeSchema }),
  });
  if (linkToken)
    return (
      <>
        <h1>Confirmez votre adresse électronique</h1>
        <p>Vous avez ouvert le lien reçu par courriel. Il reste à confirmer que cette adresse est bien la vôtre.</p>
        <Form method="post" className="form">
          <input type="hidden" name="token" value={linkToken} />
          <button type="submit" name="intent" value="link">
            Confirmer mon adresse
          </button>
        </Form>
      </>
    );
  return (
    <>
      <h1>Vérifiez votre adresse électronique</h1>
      {linkError ? (
        <div className="form-error" role="alert">
          <p>{linkError}</p>
        </div>
      ) : null}
      {actionData?.resent ? (
        <p className="notice" role="status">
          Si un compte non vérifié existe pour cette adresse, un nouveau code vient d'y être envoyé.
        </p>
      ) : null}
      <p>
        Nous vous avons envoyé un courriel contenant un code à 6 chiffres et un lien. Cliquez sur le lien, ou saisissez
        le code ci-dessous. Le code est valable 30 minutes.
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextField field={fields.email} label="Adresse électronique" type="email" autoComplete="email" />
        <TextField field={fields.code} label="Code à 6 chiffres" inputMode="numeric" autoComplete="one-time-code" />
        <p className="actions">
          <button type="submit" name="intent" value="verify">
            Vérifier
          </button>
          <button type="submit" name="intent" value="resend" className="button--secondary" formNoValidate>
            Recevoir un nouveau code
          </button>
        </p>
      </Form>
    </>
  );
}
