-- Supplier alerts (docs/decisions/0026-supplier-alerts.md): saved alerts, their deliveries (one per
-- alert and week or publication: the exactly-once key) and the personal iCal feeds of alerts.

-- CreateTable
CREATE TABLE "SupplierAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "emptyWeek" TEXT NOT NULL DEFAULT 'nothing',
    "cpvDivisions" TEXT NOT NULL DEFAULT '[]',
    "departements" TEXT NOT NULL DEFAULT '[]',
    "regions" TEXT NOT NULL DEFAULT '[]',
    "categories" TEXT NOT NULL DEFAULT '[]',
    "reservedOnly" BOOLEAN NOT NULL DEFAULT false,
    "environmental" BOOLEAN NOT NULL DEFAULT false,
    "social" BOOLEAN NOT NULL DEFAULT false,
    "keywords" TEXT NOT NULL DEFAULT '[]',
    "unsubscribedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SupplierAlert_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupplierAlert_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "alertId" TEXT NOT NULL,
    "deliveryKey" TEXT NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "unsubscribeTokenHash" TEXT NOT NULL,
    "unsubscribedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "SupplierAlert" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertFeed" (
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "organizationId"),
    CONSTRAINT "AlertFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertFeed_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The outbox's extra headers (List-Unsubscribe of alert emails), added in place rather than by
-- rebuilding the table, as `prisma migrate diff` would: a rebuild copies only the columns it knows,
-- so it could drop a column that another migration adds to OutboxMessage.
ALTER TABLE "OutboxMessage" ADD COLUMN "headers" TEXT NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "SupplierAlert_userId_organizationId_idx" ON "SupplierAlert"("userId", "organizationId");

-- CreateIndex
CREATE INDEX "SupplierAlert_frequency_unsubscribedAt_idx" ON "SupplierAlert"("frequency", "unsubscribedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_unsubscribeTokenHash_key" ON "AlertDelivery"("unsubscribeTokenHash");

-- CreateIndex
CREATE INDEX "AlertDelivery_createdAt_idx" ON "AlertDelivery"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_alertId_deliveryKey_key" ON "AlertDelivery"("alertId", "deliveryKey");

-- CreateIndex
CREATE UNIQUE INDEX "AlertFeed_tokenHash_key" ON "AlertFeed"("tokenHash");
