// Closing an account erases the person's alerts, what was sent for them and their feed link
// (decision 0027's erasure, extended by decision 0026).
import { beforeAll, expect, it } from "vitest";
import { regenerateAlertFeedToken } from "~/alerts/alerts.server";
import { closeOwnAccount } from "~/auth/erasure.server";
import { hashPassword } from "~/auth/password.server";
import { connectDatabase, db, write } from "~/db/db.server";
import { createSupplierMember, saveAlert } from "./fixtures";

const PASSWORD = "une phrase de passe solide";

beforeAll(async () => {
  await connectDatabase();
});

it("closing one's account deletes one's alerts, their deliveries and one's alerts feed", async () => {
  const supplier = await createSupplierMember("Menuiserie qui ferme");
  const passwordHash = await hashPassword(PASSWORD);
  await write((tx) => tx.user.update({ where: { id: supplier.user.id }, data: { passwordHash } }));
  const alertId = await saveAlert(supplier.owner, { name: "Menuiserie", cpvDivisions: "45" });
  await write((tx) =>
    tx.alertDelivery.create({
      data: { alertId, deliveryKey: "week:2027-W05", itemCount: 1, unsubscribeTokenHash: "a".repeat(64) },
    }),
  );
  expect((await regenerateAlertFeedToken(supplier.owner)).ok).toBe(true);

  expect(await closeOwnAccount(supplier.user.id, PASSWORD)).toEqual({ ok: true });
  expect(await db.supplierAlert.count({ where: { userId: supplier.user.id } })).toBe(0);
  expect(await db.alertDelivery.count({ where: { alertId } })).toBe(0);
  expect(await db.alertFeed.count({ where: { userId: supplier.user.id } })).toBe(0);
});
