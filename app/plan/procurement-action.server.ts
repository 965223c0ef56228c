// The server side of the planned-procurement form, shared by the "new" and "edit" routes.
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { isIsoDate } from "~/calendar/dates";
import { departementLabel } from "~/territory/departements";
import { redirectWithToast } from "~/ui/toast.server";
import type { BuyerContext } from "./access.server";
import type { CheckedDateField } from "./date-rules";
import { densityNotice, type DensityNotice } from "./density.server";
import { createPlannedProcurement, updatePlannedProcurement, type SaveResult } from "./plan.server";
import type { DateProposals, DensityNoticeData } from "./procurement-form";
import { plannedProcurementSchema } from "./schema";

export function densityNoticeData(notice: DensityNotice | null): DensityNoticeData | null {
  if (!notice) return null;
  return {
    weekStart: notice.weekStart,
    launches: notice.launches,
    threshold: notice.threshold,
    departementLabel: departementLabel(notice.departement),
    territoryUrl: `/territoire?${new URLSearchParams({ territoire: `d-${notice.departement}`, debut: notice.weekStart })}`,
  };
}

/** The proposals of a failed save, tied to the value they replace (the button shows while the field holds it). */
function proposalsFor(
  proposals: Partial<Record<CheckedDateField, string>>,
  value: Partial<Record<CheckedDateField, string | null | undefined>>,
): DateProposals {
  const result: DateProposals = {};
  for (const [field, date] of Object.entries(proposals) as [CheckedDateField, string][]) {
    const current = value[field];
    if (current) result[field] = { for: current, date };
  }
  return result;
}

function densityToast(notice: DensityNoticeData | null): string | undefined {
  if (!notice) return undefined;
  return `Attention : la semaine de cette publication compte déjà ${notice.launches} autre${notice.launches > 1 ? "s" : ""} lancement${notice.launches > 1 ? "s" : ""} dans votre département. Pensez à étaler vos consultations si vous le pouvez.`;
}

/**
 * Handles a post of the form: Conform intents (add or remove a lot, take a proposed date) come
 * back with the updated form; a full submission is checked (schema, then calendar) and saved.
 */
export async function handleProcurementForm(buyer: BuyerContext, formData: FormData, existing?: { id: string }) {
  const submission = parseWithZod(formData, { schema: plannedProcurementSchema });
  const payload = submission.payload as Record<string, unknown>;
  const typedDate =
    typeof payload.expectedPublicationDate === "string" && isIsoDate(payload.expectedPublicationDate)
      ? payload.expectedPublicationDate
      : null;
  if (submission.status !== "success") {
    const density = densityNoticeData(await densityNotice(buyer.organization.departement, typedDate, existing?.id));
    return data(
      { form: "procurement" as const, result: submission.reply(), proposals: {}, density },
      { status: submission.status === "error" ? 400 : 200 },
    );
  }
  const actor = { id: buyer.user.id, name: buyer.user.name };
  const version = formData.get("version");
  const result: SaveResult = existing
    ? await updatePlannedProcurement(
        actor,
        buyer.organization,
        existing.id,
        submission.value,
        typeof version === "string" ? version : null,
      )
    : await createPlannedProcurement(actor, buyer.organization, submission.value);
  if (!result.ok) {
    if (result.notFound)
      throw new Response("Cet achat n'existe pas, ou n'appartient pas à votre organisation.", { status: 404 });
    const density = densityNoticeData(
      await densityNotice(buyer.organization.departement, submission.value.expectedPublicationDate, existing?.id),
    );
    return data(
      {
        form: "procurement" as const,
        result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }),
        proposals: proposalsFor(result.proposals, submission.value),
        density,
      },
      { status: 400 },
    );
  }
  const density = densityNoticeData(result.density);
  return redirectWithToast("/acheteur/achats", {
    kind: density ? "info" : "success",
    title: existing
      ? `« ${submission.value.title} » est enregistré.`
      : `« ${submission.value.title} » est ajouté à votre programmation.`,
    description: densityToast(density),
  });
}
