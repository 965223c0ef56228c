-- AlterTable
ALTER TABLE "PlannedProcurement" ADD COLUMN "launchNoticeReference" TEXT;
ALTER TABLE "PlannedProcurement" ADD COLUMN "launchedOn" TEXT;
