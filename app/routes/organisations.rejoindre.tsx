// /organisations/rejoindre?siret=… (or ?siren=…): someone who tried to register an organisation
// that is already on Amont asks to join it. Its admins and the platform admins receive the request.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireSession } from "~/auth/session.server";
import { claimOrganization, findClaimableOrganization } from "~/organizations/claims.server";
import { ORGANIZATION_KINDS, labelOf } from "~/organizations/kinds";
import { claimSchema } from "~/organizations/verification";
import { FormError, TextAreaField, VALIDATION_TIMING } from "~/ui/form";
import { notFound } from "~/ui/not-found.server";
import { retryAfterHeaders } from "~/ui/retry-after";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Demander à rejoindre une organisation — Amont" }];

const NOT_FOUND_MESSAGE = "Aucune organisation n'est inscrite avec ce numéro : vous pouvez l'inscrire vous-même.";

async function claimable(request: Request) {
  const url = new URL(request.url);
  const organization = await findClaimableOrganization({
    siret: url.searchParams.get("siret"),
    siren: url.searchParams.get("siren"),
  });
  if (!organization) notFound(NOT_FOUND_MESSAGE);
  return organization;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  const organization = await claimable(request);
  return {
    organization: {
      name: organization.name,
      kind: labelOf(ORGANIZATION_KINDS, organization.kind),
      identifier: organization.identifier,
    },
  };
}

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const organization = await claimable(request);
  const submission = parseWithZod(await request.formData(), { schema: claimSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await claimOrganization(user, organization.id, submission.value.message, { ip: context.clientIp });
  if (!result.ok)
    return data(
      { result: submission.reply({ formErrors: [result.message] }) },
      result.retryAfterSeconds === undefined
        ? { status: 409 }
        : { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  return redirectWithToast("/compte", {
    title: "Demande envoyée.",
    description: `Les administrateurs de « ${organization.name} » et l'équipe Amont ont reçu votre demande ; vous recevrez leur réponse par courriel.`,
  });
}

export default function ClaimOrganization() {
  const { organization } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "rejoindre",
    lastResult: actionData?.result,
    constraint: getZodConstraint(claimSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: claimSchema }),
  });
  return (
    <>
      <h1>Demander à rejoindre « {organization.name} »</h1>
      <p className="lead">
        {organization.name} ({organization.kind}, {organization.identifier}) est déjà inscrite sur Amont. Si vous
        travaillez pour elle, demandez à la rejoindre : ses administrateurs reçoivent votre demande par courriel, et
        l'équipe Amont aussi. Quand l'un d'eux l'accepte, vous devenez membre de l'organisation.
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextAreaField
          field={fields.message}
          label="Votre lien avec cette organisation"
          hint="Votre fonction et votre service, pour que ses administrateurs vous reconnaissent. Ils verront aussi votre nom et votre adresse électronique."
          rows={4}
        />
        <button type="submit">Envoyer la demande</button>
      </Form>
      <p>
        <Link to="/organisations/nouvelle">Inscrire une autre organisation</Link>
      </p>
    </>
  );
}
