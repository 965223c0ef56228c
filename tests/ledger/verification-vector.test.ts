// The worked example of docs/ledger-verification.md § 3: one record with fixed salts, a redacted
// field, non-ASCII text, a newline and a number, whose hash the application, the offline script
// and an independent implementation (Python's json and hashlib, when the example was written) all
// compute the same. A re-implementer checks their code against it.
import { describe, expect, it } from "vitest";
import { exportedRecordHash, fieldDigest, type ExportedRecord } from "~/ledger/canonical";
import { recordHash as scriptRecordHash } from "../../scripts/verify-export.mjs";

const NAME = "Camille Martin (Ville d'Exemple)";

const EXAMPLE: ExportedRecord = {
  sequence: 12,
  kind: "manual.exchange",
  organizationIds: ["org-supplier", "org-buyer"],
  plannedProcurementId: "proc-1",
  eventId: null,
  occurredAt: "2027-03-15T11:00:00.000Z",
  previousHash: "ab".repeat(32),
  hash: "bc3c4ae61f90e2060df384d5d3681406736ae95d77473c34b23c8c8a7452f763",
  values: {
    actorUserId: "user-1",
    actorLabel: "[effacé]",
    summary: "Appel : « visite du site » ✓",
    payload: { channel: "phone", text: "Ligne 1\nLigne 2", n: 3 },
  },
  salts: {
    actorUserId: "00112233445566778899aabbccddeeff",
    summary: "0f0e0d0c0b0a09080706050403020100",
    "payload.channel": "1".repeat(32),
    "payload.n": "2".repeat(32),
    "payload.text": "3".repeat(32),
  },
  redacted: { actorLabel: "ef629b067a206e1218af480cac9d5f3acecd43ad75f35b8921c1f299a36fd3e9" },
};

describe("the worked example of docs/ledger-verification.md", () => {
  it("has the documented digests and hash, in the app and in the offline script", () => {
    expect(fieldDigest("4".repeat(32), "actorLabel", NAME)).toBe(EXAMPLE.redacted.actorLabel);
    expect(fieldDigest(EXAMPLE.salts.summary!, "summary", EXAMPLE.values.summary)).toBe(
      "adbe3fc891aeb7cbe54680ecfe76841e9140f4db1a319417f6d74b94d8e32202",
    );
    expect(exportedRecordHash(EXAMPLE)).toBe(EXAMPLE.hash);
    expect(scriptRecordHash(EXAMPLE)).toBe(EXAMPLE.hash);
  });

  it("any change of a value, a salt, a digest or the frame changes the hash in both", () => {
    const variants: ExportedRecord[] = [
      { ...EXAMPLE, values: { ...EXAMPLE.values, summary: "Appel : « visite du site »" } },
      { ...EXAMPLE, values: { ...EXAMPLE.values, payload: { ...EXAMPLE.values.payload, n: "3" } } },
      { ...EXAMPLE, salts: { ...EXAMPLE.salts, "payload.n": "2".repeat(31) + "3" } },
      { ...EXAMPLE, redacted: { actorLabel: "0".repeat(64) } },
      { ...EXAMPLE, organizationIds: ["org-supplier"] },
      { ...EXAMPLE, occurredAt: "2027-03-15T11:00:00Z" },
    ];
    for (const variant of variants) {
      expect(exportedRecordHash(variant)).not.toBe(EXAMPLE.hash);
      expect(scriptRecordHash(variant)).not.toBe(EXAMPLE.hash);
    }
    // A redacted field must read as the tombstone: its digest vouches for the erased text only.
    const notTombstone = { ...EXAMPLE, values: { ...EXAMPLE.values, actorLabel: "Camille Martin" } };
    expect(exportedRecordHash(notTombstone)).toBeNull();
    expect(scriptRecordHash(notTombstone)).toBeNull();
    // The organisations' order does not count: they are sorted.
    const reordered = { ...EXAMPLE, organizationIds: ["org-buyer", "org-supplier"] };
    expect(exportedRecordHash(reordered)).toBe(EXAMPLE.hash);
    expect(scriptRecordHash(reordered)).toBe(EXAMPLE.hash);
  });
});
