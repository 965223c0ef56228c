import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatInstant } from "~/calendar/format";
import { blockPoliciesFromColumns } from "~/calendar/rules";
import { densityNotice } from "~/plan/density.server";
import { formValuesOf, requireOwnedProcurement, withdrawPlannedProcurement } from "~/plan/plan.server";
import { densityNoticeData, handleProcurementForm } from "~/plan/procurement-action.server";
import { DensityNoticeBox, ProcurementForm } from "~/plan/procurement-form";
import { withdrawalSchema } from "~/plan/schema";
import { STATUSES, labelOf, semesterLabel, semesterOf } from "~/plan/vocabulary";
import { FormError, TextAreaField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";
import { questionnairesForProcurement } from "~/sourcing/questionnaires.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.procurement.title ?? "Achat prévu"} — Amont` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { buyer, procurement } = await requireOwnedProcurement(request, params.id!);
  const withdrawn = procurement.status === "abandoned";
  return {
    procurement: {
      id: procurement.id,
      title: procurement.title,
      status: procurement.status,
      statusLabel: labelOf(STATUSES, procurement.status),
      semesterLabel: semesterLabel(semesterOf(procurement.expectedPublicationDate)),
      updatedAt: procurement.updatedAt.toISOString(),
      withdrawnAt: procurement.withdrawnAt?.toISOString() ?? null,
      withdrawalReason: procurement.withdrawalReason,
    },
    values: formValuesOf(procurement),
    needsJustification: {
      expectedPublicationDate: Boolean(procurement.publicationJustification),
      responseDeadline: Boolean(procurement.deadlineJustification),
    },
    density: withdrawn
      ? null
      : densityNoticeData(
          await densityNotice(buyer.organization.departement, procurement.expectedPublicationDate, procurement.id),
        ),
    organization: { departement: buyer.organization.departement },
    policies: blockPoliciesFromColumns(buyer.organization),
    // Sourcing questionnaires attached to this procurement.
    questionnaires: await questionnairesForProcurement(buyer.organization.id, procurement.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { buyer, procurement } = await requireOwnedProcurement(request, params.id!);
  const formData = await request.formData();
  if (formData.get("_form") === "withdraw") {
    const submission = parseWithZod(formData, { schema: withdrawalSchema });
    if (submission.status !== "success")
      return data({ form: "withdraw" as const, result: submission.reply() }, { status: 400 });
    const result = await withdrawPlannedProcurement(
      { id: buyer.user.id, name: buyer.user.name },
      buyer.organization.id,
      procurement.id,
      submission.value.reason,
    );
    if (!result.ok)
      return data(
        { form: "withdraw" as const, result: submission.reply({ formErrors: [result.message] }) },
        { status: 400 },
      );
    return redirectWithToast("/acheteur/achats", {
      title: `« ${procurement.title} » est retiré de votre programmation.`,
      description:
        "Il reste dans les éditions déjà publiées ; la prochaine édition de son semestre le signalera comme retiré.",
    });
  }
  return handleProcurementForm(buyer, formData, { id: procurement.id });
}

export default function EditPlannedProcurement() {
  const { procurement, values, needsJustification, density, organization, policies, questionnaires } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const procurementResult = actionData?.form === "procurement" ? actionData : null;
  const withdrawResult = actionData?.form === "withdraw" ? actionData.result : undefined;
  const [withdrawForm, withdrawFields] = useForm({
    id: "retrait",
    lastResult: withdrawResult,
    constraint: getZodConstraint(withdrawalSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawalSchema }),
  });
  const withdrawn = procurement.status === "abandoned";
  return (
    <>
      <p>
        <Link to="/acheteur/achats">← Retour à la programmation</Link>
      </p>
      <h1>{procurement.title}</h1>
      <p className="muted">
        {procurement.semesterLabel} · <span className="badge">{procurement.statusLabel}</span>
      </p>
      <section aria-labelledby="sourcing-title">
        <h2 id="sourcing-title">Questionnaire de sourcing</h2>
        {questionnaires.length > 0 ? (
          <ul>
            {questionnaires.map((q) => (
              <li key={q.id}>
                <Link to={`/acheteur/sourcing/${q.id}`}>{q.title}</Link>{" "}
                <span className="muted">
                  {q.currentVersionNumber ? `(publié, version n° ${q.currentVersionNumber})` : "(brouillon)"}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {withdrawn ? null : (
          <p>
            <Link to={`/acheteur/sourcing?achat=${procurement.id}`}>
              Interroger le marché sur cet achat avec un questionnaire
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="dossier-title">
        <h2 id="dossier-title">Dossier des échanges</h2>
        <p>
          <Link to={`/acheteur/achats/${procurement.id}/dossier`}>Ouvrir le dossier des échanges de cet achat</Link> :
          tout ce qui s'est passé avec les entreprises (questionnaire, événements, rendez-vous), les échanges hors
          plateforme à inscrire, et le lancement de la consultation.
        </p>
      </section>
      {withdrawn ? (
        <div className="notice">
          <p>
            <strong>Achat retiré</strong>
            {procurement.withdrawnAt ? ` le ${formatInstant(procurement.withdrawnAt)}` : ""}. Motif :{" "}
            {procurement.withdrawalReason}
          </p>
          <p>Il reste visible dans les éditions déjà publiées de votre programmation, et ne peut plus être modifié.</p>
        </div>
      ) : (
        <>
          <DensityNoticeBox notice={procurementResult ? procurementResult.density : density} />
          <ProcurementForm
            id="achat-prevu"
            lastResult={procurementResult?.result}
            defaultValue={values}
            proposals={procurementResult?.proposals}
            live={{ departement: organization.departement, policies }}
            submitLabel="Enregistrer les modifications"
            version={procurement.updatedAt}
            needsJustification={needsJustification}
          />
          <h2>Retirer cet achat</h2>
          <p>
            Si l'achat n'aura pas lieu, retirez-le plutôt que de le supprimer : les entreprises qui l'ont vu dans une
            édition publiée sauront qu'il est abandonné, et pourquoi.
          </p>
          <Form method="post" className="form" {...getFormProps(withdrawForm)}>
            <input type="hidden" name="_form" value="withdraw" />
            <FormError id={withdrawForm.errorId} errors={withdrawForm.errors} />
            <TextAreaField
              field={withdrawFields.reason}
              label="Motif du retrait"
              hint="Il sera affiché publiquement. Par exemple : « Besoin couvert par un groupement de commandes »."
              rows={3}
            />
            <button type="submit" className="button--secondary">
              Retirer l'achat
            </button>
          </Form>
        </>
      )}
    </>
  );
}
