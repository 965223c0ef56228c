// What a buyer sees of another organisation's unpublished work through the meetings: the stand form
// lists the organiser's own procurements and other buyers' published ones only, a stand accepts no
// other link, and another organisation's draft event never appears in a buyer's list of events.
import { beforeAll, describe, expect, it } from "vitest";
import { invalidateCalendarCache } from "~/calendar/calendar.server";
import {
  addStand,
  createEvent,
  listOrganizerEvents,
  publishEvent,
  standFormOptions,
  updateStand,
} from "~/meetings/events.server";
import { must } from "../support/must";
import { fairInput, neighbourBuyers as neighbours, standInput } from "./fair-fixtures";

beforeAll(() => invalidateCalendarCache());

describe("the stand form", () => {
  it("lists the organiser's own procurements and other buyers' published ones, nothing unpublished of another", async () => {
    const { organiser, ids } = await neighbours();
    const options = await standFormOptions(organiser.organization);
    const listed = options.procurements.map((procurement) => procurement.id);
    expect(listed).toContain(ids.organiserDraft);
    expect(listed).toContain(ids.published);
    expect(listed).not.toContain(ids.unpublished);
    expect(listed).not.toContain(ids.draft);
    expect(JSON.stringify(options)).not.toMatch(/pas encore publié|Brouillon de la voisine/);
  });

  it("links a neighbour's stand to its published procurements only, when adding and when editing", async () => {
    const { organiser, neighbour, ids } = await neighbours();
    const event = must(await createEvent(organiser.actor, organiser.organization, fairInput()));
    const holder = neighbour.organization.id;
    for (const unpublished of [ids.unpublished, ids.draft]) {
      expect(
        await addStand(
          organiser.actor,
          organiser.organization,
          event.id,
          standInput(holder, { plannedProcurementIds: [unpublished] }),
        ),
      ).toMatchObject({ ok: false, fieldErrors: { plannedProcurementIds: [expect.any(String)] } });
    }
    const stand = must(
      await addStand(
        organiser.actor,
        organiser.organization,
        event.id,
        standInput(holder, { plannedProcurementIds: [ids.published] }),
      ),
    );
    expect(
      await updateStand(
        organiser.organization,
        event.id,
        stand.id,
        standInput(holder, { plannedProcurementIds: [ids.published, ids.unpublished] }),
      ),
    ).toMatchObject({ ok: false, fieldErrors: { plannedProcurementIds: [expect.any(String)] } });
    // The organiser's own stand may still show its own work in progress.
    expect(
      await addStand(
        organiser.actor,
        organiser.organization,
        event.id,
        standInput(organiser.organization.id, {
          name: "Stand de la Métropole",
          plannedProcurementIds: [ids.organiserDraft],
        }),
      ),
    ).toMatchObject({ ok: true });
  });
});

describe("a buyer's list of events", () => {
  it("shows another organisation's fair where it holds a stand only once the fair is published", async () => {
    const { organiser, neighbour } = await neighbours();
    const event = must(
      await createEvent(organiser.actor, organiser.organization, fairInput({ title: "Salon encore en brouillon" })),
    );
    must(await addStand(organiser.actor, organiser.organization, event.id, standInput(neighbour.organization.id)));
    expect((await listOrganizerEvents(organiser.organization.id)).map((row) => row.id)).toContain(event.id);
    expect((await listOrganizerEvents(neighbour.organization.id)).map((row) => row.id)).not.toContain(event.id);
    must(await publishEvent(organiser.actor, organiser.organization, event.id));
    expect((await listOrganizerEvents(neighbour.organization.id)).map((row) => row.id)).toContain(event.id);
  });
});
