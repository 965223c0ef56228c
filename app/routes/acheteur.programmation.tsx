import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formatDateFr, todayInParis } from "~/calendar/dates";
import { formatInstant } from "~/calendar/format";
import { requireBuyerMember } from "~/plan/access.server";
import { diffCounts, diffSummaryFr } from "~/plan/edition-diff";
import { listEditions, previewEdition, publishEdition, semesterStatuses } from "~/plan/editions.server";
import { listPlannedProcurements } from "~/plan/plan.server";
import {
  nextSemester,
  parseSemesterKey,
  semesterKey,
  semesterLabel,
  semesterOf,
  type Semester,
} from "~/plan/vocabulary";
import { FormError, PlainSelectField } from "~/ui/form";
import { notFound } from "~/ui/not-found.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Publier une édition de ma programmation — Amont" }];

async function semesterChoices(organizationId: string) {
  const current = semesterOf(todayInParis());
  const keys = new Set([semesterKey(current), semesterKey(nextSemester(current))]);
  for (const item of await listPlannedProcurements(organizationId))
    keys.add(semesterKey(semesterOf(item.expectedPublicationDate)));
  for (const edition of await listEditions(organizationId))
    keys.add(semesterKey({ year: edition.year, half: edition.half as 1 | 2 }));
  return [...keys].sort().map((key) => ({ key, label: semesterLabel(parseSemesterKey(key)!) }));
}

/** Without a choice: the first semester, from the current one on, with something new to publish. */
async function defaultSemester(organizationId: string, candidates: Semester[]): Promise<Semester> {
  const current = semesterOf(todayInParis());
  const upcoming = candidates.filter((candidate) => semesterKey(candidate) >= semesterKey(current));
  const statuses = await semesterStatuses(organizationId, upcoming);
  return statuses.find((status) => status.hasUnpublishedChanges)?.semester ?? current;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireBuyerMember(request);
  const url = new URL(request.url);
  const requested = parseSemesterKey(url.searchParams.get("semestre") ?? "");
  const choices = await semesterChoices(organization.id);
  const semester =
    requested ??
    (await defaultSemester(
      organization.id,
      choices.map((choice) => parseSemesterKey(choice.key)!),
    ));
  const preview = await previewEdition(organization.id, semester);
  if (!preview) notFound("Organisation introuvable.");
  const editions = (await listEditions(organization.id))
    .filter((edition) => edition.year === semester.year && edition.half === semester.half)
    .map((edition) => ({
      number: edition.number,
      publishedAt: edition.publishedAt.toISOString(),
      itemCount: edition.itemCount,
      isLatest: edition.isLatest,
    }));
  const { diff } = preview;
  return {
    organization: { name: organization.name, slug: organization.slug },
    choices,
    semester: { key: semesterKey(semester), label: semesterLabel(semester) },
    nextNumber: preview.nextNumber,
    previousNumber: preview.previous?.number ?? null,
    itemCount: preview.items.length,
    blocker: preview.blocker,
    summary: diffSummaryFr(diffCounts(diff)),
    added: diff.added.map((item) => ({
      id: item.plannedProcurementId,
      title: item.title,
      date: item.expectedPublicationDate,
    })),
    moved: diff.moved.map((entry) => ({
      id: entry.item.plannedProcurementId,
      title: entry.item.title,
      from: entry.from,
      to: entry.to,
      fields: entry.fields,
    })),
    modified: diff.modified.map((entry) => ({
      id: entry.item.plannedProcurementId,
      title: entry.item.title,
      fields: entry.fields,
    })),
    withdrawn: diff.withdrawn.map((item) => ({
      id: item.plannedProcurementId,
      title: item.title,
      date: item.expectedPublicationDate,
    })),
    unchanged: diff.unchanged,
    editions,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organization } = await requireBuyerMember(request);
  const formData = await request.formData();
  const semester = parseSemesterKey(String(formData.get("semestre") ?? ""));
  if (!semester) return data({ error: "Choisissez le semestre à publier." }, { status: 400 });
  const result = await publishEdition({ id: user.id, name: user.name }, organization.id, semester);
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirectWithToast(`/acheteur/programmation?semestre=${semesterKey(semester)}`, {
    title: `Édition n° ${result.edition.number} du ${semesterLabel(semester)} publiée.`,
    description: `${result.edition.itemCount} achat${result.edition.itemCount > 1 ? "s" : ""} prévu${result.edition.itemCount > 1 ? "s" : ""}, visible${result.edition.itemCount > 1 ? "s" : ""} de tous dans le plan des achats. La publication est inscrite au registre des échanges.`,
  });
}

