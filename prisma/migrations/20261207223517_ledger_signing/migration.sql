-- CreateTable
CREATE TABLE "LedgerSigningKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME
);

-- CreateTable
CREATE TABLE "LedgerCheckpoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sequence" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "merkleRoot" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "brokenAt" INTEGER,
    "signedAt" DATETIME NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "LedgerCheckpoint_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "LedgerSigningKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LedgerCheckpoint_signedAt_idx" ON "LedgerCheckpoint"("signedAt");

-- CreateIndex
CREATE INDEX "LedgerCheckpoint_sequence_idx" ON "LedgerCheckpoint"("sequence");

-- Signed checkpoints are append-only, like the ledger itself.
CREATE TRIGGER "LedgerCheckpoint_no_update" BEFORE UPDATE ON "LedgerCheckpoint"
BEGIN
  SELECT RAISE(ABORT, 'ledger checkpoints are append-only');
END;

CREATE TRIGGER "LedgerCheckpoint_no_delete" BEFORE DELETE ON "LedgerCheckpoint"
BEGIN
  SELECT RAISE(ABORT, 'ledger checkpoints are append-only');
END;

-- A signing key stays published for good: never deleted; the only change is its retirement, once.
CREATE TRIGGER "LedgerSigningKey_no_delete" BEFORE DELETE ON "LedgerSigningKey"
BEGIN
  SELECT RAISE(ABORT, 'ledger signing keys stay published');
END;

CREATE TRIGGER "LedgerSigningKey_retire_only" BEFORE UPDATE ON "LedgerSigningKey"
WHEN OLD."retiredAt" IS NOT NULL
  OR NEW."retiredAt" IS NULL
  OR NEW."id" IS NOT OLD."id"
  OR NEW."publicKey" IS NOT OLD."publicKey"
  OR NEW."createdAt" IS NOT OLD."createdAt"
BEGIN
  SELECT RAISE(ABORT, 'a ledger signing key can only be retired, once');
END;
