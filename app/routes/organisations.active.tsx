import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { sameOriginRefererPath } from "~/auth/redirect";
import { requireSession } from "~/auth/session.server";
import { switchActiveOrganization } from "~/organizations/organizations.server";
import { redirectWithToast } from "~/ui/toast.server";

export function loader() {
  return redirect("/compte");
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, user } = await requireSession(request);
  const organizationId = String((await request.formData()).get("organizationId") ?? "");
  const switched = await switchActiveOrganization(session.id, user.id, organizationId);
  if (!switched)
    return redirectWithToast("/compte", { kind: "error", title: "Vous n'êtes pas membre de cette organisation." });
  // Back to the page the switch was made from, when it is on this site.
  const target = sameOriginRefererPath(request.headers.get("Referer"), request.url);
  return redirectWithToast(target, { kind: "info", title: "Organisation active changée." });
}
