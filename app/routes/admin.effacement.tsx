// /admin/effacement: a platform admin erases a person's data on their request (RGPD, right to
// erasure). The address of the person's account first gives a preview (how many ledger records and
// fields, which organisations), then a confirmation erases as account closing does
// (app/auth/erasure.server.ts, decision 0027). Platform admins only. The address travels in POST
// bodies only, never in a URL (request logs keep URLs).
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { eraseOnRequest, previewErasure, type ErasurePreview } from "~/auth/erasure.server";
import { erasureRequestSchema } from "~/auth/schemas";
import { requirePlatformAdmin } from "~/auth/session.server";
import { FormError, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Effacement de données personnelles — Administration Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePlatformAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: erasureRequestSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), preview: null }, { status: 400 });
  const { intent, email } = submission.value;
  if (intent === "preview") {
    const lookup = await previewErasure(email, user.id);
    if (!lookup.ok)
      return data(
        { result: submission.reply({ fieldErrors: { email: [lookup.message] } }), preview: null },
        { status: 400 },
      );
    return data({ result: submission.reply(), preview: { email, ...lookup.preview } });
  }
  const result = await eraseOnRequest({ id: user.id, name: user.name }, email);
  if (!result.ok)
    return data(
      { result: submission.reply({ fieldErrors: { email: [result.message] } }), preview: null },
      { status: 400 },
    );
  return redirectWithToast("/admin/effacement", {
    kind: "success",
    title: "Les données de cette personne sont effacées.",
    description: `Son compte est fermé ; ${result.records} enregistrement(s) du registre des échanges portent désormais la mention « [effacé] », et l'effacement y est inscrit.`,
  });
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

function Preview({ preview }: { preview: ErasurePreview & { email: string } }) {
  return (
    <section aria-labelledby="apercu-titre" className="card">
      <h2 id="apercu-titre">Ce qui sera effacé pour {preview.email}</h2>
      <ul>
        <li>
          Au registre des échanges : {plural(preview.fields, "champ", "champs")} dans{" "}
          {plural(preview.records, "enregistrement", "enregistrements")}, remplacés par « [effacé] » (les
          enregistrements restent, et la chaîne reste vérifiable).
        </li>
        <li>
          Organisations concernées :{" "}
          {preview.organizations.length > 0
            ? preview.organizations.map((organization) => organization.name).join(", ")
            : "aucune"}
          .
        </li>
        <li>
          Le compte : nom, adresse, mot de passe, sessions, invitations, courriels
          {preview.memberships.length > 0 ? `, et sa place dans ${preview.memberships.join(", ")}` : ""}.
        </li>
      </ul>
      {preview.refusal ? (
        <p className="notice notice--warning" role="alert">
          {preview.refusal}
        </p>
      ) : (
        <Form method="post">
          <input type="hidden" name="email" value={preview.email} />
          <button type="submit" name="intent" value="erase" className="button--danger">
            Effacer définitivement les données de cette personne
          </button>
        </Form>
      )}
    </section>
  );
}

export default function AdminErasure() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "effacement",
    lastResult: actionData?.result,
    constraint: getZodConstraint(erasureRequestSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: erasureRequestSchema }),
  });
  return (
    <>
      <h1>Effacement de données personnelles</h1>
      <p className="lead">
        Quand une personne demande l'effacement de ses données (RGPD, article 17), vérifiez d'abord que la demande vient
        bien d'elle, depuis l'adresse de son compte. L'effacement ferme son compte, efface ses données partout et
        remplace son nom, son adresse et son compte par « [effacé] » au registre des échanges. Il est définitif.
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.email}
          label="Adresse électronique du compte de la personne"
          type="email"
          autoComplete="off"
        />
        <button type="submit" name="intent" value="preview">
          Voir ce qui sera effacé
        </button>
      </Form>
      {actionData?.preview ? <Preview preview={actionData.preview} /> : null}
    </>
  );
}
