import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireSession } from "~/auth/session.server";
import {
  BUYER_KINDS,
  ESS_STATUSES,
  ORGANIZATION_KINDS,
  RELAY_KINDS,
  SUPPLIER_SIZES,
  optionsOf,
  organizationKindFromSlug,
} from "~/organizations/kinds";
import { createOrganization } from "~/organizations/organizations.server";
import { buyerSchema, relaySchema, supplierSchema } from "~/organizations/schemas";
import { DEPARTEMENTS_SORTED } from "~/territory/departements";
import { FormError, SelectField, TextField, VALIDATION_TIMING } from "~/ui/form";
import { notFound } from "~/ui/not-found.server";
import { retryAfterHeaders } from "~/ui/retry-after";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Inscrire une organisation — Amont" }];

const SCHEMAS = { supplier: supplierSchema, buyer: buyerSchema, relay: relaySchema } as const;
const DEPARTEMENT_OPTIONS = DEPARTEMENTS_SORTED.map((departement) => ({
  value: departement.code,
  label: `${departement.code} — ${departement.name}`,
}));

/** Where to ask to join the organisation that already has this SIRET or SIREN. */
interface ClaimLink {
  name: string;
  identifier: string;
  href: string;
}

function kindOf(params: { type?: string }) {
  const kind = organizationKindFromSlug(params.type);
  if (!kind) notFound("Type d'organisation inconnu");
  return kind;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSession(request);
  return { kind: kindOf(params) };
}

/** A refusal by an abuse limit carries Retry-After. */
export const headers = retryAfterHeaders;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const kind = kindOf(params);
  const formData = await request.formData();
  formData.set("kind", kind);
  const submission = parseWithZod(formData, { schema: SCHEMAS[kind] });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (!user.emailVerifiedAt) {
    return data(
      {
        result: submission.reply({
          formErrors: ["Vérifiez d'abord votre adresse électronique (lien ou code reçu par courriel)."],
        }),
      },
      { status: 403 },
    );
  }
  const result = await createOrganization(user, submission.value, { ip: context.clientIp });
  if (!result.ok && result.field === null)
    return data(
      { result: submission.reply({ formErrors: [result.message] }) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  if (!result.ok) {
    const value = submission.value;
    const identifier = value.kind === "supplier" ? value.siret : value.kind === "buyer" ? value.siren : "";
    const claimable: ClaimLink | null = result.claimable
      ? {
          name: result.claimable.name,
          identifier: result.claimable.identifier,
          href: `/organisations/rejoindre?${new URLSearchParams({ [result.field]: identifier }).toString()}`,
        }
      : null;
    return data(
      { result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }), claimable },
      { status: 400 },
    );
  }
  return redirectWithToast(`/organisations/${result.id}`, {
    title: "Organisation créée.",
    description:
      result.verificationStatus === "pending"
        ? "L'équipe Amont va vérifier que vous agissez bien pour cet organisme. En attendant, vous pouvez préparer vos brouillons et inviter vos collègues ; vous pourrez publier dès la validation."
        : "Vous en êtes administrateur : vous pouvez inviter vos collègues.",
  });
}

export default function NewOrganization() {
  const { kind } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const claimable = actionData && "claimable" in actionData ? (actionData.claimable as ClaimLink | null) : null;
  const schema = SCHEMAS[kind];
  const [form, fields] = useForm({
    id: `organisation-${kind}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => {
      formData.set("kind", kind);
      return parseWithZod(formData, { schema });
    },
  });
  const all = fields as unknown as Record<string, Parameters<typeof TextField>[0]["field"]>;
  const field = (name: string) => all[name]!;
  return (
    <>
      <h1>
        Inscrire{" "}
        {kind === "supplier"
          ? "une entreprise ou une structure de l'ESS"
          : kind === "buyer"
            ? "un acheteur public"
            : "un réseau d'accompagnement"}
      </h1>
      <p className="muted">{ORGANIZATION_KINDS[kind].label}</p>
      {kind !== "supplier" ? (
        <p className="notice">
          Un acheteur public ou un réseau d'accompagnement parle au nom d'un organisme : l'équipe Amont vérifie que vous
          agissez bien pour lui avant qu'il puisse publier. En attendant, vous pouvez tout préparer en brouillon.
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        {claimable ? (
          <p className="notice notice--warning">
            « {claimable.name} » ({claimable.identifier}) est déjà inscrite sur Amont.{" "}
            <Link to={claimable.href}>Demander à rejoindre « {claimable.name} »</Link>
          </p>
        ) : null}
        {kind === "supplier" ? (
          <>
            <TextField field={field("name")} label="Raison sociale" autoComplete="organization" />
            <TextField
              field={field("siret")}
              label="SIRET"
              inputMode="numeric"
              hint="Les 14 chiffres de votre établissement, tels qu'ils figurent sur votre extrait Kbis ou votre avis de situation Insee."
            />
            <TextField
              field={field("nafCode")}
              label="Code NAF (facultatif)"
              hint="Par exemple 43.32A pour les travaux de menuiserie."
            />
            <SelectField field={field("size")} label="Taille de l'entreprise" options={optionsOf(SUPPLIER_SIZES)} />
            <SelectField
              field={field("essStatus")}
              label="Statut ESS"
              options={optionsOf(ESS_STATUSES)}
              hint="Certains marchés sont réservés aux structures d'insertion, aux entreprises adaptées et aux ESAT."
            />
            <SelectField field={field("departement")} label="Département" options={DEPARTEMENT_OPTIONS} />
          </>
        ) : kind === "buyer" ? (
          <>
            <TextField field={field("name")} label="Nom de l'acheteur" autoComplete="organization" />
            <TextField
              field={field("siren")}
              label="SIREN"
              inputMode="numeric"
              hint="Les 9 chiffres qui identifient votre organisme."
            />
            <SelectField field={field("buyerKind")} label="Type d'acheteur" options={optionsOf(BUYER_KINDS)} />
            <SelectField
              field={field("departement")}
              label="Département"
              options={DEPARTEMENT_OPTIONS}
              hint="Il détermine votre zone de vacances scolaires et vos jours fériés."
            />
          </>
        ) : (
          <>
            <TextField field={field("name")} label="Nom du réseau" autoComplete="organization" />
            <SelectField field={field("relayKind")} label="Type de réseau" options={optionsOf(RELAY_KINDS)} />
            <SelectField field={field("departement")} label="Département du siège" options={DEPARTEMENT_OPTIONS} />
            <SelectField
              field={field("territory")}
              label="Territoire couvert"
              options={DEPARTEMENT_OPTIONS}
              multiple
              hint="Les départements que vous suivez. Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."
            />
          </>
        )}
        <button type="submit">Créer l'organisation</button>
      </Form>
    </>
  );
}
