-- Ledger format 2 (decision 0022): protected fields are hashed through salted digests so that a
-- person's data can be redacted without breaking the chain. Columns are added in place (rebuilding
-- the table would drop its triggers); records written before stay in format 1 until upgraded.
ALTER TABLE "LedgerRecord" ADD COLUMN "format" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "LedgerRecord" ADD COLUMN "salts" TEXT;
ALTER TABLE "LedgerRecord" ADD COLUMN "redactedDigests" TEXT;
ALTER TABLE "LedgerRecord" ADD COLUMN "redactedAt" DATETIME;
ALTER TABLE "LedgerRecord" ADD COLUMN "legacyHash" TEXT;

-- Still append-only, with two exceptions that leave the chain checkable:
-- 1. the one-time upgrade of a format 1 record to format 2, which keeps its position, its frame
--    and its texts and records its former hash;
-- 2. a redaction, which keeps the frame and the hashes and only replaces protected texts by
--    tombstones, removing their salts and keeping their digests.
DROP TRIGGER "LedgerRecord_no_update";
CREATE TRIGGER "LedgerRecord_no_update" BEFORE UPDATE ON "LedgerRecord"
WHEN NOT (
  NEW."sequence" = OLD."sequence"
  AND NEW."kind" = OLD."kind"
  AND NEW."organizationIds" = OLD."organizationIds"
  AND NEW."plannedProcurementId" IS OLD."plannedProcurementId"
  AND NEW."eventId" IS OLD."eventId"
  AND NEW."occurredAt" = OLD."occurredAt"
  AND (
    (OLD."format" = 1 AND NEW."format" = 2 AND NEW."legacyHash" = OLD."hash" AND NEW."salts" IS NOT NULL
      AND NEW."actorUserId" IS OLD."actorUserId" AND NEW."actorLabel" = OLD."actorLabel"
      AND NEW."summary" = OLD."summary" AND NEW."payload" = OLD."payload"
      AND OLD."redactedDigests" IS NULL AND NEW."redactedDigests" IS NULL)
    OR
    (OLD."format" = 2 AND NEW."format" = 2 AND NEW."hash" = OLD."hash" AND NEW."previousHash" = OLD."previousHash"
      AND NEW."legacyHash" IS OLD."legacyHash" AND NEW."redactedDigests" IS NOT NULL AND NEW."redactedAt" IS NOT NULL)
  )
)
BEGIN
  SELECT RAISE(ABORT, 'ledger records are append-only');
END;
