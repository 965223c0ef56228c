import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { loadCalendarContext } from "~/calendar/calendar.server";
import { addDays, formatDateFr, todayInParis } from "~/calendar/dates";
import { BLOCK_KIND_LABELS, POLICY_BLOCK_KINDS, blockPoliciesFromColumns, blockedPeriods } from "~/calendar/rules";
import { ADMIN_ONLY_MESSAGE, requireBuyerMember } from "~/plan/access.server";
import {
  POLICY_FIELDS,
  POLICY_HINTS,
  POLICY_OPTIONS,
  blockedPeriodSchema,
  policiesSchema,
  type PoliciesInput,
} from "~/plan/calendar-settings";
import {
  addBlockedPeriod,
  listBlockedPeriods,
  removeBlockedPeriod,
  updateBlockPolicies,
} from "~/plan/calendar-settings.server";
import { periodFr } from "~/plan/date-rules";
import { departementLabel, schoolZoneLabel, schoolZoneOf } from "~/territory/departements";
import { FormError, RadioField, TextField, VALIDATION_TIMING } from "~/ui/form";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Dates bloquées de mon organisation — Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization, isAdmin } = await requireBuyerMember(request);
  const today = todayInParis();
  const [periods, ctx] = await Promise.all([
    listBlockedPeriods(organization.id),
    loadCalendarContext(organization.departement, organization.id),
  ]);
  const zone = schoolZoneOf(organization.departement);
  return {
    organization: {
      name: organization.name,
      departementLabel: departementLabel(organization.departement),
      zoneLabel: zone ? schoolZoneLabel(zone) : null,
    },
    isAdmin,
    policies: blockPoliciesFromColumns(organization),
    periods,
    upcoming: blockedPeriods(ctx, today, addDays(today, 365)).map((period) => ({
      ...period,
      kindLabel: BLOCK_KIND_LABELS[period.kind],
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { organization, isAdmin } = await requireBuyerMember(request);
  if (!isAdmin) throw new Response(ADMIN_ONLY_MESSAGE, { status: 403 });
  const formData = await request.formData();
  const intent = formData.get("_action");
  if (intent === "policies") {
    const submission = parseWithZod(formData, { schema: policiesSchema });
    if (submission.status !== "success")
      return data({ form: "policies" as const, result: submission.reply() }, { status: 400 });
    await updateBlockPolicies(organization.id, submission.value);
    return redirectWithToast("/acheteur/calendrier", {
      title: "Vos choix sont enregistrés.",
      description: "Ils s'appliquent dès maintenant aux dates que vos collègues saisissent.",
    });
  }
  if (intent === "add-period") {
    const submission = parseWithZod(formData, { schema: blockedPeriodSchema });
    if (submission.status !== "success")
      return data({ form: "add-period" as const, result: submission.reply() }, { status: 400 });
    await addBlockedPeriod(organization.id, submission.value);
    return redirectWithToast("/acheteur/calendrier", {
      title: `Période « ${submission.value.label} » ajoutée.`,
      description: `Du ${formatDateFr(submission.value.startDate)} au ${formatDateFr(submission.value.endDate)}.`,
    });
  }
  if (intent === "remove-period") {
    const removed = await removeBlockedPeriod(organization.id, String(formData.get("id") ?? ""));
    return redirectWithToast(
      "/acheteur/calendrier",
      removed ? { title: "Période supprimée." } : { kind: "error", title: "Cette période n'existe plus." },
    );
  }
  throw new Response("Action inconnue.", { status: 400 });
}

export default function OrganizationCalendar() {
  const { organization, isAdmin, policies, periods, upcoming } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [policiesForm, policyFields] = useForm<PoliciesInput>({
    id: "politiques",
    lastResult: actionData?.form === "policies" ? actionData.result : undefined,
    defaultValue: Object.fromEntries(POLICY_BLOCK_KINDS.map((kind) => [POLICY_FIELDS[kind], policies[kind]])),
    constraint: getZodConstraint(policiesSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: policiesSchema }),
  });
  const [periodForm, periodFields] = useForm({
    id: "periode",
    lastResult: actionData?.form === "add-period" ? actionData.result : undefined,
    constraint: getZodConstraint(blockedPeriodSchema),
    ...VALIDATION_TIMING,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: blockedPeriodSchema }),
  });
  return (
    <>
      <p>
        <Link to="/acheteur/achats">← Retour à la programmation</Link>
      </p>
      <h1>Dates bloquées de mon organisation</h1>
      <p className="lead">
        Amont évite de publier une consultation ou de clore les réponses pendant les vacances, les jours fériés et les
        périodes de trêve, où les entreprises répondent moins. {organization.name} est rattaché au département{" "}
        {organization.departementLabel}
        {organization.zoneLabel ? ` (vacances scolaires : ${organization.zoneLabel})` : ""}.
      </p>

      <h2>Quand une date tombe dans une période bloquée</h2>
      <p>Pour chaque sorte de période, choisissez ce que fait Amont. Les samedis et dimanches sont toujours refusés.</p>
      {isAdmin ? (
        <Form method="post" className="form" {...getFormProps(policiesForm)}>
          <input type="hidden" name="_action" value="policies" />
          <FormError id={policiesForm.errorId} errors={policiesForm.errors} />
          {POLICY_BLOCK_KINDS.map((kind) => (
            <RadioField
              key={kind}
              field={policyFields[POLICY_FIELDS[kind]] as unknown as Parameters<typeof RadioField>[0]["field"]}
              legend={BLOCK_KIND_LABELS[kind]}
              hint={POLICY_HINTS[kind]}
              options={POLICY_OPTIONS}
            />
          ))}
          <button type="submit">Enregistrer mes choix</button>
        </Form>
      ) : (
        <>
          <dl>
            {POLICY_BLOCK_KINDS.map((kind) => (
              <div key={kind}>
                <dt>{BLOCK_KIND_LABELS[kind]}</dt>
                <dd>{POLICY_OPTIONS.find((option) => option.value === policies[kind])?.label}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">Seuls les administrateurs de votre organisation peuvent changer ces choix.</p>
        </>
      )}

      <h2>Périodes bloquées par votre organisation</h2>
      {periods.length === 0 ? (
        <p className="muted">Aucune période pour l'instant.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Périodes bloquées par {organization.name}</caption>
          <thead>
            <tr>
              <th scope="col">Période</th>
              <th scope="col">Dates</th>
              {isAdmin ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period.id}>
                <td>{period.label}</td>
                <td>{periodFr({ from: period.startDate, to: period.endDate })}</td>
                {isAdmin ? (
                  <td>
                    <Form method="post">
                      <input type="hidden" name="_action" value="remove-period" />
                      <input type="hidden" name="id" value={period.id} />
                      <button
                        type="submit"
                        className="button--secondary"
                        aria-label={`Supprimer la période « ${period.label} »`}
                      >
                        Supprimer
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isAdmin ? (
        <>
          <h3>Ajouter une période</h3>
          <Form method="post" className="form" {...getFormProps(periodForm)}>
            <input type="hidden" name="_action" value="add-period" />
            <FormError id={periodForm.errorId} errors={periodForm.errors} />
            <TextField
              field={periodFields.label}
              label="Nom de la période"
              hint="Par exemple : « Fermeture estivale des services » ou « Élections municipales »."
            />
            <TextField field={periodFields.startDate} label="Premier jour" type="date" />
            <TextField field={periodFields.endDate} label="Dernier jour" type="date" />
            <button type="submit">Ajouter la période</button>
          </Form>
        </>
      ) : null}

      <h2>Périodes bloquées des douze prochains mois</h2>
      <p>Vacances de votre zone, jours fériés, trêves de la plateforme et vos propres périodes (hors week-ends).</p>
      {upcoming.length === 0 ? (
        <p className="muted">Aucune période connue.</p>
      ) : (
        <ul>
          {upcoming.map((period) => (
            <li key={`${period.kind}-${period.label}-${period.from}`}>
              <strong>{period.label}</strong> ({period.kindLabel.toLowerCase()}) : {periodFr(period)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
