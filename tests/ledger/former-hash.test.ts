// checkChain and the upgrade's intermediate states (decision 0022): a record written before its
// predecessor was upgraded links to that predecessor's former (format 1) hash. The link is accepted
// only when the former hash is proven by the predecessor's content, so it cannot hide a change.
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  checkChain,
  GENESIS_HASH,
  legacyRecordHash,
  sealRecord,
  type StoredRecord,
} from "~/ledger/canonical";

function legacyChain(count: number): StoredRecord[] {
  const records: StoredRecord[] = [];
  let previousHash = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence++) {
    const fields = {
      sequence,
      kind: "manual.exchange",
      actorUserId: "user-1",
      actorLabel: "Marie Dupont",
      organizationIds: canonicalJson(["org-a"]),
      plannedProcurementId: null,
      eventId: null,
      summary: `Échange ${sequence}`,
      payload: canonicalJson({ note: `Note ${sequence}` }),
      occurredAt: new Date(Date.UTC(2026, 0, 5, 10, 0, sequence)),
      previousHash,
    };
    const hash = legacyRecordHash(fields);
    records.push({ ...fields, hash, format: 1, salts: null, redactedDigests: null, legacyHash: null });
    previousHash = hash;
  }
  return records;
}

/** The first `count` records upgraded, as upgrade.server.ts does it. */
function upgradeFirst(records: StoredRecord[], count: number): StoredRecord[] {
  let previousHash = GENESIS_HASH;
  return records.map((record, index) => {
    if (index >= count) return record;
    const sealed = sealRecord({ ...record, previousHash });
    const upgraded = { ...record, ...sealed, previousHash, legacyHash: record.hash };
    previousHash = sealed.hash;
    return upgraded;
  });
}

describe("links through a former hash", () => {
  it("accepts a format 1 record after an upgraded prefix, across the batches verifyLedger reads", () => {
    const chain = upgradeFirst(legacyChain(6), 3);
    expect(chain[3]!.previousHash).toBe(chain[2]!.legacyHash);
    expect(checkChain(chain)).toMatchObject({ ok: true, count: 6 });
    // Read in two batches that split right at the boundary, as verifyLedger does.
    const first = checkChain(chain.slice(0, 3));
    expect(first.ok).toBe(true);
    expect(checkChain(chain.slice(3), first.ok ? first.tail : undefined)).toMatchObject({ ok: true, count: 3 });
  });

  it("refuses it when the predecessor was changed and re-sealed, its former hash kept beside it", () => {
    const chain = upgradeFirst(legacyChain(5), 2);
    const changed = { ...chain[1]!, summary: "Réécrit" };
    const forged = { ...changed, ...sealRecord({ ...changed }) };
    const tampered = chain.map((record, index) => (index === 1 ? forged : record));
    expect(checkChain(tampered)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it("refuses a former hash given to a record that was never upgraded from it", () => {
    const chain = upgradeFirst(legacyChain(4), 2);
    const wrongFormer = chain.map((record, index) =>
      index === 1 ? { ...record, legacyHash: "a".repeat(64) } : record,
    );
    expect(checkChain(wrongFormer)).toMatchObject({ ok: false, brokenAt: 3 });
    // Once everything is upgraded, links are by the new hashes only.
    const done = upgradeFirst(legacyChain(4), 4);
    const relinked = done.map((record, index) =>
      index === 2 ? { ...record, previousHash: done[1]!.legacyHash! } : record,
    );
    expect(checkChain(relinked)).toMatchObject({ ok: false, brokenAt: 3 });
  });
});
