// What every signed-in request needs to know about the user's organisations, fetched with the
// session itself (one query: see validateSessionToken), and the rule that picks the one they act for.
import type { Prisma } from "~/generated/prisma/client";

export const MEMBERSHIP_SUMMARY = {
  include: { organization: { select: { id: true, name: true, kind: true, slug: true } } },
  orderBy: { createdAt: "asc" },
} as const satisfies Prisma.User$membershipsArgs;

export type MembershipSummary = Prisma.MembershipGetPayload<{ include: (typeof MEMBERSHIP_SUMMARY)["include"] }>;

/** The organisation this page acts for: the session's choice if still a member, else the first. */
export function activeMembership(
  memberships: readonly MembershipSummary[],
  activeOrganizationId: string | null,
): MembershipSummary | null {
  return memberships.find((membership) => membership.organizationId === activeOrganizationId) ?? memberships[0] ?? null;
}
