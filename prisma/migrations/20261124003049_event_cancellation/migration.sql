-- AlterTable
ALTER TABLE "Event" ADD COLUMN "cancellationReason" TEXT;
ALTER TABLE "Event" ADD COLUMN "cancelledAt" DATETIME;
