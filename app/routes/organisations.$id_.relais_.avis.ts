// POST /organisations/:id/relais/avis: a relay member's own choice to get, or not, an email at each
// new plan edition of a buyer the relay follows (decision 0025, amended 2026-12-08). Every member of
// the relay may set it for themselves, while the relay's other settings are its administrators'; the
// form is in the « Vos e-mails » section of /organisations/:id/relais. Reading changes nothing
// (decision 0017): a GET only answers 405, once the caller is known.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireRelayMember } from "~/relay/access.server";
import { relayNoticeSettingsPath, setEditionNotices } from "~/relay/notice-settings.server";
import { editionNoticesSchema } from "~/relay/schemas";
import { notFound } from "~/ui/not-found.server";
import { redirectWithToast } from "~/ui/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRelayMember(request, params.id ?? "");
  throw new Response("Ce choix se fait avec la case « Recevoir un e-mail… » de la page de votre relais.", {
    status: 405,
    headers: { Allow: "POST" },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, relay } = await requireRelayMember(request, params.id ?? "");
  const submission = parseWithZod(await request.formData(), { schema: editionNoticesSchema });
  if (submission.status !== "success")
    throw new Response("Ce choix n'a pas pu être lu : cochez ou décochez la case, puis enregistrez.", {
      status: 400,
    });
  const on = submission.value.editionNotices;
  // The membership was just checked; it may have gone since (removed by an administrator).
  if (!(await setEditionNotices({ userId: user.id, relayId: relay.id }, on))) notFound("Relais introuvable");
  return redirectWithToast(
    relayNoticeSettingsPath(relay.id),
    on
      ? {
          title: "Choix enregistré.",
          description: `Vous recevrez un e-mail à chaque nouvelle édition d'un plan suivi par ${relay.name}.`,
        }
      : {
          title: "Choix enregistré.",
          description: `Vous ne recevrez plus d'e-mail à chaque nouvelle édition d'un plan suivi par ${relay.name}. Cochez de nouveau la case pour les recevoir.`,
        },
  );
}
