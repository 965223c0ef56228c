import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookieHeader, getSession, invalidateSession, logOutEverywhere } from "~/auth/session.server";
import { redirectWithToast } from "~/ui/toast.server";

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const current = await getSession(request);
  const everywhere = form.get("intent") === "everywhere";
  if (current && everywhere) await logOutEverywhere(current.user.id);
  else await invalidateSession(request);
  return redirectWithToast(
    "/",
    { kind: "info", title: everywhere ? "Vous êtes déconnecté de tous vos appareils." : "Vous êtes déconnecté." },
    { headers: { "Set-Cookie": await clearSessionCookieHeader() } },
  );
}
