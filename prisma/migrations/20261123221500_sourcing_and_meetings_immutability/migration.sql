-- Published questionnaire versions are frozen: suppliers must always be served exactly the
-- content whose hash was published. A change makes a new version.
CREATE TRIGGER "QuestionnaireVersion_no_update" BEFORE UPDATE ON "QuestionnaireVersion"
BEGIN
  SELECT RAISE(ABORT, 'published questionnaire versions are immutable');
END;

CREATE TRIGGER "QuestionnaireVersion_no_delete" BEFORE DELETE ON "QuestionnaireVersion"
BEGIN
  SELECT RAISE(ABORT, 'published questionnaire versions are immutable');
END;

-- Meeting notes are append-only: a correction is a new note that refers to the original.
CREATE TRIGGER "MeetingNote_no_update" BEFORE UPDATE ON "MeetingNote"
BEGIN
  SELECT RAISE(ABORT, 'meeting notes are append-only');
END;

CREATE TRIGGER "MeetingNote_no_delete" BEFORE DELETE ON "MeetingNote"
BEGIN
  SELECT RAISE(ABORT, 'meeting notes are append-only');
END;
