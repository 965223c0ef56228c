-- A redaction (decision 0022) may only replace protected texts by the tombstone '[effacé]'
-- (actorUserId by NULL), keeping every payload key: the guard of 20261207223222_ledger_digests let
-- a redacted record's texts change freely. checkChain also refuses a redacted field that does not
-- read as the tombstone; this makes the database refuse it in the first place.
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
      AND NEW."legacyHash" IS OLD."legacyHash" AND NEW."redactedDigests" IS NOT NULL AND NEW."redactedAt" IS NOT NULL
      AND (NEW."actorUserId" IS OLD."actorUserId" OR NEW."actorUserId" IS NULL)
      AND (NEW."actorLabel" = OLD."actorLabel" OR NEW."actorLabel" = '[effacé]')
      AND (NEW."summary" = OLD."summary" OR NEW."summary" = '[effacé]')
      AND json_valid(NEW."payload")
      AND (SELECT count(*) FROM json_each(NEW."payload")) = (SELECT count(*) FROM json_each(OLD."payload"))
      AND NOT EXISTS (
        SELECT 1 FROM json_each(NEW."payload") AS n
        LEFT JOIN json_each(OLD."payload") AS o ON o."key" = n."key"
        WHERE o."key" IS NULL
          OR NOT ((n."type" = o."type" AND n."value" IS o."value") OR (n."type" = 'text' AND n."value" = '[effacé]'))
      ))
  )
)
BEGIN
  SELECT RAISE(ABORT, 'ledger records are append-only');
END;
