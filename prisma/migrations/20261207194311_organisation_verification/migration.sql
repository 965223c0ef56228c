-- Organisation verification (docs/decisions/0020-organisation-verification.md) and claims.
--
-- The columns are added in place rather than by rebuilding the table, as `prisma migrate diff`
-- would: a rebuild copies only the columns it knows, so it could drop a column that another
-- migration adds to Organization.
ALTER TABLE "Organization" ADD COLUMN "verificationStatus" TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE "Organization" ADD COLUMN "verificationRequestedById" TEXT;
ALTER TABLE "Organization" ADD COLUMN "verificationDecidedAt" DATETIME;
ALTER TABLE "Organization" ADD COLUMN "verificationDecidedById" TEXT;
ALTER TABLE "Organization" ADD COLUMN "verificationRefusalReason" TEXT;
ALTER TABLE "Organization" ADD COLUMN "verificationNote" TEXT;

-- Organisations registered before verification existed keep publishing: they count as approved.
-- New ones start "pending" (the column's default) until the application says otherwise.
UPDATE "Organization" SET "verificationStatus" = 'approved';

CREATE INDEX "Organization_siren_idx" ON "Organization"("siren");
CREATE INDEX "Organization_verificationStatus_createdAt_idx" ON "Organization"("verificationStatus", "createdAt");

-- CreateTable
CREATE TABLE "OrganizationClaim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "refusalReason" TEXT,
    CONSTRAINT "OrganizationClaim_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganizationClaim_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OrganizationClaim_organizationId_status_idx" ON "OrganizationClaim"("organizationId", "status");

-- CreateIndex
CREATE INDEX "OrganizationClaim_userId_status_idx" ON "OrganizationClaim"("userId", "status");

-- CreateIndex
CREATE INDEX "OrganizationClaim_status_createdAt_idx" ON "OrganizationClaim"("status", "createdAt");
