-- Relay notices a member can stop (docs/decisions/0025-relays.md, amended 2026-12-08): the members who
-- stopped them, and one row per notice sent with the hash of its one-click unsubscribe link. Both go
-- with the membership.

-- CreateTable
CREATE TABLE "RelayNoticeOptOut" (
    "membershipId" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RelayNoticeOptOut_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RelayNoticeDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "membershipId" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "unsubscribeTokenHash" TEXT NOT NULL,
    "unsubscribedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RelayNoticeDelivery_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RelayNoticeDelivery_unsubscribeTokenHash_key" ON "RelayNoticeDelivery"("unsubscribeTokenHash");

-- CreateIndex
CREATE INDEX "RelayNoticeDelivery_createdAt_idx" ON "RelayNoticeDelivery"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RelayNoticeDelivery_membershipId_editionId_key" ON "RelayNoticeDelivery"("membershipId", "editionId");
