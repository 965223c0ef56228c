// Ledger format 2 (decision 0022): the hash covers salted digests of the protected fields, so a
// redacted record still fits the chain and any other change breaks it.
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { write } from "~/db/db.server";
import { sqlitePath } from "~/db/sqlite-adapter.server";
import {
  canonicalJson,
  checkChain,
  exportedRecordHash,
  exportRecord,
  fieldDigest,
  GENESIS_HASH,
  legacyRecordHash,
  REDACTED_TEXT,
  sealRecord,
  type StoredRecord,
} from "~/ledger/canonical";
import { appendExchange, verifyLedger } from "~/ledger/ledger.server";

function record(sequence: number, previousHash: string, overrides: Partial<StoredRecord> = {}): StoredRecord {
  const fields = {
    sequence,
    kind: "manual.exchange",
    actorUserId: "user-1",
    actorLabel: "Marie Dupont (Maçonnerie Dupont)",
    organizationIds: canonicalJson(["org-a", "org-b"]),
    plannedProcurementId: "proc-1",
    eventId: null,
    summary: "Appel de Marie Dupont sur le lot 2",
    payload: canonicalJson({ channel: "phone", contact: "marie@example.fr", note: "Rappel prévu" }),
    occurredAt: new Date("2026-03-02T09:30:00.000Z"),
    previousHash,
    ...overrides,
  };
  return { ...fields, ...sealRecord(fields), redactedDigests: null };
}

function chainOf(count: number): StoredRecord[] {
  const records: StoredRecord[] = [];
  let previous = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence++) {
    const next = record(sequence, previous, { summary: `Échange ${sequence}` });
    records.push(next);
    previous = next.hash;
  }
  return records;
}

/** What a redaction does to a stored record: tombstones, salts erased, digests kept. */
function redact(stored: StoredRecord, fields: string[]): StoredRecord {
  const salts = JSON.parse(stored.salts!) as Record<string, string>;
  const payload = JSON.parse(stored.payload) as Record<string, string>;
  const digests: Record<string, string> = {};
  const values = { actorUserId: stored.actorUserId, actorLabel: stored.actorLabel, summary: stored.summary };
  for (const field of fields) {
    const value = field.startsWith("payload.") ? payload[field.slice(8)]! : values[field as keyof typeof values];
    digests[field] = fieldDigest(salts[field]!, field, value);
    delete salts[field];
    if (field.startsWith("payload.")) payload[field.slice(8)] = REDACTED_TEXT;
    else if (field === "actorUserId") values.actorUserId = null;
    else values[field as "actorLabel" | "summary"] = REDACTED_TEXT;
  }
  return {
    ...stored,
    ...values,
    payload: canonicalJson(payload),
    salts: canonicalJson(salts),
    redactedDigests: canonicalJson(digests),
  };
}

