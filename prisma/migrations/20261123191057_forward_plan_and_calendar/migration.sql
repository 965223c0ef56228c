-- CreateTable
CREATE TABLE "SchoolHoliday" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "schoolYear" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "firstDayOff" TEXT NOT NULL,
    "classesResume" TEXT NOT NULL,
    "confidence" TEXT NOT NULL DEFAULT 'confirmed',
    "source" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "QuietPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "startMonthDay" TEXT NOT NULL,
    "endMonthDay" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProcedureRule" (
    "procedure" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "minimumOpenDays" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OrganizationBlockedPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrganizationBlockedPeriod_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlatformSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PlannedProcurement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "reference" TEXT,
    "title" TEXT NOT NULL,
    "need" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "cpvCode" TEXT NOT NULL,
    "valueBand" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "reserved" TEXT NOT NULL DEFAULT 'none',
    "socialConsideration" TEXT,
    "environmentalConsideration" TEXT,
    "expectedPublicationDate" TEXT NOT NULL,
    "publicationJustification" TEXT,
    "responseDeadline" TEXT,
    "deadlineJustification" TEXT,
    "contractStart" TEXT,
    "contractDurationMonths" INTEGER,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "buyerProfileUrl" TEXT,
    "withdrawnAt" DATETIME,
    "withdrawalReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PlannedProcurement_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlannedLot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "plannedProcurementId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    CONSTRAINT "PlannedLot_plannedProcurementId_fkey" FOREIGN KEY ("plannedProcurementId") REFERENCES "PlannedProcurement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanEdition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "half" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT NOT NULL,
    "isLatest" BOOLEAN NOT NULL DEFAULT true,
    "itemCount" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    CONSTRAINT "PlanEdition_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanEditionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "plannedProcurementId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "reference" TEXT,
    "title" TEXT NOT NULL,
    "need" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "cpvCode" TEXT NOT NULL,
    "cpvDivision" TEXT NOT NULL,
    "valueBand" TEXT NOT NULL,
    "procedure" TEXT NOT NULL,
    "reserved" TEXT NOT NULL,
    "socialConsideration" TEXT,
    "environmentalConsideration" TEXT,
    "expectedPublicationDate" TEXT NOT NULL,
    "publicationJustification" TEXT,
    "responseDeadline" TEXT,
    "deadlineJustification" TEXT,
    "contractStart" TEXT,
    "contractDurationMonths" INTEGER,
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "buyerProfileUrl" TEXT,
    "lots" TEXT NOT NULL,
    CONSTRAINT "PlanEditionItem_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "PlanEdition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "siret" TEXT,
    "nafCode" TEXT,
    "size" TEXT,
    "essStatus" TEXT,
    "siren" TEXT,
    "buyerKind" TEXT,
    "relayKind" TEXT,
    "policySchoolHoliday" TEXT NOT NULL DEFAULT 'justify',
    "policyPublicHoliday" TEXT NOT NULL DEFAULT 'refuse',
    "policyQuietPeriod" TEXT NOT NULL DEFAULT 'refuse',
    "policyOwnPeriod" TEXT NOT NULL DEFAULT 'refuse'
);
INSERT INTO "new_Organization" ("buyerKind", "createdAt", "departement", "essStatus", "id", "kind", "nafCode", "name", "relayKind", "siren", "siret", "size", "slug", "updatedAt") SELECT "buyerKind", "createdAt", "departement", "essStatus", "id", "kind", "nafCode", "name", "relayKind", "siren", "siret", "size", "slug", "updatedAt" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");
CREATE UNIQUE INDEX "Organization_siret_key" ON "Organization"("siret");
CREATE INDEX "Organization_kind_departement_idx" ON "Organization"("kind", "departement");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SchoolHoliday_zone_firstDayOff_idx" ON "SchoolHoliday"("zone", "firstDayOff");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolHoliday_zone_schoolYear_period_key" ON "SchoolHoliday"("zone", "schoolYear", "period");

-- CreateIndex
CREATE INDEX "OrganizationBlockedPeriod_organizationId_startDate_idx" ON "OrganizationBlockedPeriod"("organizationId", "startDate");

-- CreateIndex
CREATE INDEX "PlannedProcurement_organizationId_expectedPublicationDate_idx" ON "PlannedProcurement"("organizationId", "expectedPublicationDate");

-- CreateIndex
CREATE INDEX "PlannedProcurement_expectedPublicationDate_idx" ON "PlannedProcurement"("expectedPublicationDate");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedLot_plannedProcurementId_number_key" ON "PlannedLot"("plannedProcurementId", "number");

-- CreateIndex
CREATE INDEX "PlanEdition_isLatest_year_half_idx" ON "PlanEdition"("isLatest", "year", "half");

-- CreateIndex
CREATE UNIQUE INDEX "PlanEdition_organizationId_year_half_number_key" ON "PlanEdition"("organizationId", "year", "half", "number");

-- CreateIndex
CREATE INDEX "PlanEditionItem_plannedProcurementId_idx" ON "PlanEditionItem"("plannedProcurementId");

-- CreateIndex
CREATE INDEX "PlanEditionItem_expectedPublicationDate_idx" ON "PlanEditionItem"("expectedPublicationDate");

-- CreateIndex
CREATE INDEX "PlanEditionItem_departement_idx" ON "PlanEditionItem"("departement");

-- CreateIndex
CREATE INDEX "PlanEditionItem_region_idx" ON "PlanEditionItem"("region");

-- CreateIndex
CREATE INDEX "PlanEditionItem_cpvDivision_idx" ON "PlanEditionItem"("cpvDivision");

-- CreateIndex
CREATE UNIQUE INDEX "PlanEditionItem_editionId_plannedProcurementId_key" ON "PlanEditionItem"("editionId", "plannedProcurementId");

-- Published editions are immutable: their items can never change or disappear, and of the
-- edition itself only the isLatest marker may move to a newer edition.
CREATE TRIGGER "PlanEditionItem_no_update" BEFORE UPDATE ON "PlanEditionItem"
BEGIN
  SELECT RAISE(ABORT, 'published plan editions are immutable');
END;

CREATE TRIGGER "PlanEditionItem_no_delete" BEFORE DELETE ON "PlanEditionItem"
BEGIN
  SELECT RAISE(ABORT, 'published plan editions are immutable');
END;

CREATE TRIGGER "PlanEdition_no_update" BEFORE UPDATE OF "organizationId", "year", "half", "number", "publishedAt", "publishedById", "itemCount", "contentHash" ON "PlanEdition"
BEGIN
  SELECT RAISE(ABORT, 'published plan editions are immutable');
END;

CREATE TRIGGER "PlanEdition_no_delete" BEFORE DELETE ON "PlanEdition"
BEGIN
  SELECT RAISE(ABORT, 'published plan editions are immutable');
END;
