-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slotId" TEXT NOT NULL,
    "standId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "supplierOrganizationId" TEXT NOT NULL,
    "bookedById" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'direct',
    "attendance" TEXT,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Booking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Booking_supplierOrganizationId_fkey" FOREIGN KEY ("supplierOrganizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Booking" ("attendance", "bookedById", "createdAt", "eventId", "id", "slotId", "source", "standId", "supplierOrganizationId") SELECT "attendance", "bookedById", "createdAt", "eventId", "id", "slotId", "source", "standId", "supplierOrganizationId" FROM "Booking";
DROP TABLE "Booking";
ALTER TABLE "new_Booking" RENAME TO "Booking";
CREATE UNIQUE INDEX "Booking_slotId_key" ON "Booking"("slotId");
CREATE INDEX "Booking_eventId_supplierOrganizationId_idx" ON "Booking"("eventId", "supplierOrganizationId");
CREATE UNIQUE INDEX "Booking_standId_supplierOrganizationId_key" ON "Booking"("standId", "supplierOrganizationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