describe("ledger format 2", () => {
  it("gives every protected field its own salt, so equal texts do not give equal digests", () => {
    const one = record(1, GENESIS_HASH);
    const salts = JSON.parse(one.salts!) as Record<string, string>;
    expect(Object.keys(salts).sort()).toEqual(
      ["actorLabel", "actorUserId", "payload.channel", "payload.contact", "payload.note", "summary"].sort(),
    );
    expect(new Set(Object.values(salts)).size).toBe(6);
    expect(record(1, GENESIS_HASH).hash).not.toBe(one.hash);
  });

  it("verifies an intact chain and finds the first record whose text, payload or frame changed", () => {
    const records = chainOf(5);
    expect(checkChain(records)).toMatchObject({ ok: true, count: 5, redacted: 0 });

    const edited = records.map((r) => (r.sequence === 3 ? { ...r, summary: "Réécrit" } : r));
    expect(checkChain(edited)).toMatchObject({ ok: false, brokenAt: 3 });

    const payloadKeyRemoved = records.map((r) =>
      r.sequence === 2 ? { ...r, payload: canonicalJson({ channel: "phone", note: "Rappel prévu" }) } : r,
    );
    expect(checkChain(payloadKeyRemoved)).toMatchObject({ ok: false, brokenAt: 2 });

    const payloadKeyAdded = records.map((r) =>
      r.sequence === 4
        ? { ...r, payload: canonicalJson({ ...(JSON.parse(r.payload) as object), price: "12 000 €" }) }
        : r,
    );
    expect(checkChain(payloadKeyAdded)).toMatchObject({ ok: false, brokenAt: 4 });

    const moved = records.map((r) => (r.sequence === 5 ? { ...r, occurredAt: new Date("2026-01-01") } : r));
    expect(checkChain(moved)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it("keeps a redacted record in the chain, counted as redacted, and refuses a forged digest", () => {
    const records = chainOf(3);
    const redacted = records.map((r) =>
      r.sequence === 2 ? redact(r, ["actorUserId", "actorLabel", "summary", "payload.contact"]) : r,
    );
    expect(redacted[1]!.summary).toBe(REDACTED_TEXT);
    expect(redacted[1]!.summary).not.toContain("Échange");
    expect(checkChain(redacted)).toMatchObject({ ok: true, count: 3, redacted: 1 });

    const forged = redacted.map((r) =>
      r.sequence === 2 ? { ...r, redactedDigests: r.redactedDigests!.replace(/[0-9a-f]{8}"/, '00000000"') } : r,
    );
    expect(checkChain(forged)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it("recomputes an exported record's hash from its content alone, redacted or not", () => {
    const [intact] = chainOf(1);
    const exported = exportRecord(intact!);
    expect(exported.organizationIds).toEqual(["org-a", "org-b"]);
    expect(exportedRecordHash(exported)).toBe(intact!.hash);
    expect(exportedRecordHash({ ...exported, values: { ...exported.values, summary: "Autre" } })).not.toBe(
      intact!.hash,
    );
    const redactedExport = exportRecord(redact(intact!, ["summary", "payload.note"]));
    expect(redactedExport.redacted).toHaveProperty("summary");
    expect(redactedExport.salts).not.toHaveProperty("summary");
    expect(exportedRecordHash(redactedExport)).toBe(intact!.hash);
    expect(exportedRecordHash({ ...exported, occurredAt: "2026-03-02T09:30:00Z" })).toBeNull();
  });

  it("still checks records written in format 1, before and after which format 2 records continue the chain", () => {
    const legacyFields = {
      sequence: 1,
      kind: "manual.exchange",
      actorUserId: null,
      actorLabel: "Ancien",
      organizationIds: canonicalJson(["org-a"]),
      plannedProcurementId: null,
      eventId: null,
      summary: "Écrit avant le format 2",
      payload: canonicalJson({}),
      occurredAt: new Date("2026-01-05T10:00:00.000Z"),
      previousHash: GENESIS_HASH,
    };
    const legacy: StoredRecord = {
      ...legacyFields,
      hash: legacyRecordHash(legacyFields),
      format: 1,
      salts: null,
      redactedDigests: null,
    };
    const next = record(2, legacy.hash);
    expect(checkChain([legacy, next])).toMatchObject({ ok: true, count: 2 });
    expect(checkChain([{ ...legacy, summary: "Réécrit" }, next])).toMatchObject({ ok: false, brokenAt: 1 });
  });
});

describe("the database's guard on ledger records", () => {
  it("lets through a redaction that keeps the frame and the hash, and nothing else", async () => {
    const stored = await write((tx) =>
      appendExchange(tx, {
        kind: "manual.exchange",
        actor: { userId: "user-1", label: "Marie Dupont" },
        organizationIds: ["org-a"],
        summary: "Appel de Marie Dupont",
        payload: { contact: "marie@example.fr", channel: "phone" },
      }),
    );
    const redacted = redact(stored, ["actorUserId", "actorLabel", "summary", "payload.contact"]);
    const raw = new BetterSqlite3(sqlitePath(process.env.DATABASE_URL!));
    try {
      const update = raw.prepare(
        `UPDATE "LedgerRecord" SET actorUserId = ?, actorLabel = ?, summary = ?, payload = ?, salts = ?, redactedDigests = ?, redactedAt = ?, hash = ? WHERE sequence = ?`,
      );
      const now = new Date().toISOString();
      // Changing the hash along with the texts is refused.
      expect(() =>
        update.run(
          null,
          REDACTED_TEXT,
          REDACTED_TEXT,
          redacted.payload,
          redacted.salts,
          redacted.redactedDigests,
          now,
          "f".repeat(64),
          stored.sequence,
        ),
      ).toThrow(/append-only/);
      // Changing a text without recording a redaction is refused.
      expect(() =>
        raw.prepare(`UPDATE "LedgerRecord" SET summary = 'Réécrit' WHERE sequence = ?`).run(stored.sequence),
      ).toThrow(/append-only/);
      update.run(
        null,
        REDACTED_TEXT,
        REDACTED_TEXT,
        redacted.payload,
        redacted.salts,
        redacted.redactedDigests,
        now,
        stored.hash,
        stored.sequence,
      );
    } finally {
      raw.close();
    }
    expect(await verifyLedger()).toMatchObject({ ok: true, count: 1, redacted: 1 });
  });
});
