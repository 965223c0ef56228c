-- CreateTable
CREATE TABLE "RelayRegion" (
    "organizationId" TEXT NOT NULL,
    "region" TEXT NOT NULL,

    PRIMARY KEY ("organizationId", "region"),
    CONSTRAINT "RelayRegion_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RelayFollowedBuyer" (
    "relayId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("relayId", "buyerId"),
    CONSTRAINT "RelayFollowedBuyer_relayId_fkey" FOREIGN KEY ("relayId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RelayFollowedBuyer_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RelayHighlight" (
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("organizationId", "kind", "value"),
    CONSTRAINT "RelayHighlight_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RelaySite" (
    "organizationId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,

    PRIMARY KEY ("organizationId", "origin"),
    CONSTRAINT "RelaySite_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RelayLogo" (
    "organizationId" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RelayLogo_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RelayFollowedBuyer_buyerId_idx" ON "RelayFollowedBuyer"("buyerId");
