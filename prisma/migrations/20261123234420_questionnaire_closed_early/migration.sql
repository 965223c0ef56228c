-- AlterTable
ALTER TABLE "Questionnaire" ADD COLUMN "closedEarlyAt" DATETIME;
ALTER TABLE "Questionnaire" ADD COLUMN "closedEarlyReason" TEXT;
