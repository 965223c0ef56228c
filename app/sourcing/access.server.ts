// Who is looking at a questionnaire: a visitor, a member of a supplier organisation (who may
// answer), or someone acting for another kind of organisation (who may only read).
import { getSession } from "~/auth/session.server";

/** A member acting for a supplier organisation: who answers, and for whom. */
export interface Supplier {
  userId: string;
  userName: string;
  organizationId: string;
  organizationName: string;
}

export type Viewer =
  | { kind: "visitor" }
  | { kind: "supplier"; supplier: Supplier }
  | { kind: "other"; userId: string; organizationKind: string | null };

export async function viewerOf(request: Request): Promise<Viewer> {
  const current = await getSession(request);
  if (!current) return { kind: "visitor" };
  const active = current.active;
  if (active?.organization.kind === "supplier") {
    return {
      kind: "supplier",
      supplier: {
        userId: current.user.id,
        userName: current.user.name,
        organizationId: active.organizationId,
        organizationName: active.organization.name,
      },
    };
  }
  return { kind: "other", userId: current.user.id, organizationKind: active?.organization.kind ?? null };
}

export const NOT_A_SUPPLIER_MESSAGE =
  "Pour répondre, agissez au nom d'une entreprise ou d'une structure de l'ESS : choisissez-la dans le menu « Agir au nom de », ou créez-la depuis votre compte.";
export const OTHER_ORGANIZATION_MESSAGE =
  "Ce formulaire a été ouvert au nom d'une autre organisation que celle pour laquelle vous agissez maintenant. Rien n'a été enregistré : rechargez la page.";
