// POST /compte/donnees: the signed-in user's personal data as a JSON file (button "Télécharger mes
// données" on /compte). A POST, so that no link from another site can trigger it and no cache keeps it.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { personalDataExport, personalDataFilename } from "~/auth/personal-data.server";
import { requireSession } from "~/auth/session.server";
import { notFound } from "~/ui/not-found.server";

export function loader() {
  return redirect("/compte");
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const now = new Date();
  const data = await personalDataExport(user.id, now);
  if (!data) notFound("Compte introuvable");
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${personalDataFilename(now)}"`,
      "Cache-Control": "no-store",
    },
  });
}
