// Who is looking at an event page: visitor, or a signed-in user acting for an organisation; and the
// supplier's own pages, open to members of a supplier organisation only.
import { getSession, requireSession } from "~/auth/session.server";

export async function currentActor(request: Request) {
  const current = await getSession(request);
  if (!current) return null;
  const active = current.active;
  return {
    user: { id: current.user.id, name: current.user.name, email: current.user.email },
    organization: active
      ? { id: active.organizationId, name: active.organization.name, kind: active.organization.kind }
      : null,
  };
}

export const SUPPLIER_ONLY_MESSAGE =
  "Cette page est réservée aux membres d'une entreprise. Si vous faites partie de plusieurs organisations, choisissez votre entreprise dans le menu « Agir au nom de ».";

/** The signed-in user acting for a supplier organisation (the supplier's pages); otherwise a French 403. */
export async function requireSupplierMember(request: Request) {
  await requireSession(request);
  const actor = await currentActor(request);
  if (!actor?.organization || actor.organization.kind !== "supplier")
    throw new Response(SUPPLIER_ONLY_MESSAGE, { status: 403 });
  return { user: actor.user, organization: actor.organization };
}
