// The abuse-limit counters: they trip at the documented count, reset when the window ends (clocks
// are passed in, nobody sleeps), move nothing when a request is refused, and store no address or IP.
import { describe, expect, it } from "vitest";
import { clientNetwork, LIMITS, retryInMessage, type LimitRule } from "~/auth/limits";
import {
  addressKey,
  consumeLimits,
  giveBack,
  ipKey,
  pairKey,
  purgeExpiredLimits,
  clearPairsOf,
} from "~/auth/rate-limit.server";
import { db, write } from "~/db/db.server";

const MINUTE = 60_000;
const start = new Date("2030-03-04T09:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
const rule: LimitRule = { action: "test:thing", limit: 3, windowMs: 10 * MINUTE };

describe("pure rules", () => {
  it("says when to retry, in minutes then in hours, rounded up", () => {
    expect(retryInMessage(at(12), start)).toBe("Réessayez dans 12 minutes.");
    expect(retryInMessage(new Date(start.getTime() + 11 * MINUTE + 1), start)).toBe("Réessayez dans 12 minutes.");
    expect(retryInMessage(new Date(start.getTime() + 5_000), start)).toBe("Réessayez dans 1 minute.");
    expect(retryInMessage(at(59), start)).toBe("Réessayez dans 59 minutes.");
    expect(retryInMessage(at(60), start)).toBe("Réessayez dans 1 heure.");
    expect(retryInMessage(at(61), start)).toBe("Réessayez dans 2 heures.");
    expect(retryInMessage(at(23 * 60 + 5), start)).toBe("Réessayez dans 24 heures.");
  });

  it("treats an IPv4-mapped address as its IPv4, and an IPv6 client as its /64", () => {
    expect(clientNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
    expect(clientNetwork("")).toBe("unknown");
    expect(ipKey("2001:db8:1:2::5")).toBe(ipKey("2001:db8:1:2:ffff::9"));
    expect(ipKey("2001:db8:1:2::5")).not.toBe(ipKey("2001:db8:1:3::5"));
  });

  it("keeps every window's count above what one IP can do to an account", () => {
    // One IP can add at most twice its pair limit to an account window (two adjacent pair windows).
    expect(LIMITS.loginPerAccount.windowMs).toBe(LIMITS.loginPerAccountAndIp.windowMs);
    expect(LIMITS.loginPerAccount.limit).toBeGreaterThan(2 * LIMITS.loginPerAccountAndIp.limit);
    expect(LIMITS.codeCheckPerAddress.limit).toBe(5);
  });
});

describe("counters", () => {
  const key = addressKey("Compteur@Exemple.fr");

  it("allows the documented count, refuses the next one and says when to retry", async () => {
    for (let i = 0; i < rule.limit; i++) expect(await consumeLimits([{ rule, key }], at(i))).toEqual({ ok: true });
    const refused = await consumeLimits([{ rule, key }], at(4));
    expect(refused).toMatchObject({ ok: false, rule, remaining: 0, retryMessage: "Réessayez dans 6 minutes." });
    expect(!refused.ok && refused.retryAt).toEqual(at(10));
    expect(!refused.ok && refused.retryAfterSeconds).toBe(6 * 60);
    // A refusal counts nothing: the counter stays at the limit.
    expect((await db.rateLimit.findUniqueOrThrow({ where: { action_key: { action: rule.action, key } } })).count).toBe(
      rule.limit,
    );
  });

  it("starts again from zero once the window is over", async () => {
    expect(await consumeLimits([{ rule, key }], at(9))).toMatchObject({ ok: false });
    expect(await consumeLimits([{ rule, key }], at(10))).toEqual({ ok: true });
    expect(await consumeLimits([{ rule, key }], at(11))).toEqual({ ok: true });
    expect(await consumeLimits([{ rule, key }], at(12))).toEqual({ ok: true });
    expect(await consumeLimits([{ rule, key }], at(13))).toMatchObject({
      ok: false,
      retryMessage: "Réessayez dans 7 minutes.",
    });
  });

  it("counts all keys or none: a blocked key does not push the others", async () => {
    const blocked = ipKey("198.51.100.1");
    const other = addressKey("victime@exemple.fr");
    for (let i = 0; i < rule.limit; i++) await consumeLimits([{ rule, key: blocked }], start);
    for (let i = 0; i < 5; i++)
      expect(
        await consumeLimits(
          [
            { rule: { ...rule, action: "test:other" }, key: other },
            { rule, key: blocked },
          ],
          at(1),
        ),
      ).toMatchObject({ ok: false, key: blocked });
    expect(await db.rateLimit.count({ where: { action: "test:other" } })).toBe(0);
  });

  it("counts a batch at once and says how many uses are left", async () => {
    const batch = { ...rule, action: "test:batch", limit: 10 };
    expect(await consumeLimits([{ rule: batch, key, amount: 7 }], start)).toEqual({ ok: true });
    expect(await consumeLimits([{ rule: batch, key, amount: 4 }], start)).toMatchObject({ ok: false, remaining: 3 });
    expect(await consumeLimits([{ rule: batch, key, amount: 3 }], start)).toEqual({ ok: true });
  });

  it("never exceeds the limit under parallel requests", async () => {
    const parallel = { ...rule, action: "test:parallel", limit: 5 };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => consumeLimits([{ rule: parallel, key }], start)),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(5);
  });

  it("gives back a use, and forgets an account's pairs from every IP", async () => {
    const pairs = { ...rule, action: "test:pairs" };
    const account = addressKey("paires@exemple.fr");
    await consumeLimits([{ rule: pairs, key: pairKey(account, ipKey("192.0.2.1")) }], start);
    await consumeLimits([{ rule: pairs, key: pairKey(account, ipKey("192.0.2.2")) }], start);
    await consumeLimits([{ rule: pairs, key: pairKey(addressKey("autre@exemple.fr"), ipKey("192.0.2.1")) }], start);
    await write((tx) => clearPairsOf(tx, pairs, account));
    expect(await db.rateLimit.count({ where: { action: "test:pairs" } })).toBe(1);

    const single = { ...rule, action: "test:give-back" };
    await consumeLimits([{ rule: single, key }], start);
    await consumeLimits([{ rule: single, key }], start);
    await write((tx) => giveBack(tx, single, key));
    expect(
      (await db.rateLimit.findUniqueOrThrow({ where: { action_key: { action: single.action, key } } })).count,
    ).toBe(1);
  });

  it("stores hashes only, never an address or an IP", async () => {
    await consumeLimits([{ rule, key: pairKey(addressKey("clair@exemple.fr"), ipKey("203.0.113.9")) }], start);
    const rows = await db.rateLimit.findMany();
    const stored = JSON.stringify(rows);
    expect(stored).not.toMatch(/@|exemple|203\.0\.113/);
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}(:[0-9a-f]{64})?$/);
  });

  it("purges the counters whose window is over", async () => {
    await consumeLimits([{ rule: { ...rule, action: "test:purge" }, key }], at(1_000));
    const purged = await purgeExpiredLimits(at(1_005));
    expect(purged).toBeGreaterThan(0);
    expect(await db.rateLimit.count({ where: { resetAt: { lte: at(1_005) } } })).toBe(0);
    expect(await db.rateLimit.count({ where: { action: "test:purge" } })).toBe(1);
  });
});
