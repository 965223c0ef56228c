// A relay member's choice about edition notices and the links of the notices sent to them go with
// their membership: when they close their account (decision 0027's erasure) or leave the relay. The
// links' rows are purged after 400 days, as alert deliveries; an old link then says it does not work.
// Both are in the member's own data export.
import { beforeAll, expect, it } from "vitest";
import { closeOwnAccount } from "~/auth/erasure.server";
import { personalDataExport } from "~/auth/personal-data.server";
import { hashPassword } from "~/auth/password.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { connectDatabase, db, write } from "~/db/db.server";
import {
  checkNoticeUnsubscribeLink,
  purgeOldNoticeDeliveries,
  setEditionNotices,
} from "~/relay/notice-settings.server";
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

it("old links are purged after 400 days, and then say they no longer work", async () => {
  const relay = await createRelay("CCI aux vieux liens-Test", "44");
  const membership = await db.membership.findUniqueOrThrow({
    where: { userId_organizationId: { userId: relay.admin.id, organizationId: relay.id } },
  });
  const now = new Date();
  const day = 24 * 60 * 60 * 1000;
  const [old, recent] = [generateToken(), generateToken()];
  await write((tx) =>
    tx.relayNoticeDelivery.createMany({
      data: [
        {
          membershipId: membership.id,
          editionId: "ancienne",
          unsubscribeTokenHash: hashToken(old),
          createdAt: new Date(now.getTime() - 401 * day),
        },
        {
          membershipId: membership.id,
          editionId: "recente",
          unsubscribeTokenHash: hashToken(recent),
          createdAt: new Date(now.getTime() - 399 * day),
        },
      ],
    }),
  );
  expect(await checkNoticeUnsubscribeLink(old)).toMatchObject({ state: "ready" });
  expect(await purgeOldNoticeDeliveries(now)).toBe(1);
  expect(await checkNoticeUnsubscribeLink(old)).toEqual({ state: "invalid" });
  expect(await checkNoticeUnsubscribeLink(recent)).toEqual({
    state: "ready",
    relayId: relay.id,
    relayName: relay.name,
  });
});

it("are in the member's own data export, without the hash of any link", async () => {
  const relay = await createRelay("CCI qui exporte-Test", "44");
  await withNoticeRows(relay.id, relay.member.id, "d".repeat(64));
  const exported = await personalDataExport(relay.member.id);
  expect(exported!.memberships).toEqual([
    expect.objectContaining({
      organization: expect.objectContaining({ id: relay.id }),
      editionNotices: {
        stoppedAt: expect.any(Date),
        sent: [{ editionId: "edition-test", createdAt: expect.any(Date), unsubscribedAt: null }],
      },
    }),
  ]);
  expect(JSON.stringify(exported)).not.toContain("d".repeat(64));
});
