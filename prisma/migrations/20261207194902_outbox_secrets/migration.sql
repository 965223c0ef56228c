-- Outbox messages that carry a secret (verification codes and links, password reset links,
-- organisation invitations): marked, masked for the admin outbox, erased once sent.
-- secure_delete: the rows and pages this migration frees are overwritten with zeros, so that the
-- bodies erased below do not survive in the file's free space.
PRAGMA secure_delete = ON;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "template" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "providerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "carriesSecret" BOOLEAN NOT NULL DEFAULT false,
    "maskedSubject" TEXT,
    "maskedText" TEXT,
    "erasedAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attachments", "attempts", "createdAt", "html", "id", "lastError", "nextAttemptAt", "providerId", "sentAt", "status", "subject", "template", "text", "to") SELECT "attachments", "attempts", "createdAt", "html", "id", "lastError", "nextAttemptAt", "providerId", "sentAt", "status", "subject", "template", "text", "to" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_to_createdAt_idx" ON "OutboxMessage"("to", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Messages written before this migration: the templates that carry a secret are marked. The
-- verification code is the first six characters of its subject ("482913 — votre code...").
UPDATE "OutboxMessage" SET "carriesSecret" = true,
  "maskedSubject" = CASE WHEN "template" = 'verify-email' THEN '[masqué]' || substr("subject", 7) ELSE "subject" END
WHERE "template" IN ('verify-email', 'password-reset', 'organization-invitation');
-- Those already sent or given up keep their envelope only.
UPDATE "OutboxMessage" SET "subject" = "maskedSubject", "html" = '', "attachments" = '[]', "maskedText" = NULL,
  "text" = 'Contenu effacé après envoi : il contenait un secret (code, lien de vérification, de réinitialisation ou d''invitation).',
  "erasedAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
WHERE "carriesSecret" = true AND "status" IN ('sent', 'failed');
