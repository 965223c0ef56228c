// A relay member's choice about edition notices and the links of the notices sent to them go with
// their membership: when they close their account (decision 0027's erasure) or leave the relay.
import { beforeAll, expect, it } from "vitest";
import { closeOwnAccount } from "~/auth/erasure.server";
import { hashPassword } from "~/auth/password.server";
import { connectDatabase, db, write } from "~/db/db.server";
import { setEditionNotices } from "~/relay/notice-settings.server";
import { createRelay } from "./support";

const PASSWORD = "une phrase de passe solide";

beforeAll(async () => {
  await connectDatabase();
});

async function withNoticeRows(relayId: string, userId: string, tokenHash: string) {
  expect(await setEditionNotices({ userId, relayId }, false)).toBe(true);
  const membership = await db.membership.findUniqueOrThrow({
    where: { userId_organizationId: { userId, organizationId: relayId } },
  });
  await write((tx) =>
    tx.relayNoticeDelivery.create({
      data: { membershipId: membership.id, editionId: "edition-test", unsubscribeTokenHash: tokenHash },
    }),
  );
  expect(await db.relayNoticeOptOut.count({ where: { membershipId: membership.id } })).toBe(1);
  return membership.id;
}

it("closing one's account deletes one's notice choice and the links of the notices one was sent", async () => {
  const relay = await createRelay("CCI qui perd un membre-Test", "44");
  const passwordHash = await hashPassword(PASSWORD);
  await write((tx) => tx.user.update({ where: { id: relay.member.id }, data: { passwordHash } }));
  const membershipId = await withNoticeRows(relay.id, relay.member.id, "b".repeat(64));

  expect(await closeOwnAccount(relay.member.id, PASSWORD)).toEqual({ ok: true });
  expect(await db.relayNoticeOptOut.count({ where: { membershipId } })).toBe(0);
  expect(await db.relayNoticeDelivery.count({ where: { membershipId } })).toBe(0);
});

it("leaving the relay deletes them too", async () => {
  const relay = await createRelay("CCI qu'un membre quitte-Test", "44");
  const membershipId = await withNoticeRows(relay.id, relay.member.id, "c".repeat(64));
  await write((tx) => tx.membership.delete({ where: { id: membershipId } }));
  expect(await db.relayNoticeOptOut.count({ where: { membershipId } })).toBe(0);
  expect(await db.relayNoticeDelivery.count({ where: { membershipId } })).toBe(0);
});
