// /registre/coherence.json computes a proof by walking the ledger: each network may have 30 computed
// per hour; a proof already computed is served to anyone without counting.
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "~/auth/limits";
import { consumeLimits, ipKey } from "~/auth/rate-limit.server";
import { connectDatabase, write } from "~/db/db.server";
import { signCheckpoint } from "~/ledger/checkpoints.server";
import { consistencyBetween } from "~/ledger/consistency.server";
import { appendExchange } from "~/ledger/ledger.server";

async function append(count: number) {
  for (let i = 0; i < count; i++)
    await write((tx) =>
      appendExchange(tx, {
        kind: "manual.exchange",
        actor: { userId: null, label: "Acheteur" },
        organizationIds: ["org"],
        summary: `Échange ${i}`,
      }),
    );
}

let first: number;
let second: number;

beforeAll(async () => {
  await connectDatabase();
  await append(3);
  first = (await signCheckpoint({ reason: "daily" })).checkpoint.sequence;
  await append(2);
  second = (await signCheckpoint({ reason: "daily" })).checkpoint.sequence;
});

describe("the consistency proofs' limit per network", () => {
  it("counts only proofs to compute, refuses the 31st in the hour in French, and spares other networks", async () => {
    const busy = { ip: "203.0.113.9" };
    expect(await consistencyBetween(first, second, busy)).toMatchObject({ ok: true });
    // 29 more computations from the same network within the hour.
    for (let i = 1; i < LIMITS.consistencyProofPerIp.limit; i++)
      expect((await consumeLimits([{ rule: LIMITS.consistencyProofPerIp, key: ipKey(busy.ip) }], new Date())).ok).toBe(
        true,
      );
    // Already computed: served, not counted.
    expect(await consistencyBetween(first, second, busy)).toMatchObject({ ok: true });
    const refused = await consistencyBetween(second, second, busy);
    expect(refused).toMatchObject({ ok: false, status: 429 });
    if (refused.ok || refused.status !== 429) throw new Error("expected a refusal");
    expect(refused.error).toMatch(/^Trop de preuves de cohérence calculées pour votre connexion\./);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await consistencyBetween(second, second, { ip: "198.51.100.7" })).toMatchObject({ ok: true });
  });
});
