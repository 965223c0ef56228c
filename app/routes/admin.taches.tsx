// Scheduled jobs (join links, reminders) for platform administrators: what is due, what ran, and
// what failed with its reason, with a button to run a failed job again. Nothing fails silently.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/auth/session.server";
import { formatShortInstant } from "~/calendar/format";
import { JOB_KIND_LABELS } from "~/jobs/handlers.server";
import { JOB_STATUS_LABELS, listJobs, retryFailedJob, type JobStatus } from "~/jobs/queue.server";
import { redirectWithToast } from "~/ui/toast.server";

export const meta: MetaFunction = () => [{ title: "Tâches programmées — Administration Amont" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const [failed, recent] = await Promise.all([listJobs({ status: "failed", take: 100 }), listJobs({ take: 100 })]);
  const toView = (job: (typeof recent)[number]) => ({
    id: job.id,
    kind: JOB_KIND_LABELS[job.kind] ?? job.kind,
    key: job.dedupeKey,
    statusLabel: JOB_STATUS_LABELS[job.status as JobStatus] ?? job.status,
    runAt: job.runAt.toISOString(),
    attempts: job.attempts,
    lastError: job.lastError,
  });
  return { failed: failed.map(toView), recent: recent.filter((job) => job.status !== "failed").map(toView) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePlatformAdmin(request);
  const id = String((await request.formData()).get("id") ?? "");
  const { count } = await retryFailedJob(id);
  return redirectWithToast(
    "/admin/taches",
    count > 0
      ? { title: "La tâche sera exécutée à nouveau dans les prochaines secondes.", kind: "success" }
      : { title: "Cette tâche n'est pas en échec : rien n'a été changé.", kind: "error" },
  );
}

type JobView = ReturnType<typeof useLoaderData<typeof loader>>["recent"][number];

function JobTable({ caption, jobs, retry }: { caption: string; jobs: JobView[]; retry?: boolean }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Prévue le</th>
          <th scope="col">Tâche</th>
          <th scope="col">État</th>
          {retry ? <th scope="col">Action</th> : null}
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id}>
            <td>{formatShortInstant(job.runAt)}</td>
            <td>
              {job.kind}
              <br />
              <span className="muted">{job.key}</span>
            </td>
            <td>
              {job.statusLabel}
              {job.attempts > 0 ? ` (${job.attempts} tentative${job.attempts > 1 ? "s" : ""})` : null}
              {job.lastError ? <p className="muted">{job.lastError}</p> : null}
            </td>
            {retry ? (
              <td>
                <Form method="post">
                  <input type="hidden" name="id" value={job.id} />
                  <button type="submit" className="button--secondary">
                    Relancer
                  </button>
                </Form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ScheduledJobs() {
  const { failed, recent } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Tâches programmées</h1>
      <p className="notice">
        Les envois prévus à l'avance (lien de connexion d'un webinaire, rappel la veille) sont enregistrés dans la base
        : un redémarrage du serveur ne les perd pas, et chacun n'est exécuté qu'une fois. Une tâche qui échoue est
        retentée avec un délai croissant ; après 6 tentatives elle reste ci-dessous, avec la raison de l'échec.
      </p>
      {failed.length > 0 ? (
        <JobTable caption={`Tâches en échec (${failed.length})`} jobs={failed} retry />
      ) : (
        <p>Aucune tâche en échec.</p>
      )}
      <JobTable caption="Dernières tâches" jobs={recent} />
    </>
  );
}
