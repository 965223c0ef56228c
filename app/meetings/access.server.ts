// Who is looking at an event page: visitor, or a signed-in user acting for an organisation.
import { getSession } from "~/auth/session.server";

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
