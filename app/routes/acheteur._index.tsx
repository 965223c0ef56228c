import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyerMember } from "~/plan/access.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBuyerMember(request);
  return redirect("/acheteur/achats");
}
