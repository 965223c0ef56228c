// The server side of the buyer's event and stand forms (shared by the new, edit and manage pages).
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { BuyerContext } from "~/plan/access.server";
import { redirectWithToast } from "~/ui/toast.server";
import { eventSchema, standSchema } from "./event-schema";
import { addStand, createEvent, updateEvent } from "./events.server";

export async function handleEventForm(buyer: BuyerContext, formData: FormData, existing?: { id: string }) {
  const submission = parseWithZod(formData, { schema: eventSchema });
  if (submission.status !== "success") {
    return data(
      { form: "event" as const, result: submission.reply(), proposal: null },
      { status: submission.status === "error" ? 400 : 200 },
    );
  }
  const actor = { id: buyer.user.id, name: buyer.user.name };
  const organization = {
    id: buyer.organization.id,
    name: buyer.organization.name,
    departement: buyer.organization.departement,
  };
  const result = existing
    ? await updateEvent(actor, organization, existing.id, submission.value)
    : await createEvent(actor, organization, submission.value);
  if (!result.ok) {
    if (result.notFound)
      throw new Response("Cet événement n'existe pas, ou votre organisation ne l'organise pas.", { status: 404 });
    return data(
      {
        form: "event" as const,
        result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }),
        proposal: result.proposal ? { for: submission.value.date, date: result.proposal } : null,
      },
      { status: 400 },
    );
  }
  const notified = result.notified ?? 0;
  return redirectWithToast(`/acheteur/evenements/${result.id}`, {
    kind: "success",
    title: existing
      ? `« ${submission.value.title} » est enregistré.`
      : `« ${submission.value.title} » est créé. Il reste privé jusqu'à sa publication.`,
    ...(notified > 0
      ? {
          description: `${notified} personne${notified > 1 ? "s" : ""} concernée${notified > 1 ? "s" : ""} ${notified > 1 ? "sont prévenues" : "est prévenue"} du changement par courriel.`,
        }
      : {}),
  });
}

export async function handleStandForm(buyer: BuyerContext, formData: FormData, eventId: string) {
  const submission = parseWithZod(formData, { schema: standSchema });
  if (submission.status !== "success")
    return data(
      { form: "stand" as const, result: submission.reply() },
      { status: submission.status === "error" ? 400 : 200 },
    );
  const result = await addStand(
    { id: buyer.user.id, name: buyer.user.name },
    { id: buyer.organization.id, name: buyer.organization.name, departement: buyer.organization.departement },
    eventId,
    submission.value,
  );
  if (!result.ok) {
    if (result.notFound)
      throw new Response("Cet événement n'existe pas, ou votre organisation ne l'organise pas.", { status: 404 });
    return data(
      {
        form: "stand" as const,
        result: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }),
      },
      { status: 400 },
    );
  }
  return redirectWithToast(`/acheteur/evenements/${eventId}`, {
    kind: "success",
    title: `Stand « ${submission.value.name} » ajouté, avec ${result.slots} créneaux.`,
  });
}