function ChangeList({ title, children, count }: { title: string; count: number; children: React.ReactNode }) {
  if (count === 0) return null;
  return (
    <>
      <h3>
        {title} ({count})
      </h3>
      <ul>{children}</ul>
    </>
  );
}

export default function PublishEdition() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const {
    organization,
    choices,
    semester,
    nextNumber,
    previousNumber,
    itemCount,
    blocker,
    summary,
    added,
    moved,
    modified,
    withdrawn,
    unchanged,
    editions,
  } = loaderData;
  const link = (id: string, title: string) => <Link to={`/acheteur/achats/${id}`}>{title}</Link>;
  return (
    <>
      <p>
        <Link to="/acheteur/achats">← Retour à la programmation</Link>
      </p>
      <h1>Publier une édition de ma programmation</h1>
      <p className="lead">
        Une édition est la photographie, à un instant donné, des achats que {organization.name} prévoit pour un
        semestre. Une fois publiée, elle ne change plus : chaque nouvelle édition indique ce qui a changé depuis la
        précédente.
      </p>
      <Form method="get" className="form actions">
        <PlainSelectField
          id="semestre"
          name="semestre"
          label="Semestre"
          options={choices.map((choice) => ({ value: choice.key, label: choice.label }))}
          defaultValue={semester.key}
        />
        <button type="submit" className="button--secondary">
          Afficher
        </button>
      </Form>

      <h2>
        {previousNumber
          ? `Ce qui a changé depuis l'édition n° ${previousNumber}`
          : `Première édition du ${semester.label}`}
      </h2>
      <p>
        {itemCount} achat{itemCount > 1 ? "s" : ""} figurer{itemCount > 1 ? "ont" : "a"} dans l'édition n° {nextNumber}
        {previousNumber
          ? ` : ${summary}${unchanged > 0 ? `, ${unchanged} inchangé${unchanged > 1 ? "s" : ""}` : ""}.`
          : "."}
      </p>
      <ChangeList title={previousNumber ? "Ajoutés" : "Achats de l'édition"} count={added.length}>
        {added.map((item) => (
          <li key={item.id}>
            {link(item.id, item.title)} — publication prévue le {formatDateFr(item.date)}
          </li>
        ))}
      </ChangeList>
      <ChangeList title="Déplacés" count={moved.length}>
        {moved.map((item) => (
          <li key={item.id}>
            {link(item.id, item.title)} — du {formatDateFr(item.from)} au {formatDateFr(item.to)}
            {item.fields.length ? ` ; modifié aussi : ${item.fields.join(", ").toLowerCase()}` : ""}
          </li>
        ))}
      </ChangeList>
      <ChangeList title="Modifiés" count={modified.length}>
        {modified.map((item) => (
          <li key={item.id}>
            {link(item.id, item.title)} — {item.fields.join(", ").toLowerCase()}
          </li>
        ))}
      </ChangeList>
      <ChangeList title="Retirés" count={withdrawn.length}>
        {withdrawn.map((item) => (
          <li key={item.id}>
            {link(item.id, item.title)} — n'est plus prévu pour ce semestre (retiré, repassé en brouillon ou déplacé à
            un autre semestre)
          </li>
        ))}
      </ChangeList>

      {actionData?.error ? <FormError id="publication-error" errors={[actionData.error]} /> : null}
      {blocker ? (
        <div className="notice" role="status">
          <p>{blocker}</p>
        </div>
      ) : (
        <Form method="post">
          <input type="hidden" name="semestre" value={semester.key} />
          <p>La publication est définitive et inscrite au registre des échanges. Vérifiez les changements ci-dessus.</p>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Publier l'édition n° {nextNumber}
          </button>
        </Form>
      )}

      {editions.length > 0 ? (
        <>
          <h2>Éditions déjà publiées pour ce semestre</h2>
          <ul>
            {editions.map((edition) => (
              <li key={edition.number}>
                <Link to={`/acheteurs/${organization.slug}/editions/${semester.key}/${edition.number}`}>
                  Édition n° {edition.number}
                </Link>
                , publiée le {formatInstant(edition.publishedAt)} ({edition.itemCount} achat
                {edition.itemCount > 1 ? "s" : ""})
                {edition.isLatest ? " — la plus récente, celle que voit le public" : ""}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/acheteurs/${organization.slug}`}>Voir la page publique de {organization.name}</Link>
          </p>
        </>
      ) : null}
    </>
  );
}
