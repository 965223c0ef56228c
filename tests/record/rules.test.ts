// The record's pure rules: attachments recognised by their content, download names and headers, the
// manual entry form, the launch form, and how a launch compares with the announced month.
import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { addDays } from "~/calendar/dates";
import { SIRET_MESSAGES } from "~/organizations/identifiers";
import { accuracySummary, LAUNCH_MESSAGES, launchSchema, launchTiming, launchTimingLabel } from "~/plan/launch";
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MESSAGES,
  checkAttachment,
  cleanFileName,
  contentDisposition,
  detectAttachmentType,
  downloadFileName,
  formatFileSize,
} from "~/record/attachments";
import { eventRecordConcerns, type EventLink } from "~/record/entries";
import { MANUAL_ENTRY_MESSAGES, manualEntrySchema } from "~/record/manual-schema";
import { simplePdf } from "../../prisma/seed-record";
import { makeSiret } from "../support/siret";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("attachments", () => {
  it("are recognised by their first bytes only", () => {
    expect(detectAttachmentType(simplePdf(["x"]))).toBe("application/pdf");
    expect(detectAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(detectAttachmentType(bytes(0xff, 0xd8, 0xff, 0xdb))).toBe("image/jpeg");
    expect(detectAttachmentType(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(detectAttachmentType(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(detectAttachmentType(bytes(0x89, 0x50, 0x4e))).toBeNull();
  });

  it("say why a file is refused", () => {
    const pdf = simplePdf(["x"]);
    expect(checkAttachment({ fileName: "a.pdf", size: pdf.length, head: pdf })).toEqual({
      ok: true,
      contentType: "application/pdf",
    });
    expect(checkAttachment({ fileName: "a.png", size: ATTACHMENT_MAX_BYTES, head: pdf })).toEqual({
      ok: true,
      contentType: "application/pdf",
    });
    expect(checkAttachment({ fileName: "a.pdf", size: ATTACHMENT_MAX_BYTES + 1, head: pdf })).toEqual({
      ok: false,
      message: ATTACHMENT_MESSAGES.tooLarge,
    });
    const html = new TextEncoder().encode("<!doctype html>");
    expect(checkAttachment({ fileName: "Devis.PDF", size: html.length, head: html })).toEqual({
      ok: false,
      message: ATTACHMENT_MESSAGES.disguised(".pdf"),
    });
    expect(checkAttachment({ fileName: "page.html", size: html.length, head: html })).toEqual({
      ok: false,
      message: ATTACHMENT_MESSAGES.notAccepted,
    });
  });

  it("keep their name for download, with the right extension, in a safe header", () => {
    expect(cleanFileName("C:\\Users\\moi\\Compte rendu\u0007.pdf")).toBe("Compte rendu.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("")).toBe("piece-jointe");
    expect(cleanFileName(`${"a".repeat(300)}.pdf`)).toHaveLength(150);
    expect(downloadFileName("photo", "image/jpeg")).toBe("photo.jpg");
    expect(downloadFileName("photo.JPEG", "image/jpeg")).toBe("photo.JPEG");
    expect(downloadFileName("scan.png", "application/pdf")).toBe("scan.png.pdf");
    expect(contentDisposition('Réunion "été".pdf')).toBe(
      `attachment; filename="Reunion _ete_.pdf"; filename*=UTF-8''R%C3%A9union%20%22%C3%A9t%C3%A9%22.pdf`,
    );
    expect(formatFileSize(12)).toBe("12 octets");
    expect(formatFileSize(350 * 1024)).toBe("350 ko");
    expect(formatFileSize(ATTACHMENT_MAX_BYTES)).toBe("5 Mo");
  });
});

describe("the manual entry form", () => {
  const today = "2027-04-15";
  const parse = (fields: Record<string, string>) =>
    parseWithZod(new URLSearchParams({ intent: "manual", ...fields }), { schema: manualEntrySchema(today) });
  const valid = {
    exchangedOn: today,
    channel: "phone",
    supplierName: "Atelier Dupré",
    summary: "Appel sur les délais.",
  };
  const errorsOf = (fields: Record<string, string>) => {
    const submission = parse(fields);
    return submission.status === "error" ? submission.error : null;
  };

  it("accepts a typed supplier with a valid SIRET, or a directory supplier", () => {
    expect(parse({ ...valid, supplierSiret: makeSiret(7) }).status).toBe("success");
    expect(parse({ ...valid, supplierName: "", supplierOrganizationId: "org-1" }).status).toBe("success");
  });

  it("says what is wrong next to each field", () => {
    expect(errorsOf({ ...valid, exchangedOn: addDays(today, 1) })?.exchangedOn).toEqual([
      MANUAL_ENTRY_MESSAGES.dateInFuture,
    ]);
    expect(errorsOf({ ...valid, exchangedOn: "2027-02-30" })?.exchangedOn).toEqual([MANUAL_ENTRY_MESSAGES.dateInvalid]);
    expect(errorsOf({ ...valid, exchangedOn: "" })?.exchangedOn).toEqual([MANUAL_ENTRY_MESSAGES.dateRequired]);
    expect(errorsOf({ ...valid, summary: "" })?.summary).toEqual([MANUAL_ENTRY_MESSAGES.summaryRequired]);
    expect(errorsOf({ ...valid, summary: "Appel." })?.summary).toEqual([MANUAL_ENTRY_MESSAGES.summaryTooShort]);
    expect(errorsOf({ ...valid, summary: "x".repeat(5_001) })?.summary).toEqual([MANUAL_ENTRY_MESSAGES.summaryTooLong]);
    expect(errorsOf({ ...valid, supplierSiret: "12345678901234" })?.supplierSiret).toEqual([SIRET_MESSAGES.checksum]);
    expect(errorsOf({ ...valid, supplierSiret: "1234" })?.supplierSiret).toEqual([SIRET_MESSAGES.format]);
    expect(errorsOf({ ...valid, supplierName: "" })?.supplierName).toEqual([MANUAL_ENTRY_MESSAGES.supplierMissing]);
    expect(errorsOf({ ...valid, supplierOrganizationId: "org-1" })?.supplierName).toEqual([
      MANUAL_ENTRY_MESSAGES.supplierBoth,
    ]);
    expect(errorsOf({ ...valid, channel: "pigeon" })?.channel).toEqual([MANUAL_ENTRY_MESSAGES.channel]);
  });
});

describe("the launch form", () => {
  const today = "2027-04-15";
  const parse = (fields: Record<string, string>) =>
    parseWithZod(new URLSearchParams({ intent: "launch", ...fields }), { schema: launchSchema(today) });
  const valid = { launchedOn: today, noticeReference: "BOAMP 27-1234", noticeUrl: "https://www.boamp.fr/avis/1234" };
  const errorsOf = (fields: Record<string, string>) => {
    const submission = parse(fields);
    return submission.status === "error" ? submission.error : null;
  };

  it("wants a past date, a reference and a web address", () => {
    expect(parse(valid).status).toBe("success");
    expect(parse({ ...valid, noticeUrl: "http://profil-acheteur.exemple.fr/c/12" }).status).toBe("success");
    expect(errorsOf({ ...valid, launchedOn: addDays(today, 1) })?.launchedOn).toEqual([LAUNCH_MESSAGES.dateInFuture]);
    expect(errorsOf({ ...valid, noticeReference: "" })?.noticeReference).toEqual([LAUNCH_MESSAGES.referenceRequired]);
    for (const url of ["javascript:alert(1)", "ftp://boamp.fr/x", "www.boamp.fr", "data:text/html,x", "https://"]) {
      expect(errorsOf({ ...valid, noticeUrl: url })?.noticeUrl, url).toEqual([LAUNCH_MESSAGES.urlInvalid]);
    }
  });
});

describe("the plan's accuracy", () => {
  it("compares the launch with the announced month", () => {
    const today = "2027-06-10";
    expect(launchTiming("2027-03-15", "2027-03-02", today)).toEqual({ kind: "on_time" });
    expect(launchTiming("2027-03-15", "2027-04-12", today)).toEqual({ kind: "late", months: 1 });
    expect(launchTiming("2027-03-15", "2026-12-20", today)).toEqual({ kind: "early", months: 3 });
    expect(launchTiming("2027-06-30", null, today)).toEqual({ kind: "pending" });
    expect(launchTiming("2027-09-01", null, today)).toEqual({ kind: "pending" });
    expect(launchTiming("2027-04-30", null, today)).toEqual({ kind: "overdue", months: 2 });
    expect(launchTimingLabel({ kind: "late", months: 1 })).toBe("1 mois plus tard");
    expect(launchTimingLabel({ kind: "on_time" })).toBe("dans le mois annoncé");
    expect(
      accuracySummary([
        { kind: "on_time" },
        { kind: "late", months: 1 },
        { kind: "pending" },
        { kind: "overdue", months: 1 },
      ]),
    ).toEqual({ announced: 4, launched: 2, onTime: 1, early: 0, late: 1, overdue: 1 });
  });
});

describe("records of an event that concern a procurement", () => {
  const link: EventLink = {
    procurementId: "p",
    isFair: true,
    linkedDirectly: false,
    standIds: new Set(["own-stand"]),
    slotIds: new Set(["own-slot"]),
    bookingIds: new Set(["own-booking"]),
  };
  const record = (
    kind: string,
    payload: Record<string, string | string[]>,
    plannedProcurementId: string | null = null,
  ) => ({
    kind,
    plannedProcurementId,
    payload,
  });

  it("at a fair: the event-wide ones, and those of the procurement's stands", () => {
    expect(eventRecordConcerns(record("meeting.event_published", {}, "other"), link)).toBe(true);
    expect(eventRecordConcerns(record("meeting.slot_booked", { standId: "x" }, "p"), link)).toBe(true);
    expect(eventRecordConcerns(record("meeting.slot_booked", { standId: "own-stand" }, "other"), link)).toBe(false);
    expect(eventRecordConcerns(record("meeting.slot_booked", { plannedProcurementIds: ["p", "q"] }), link)).toBe(true);
    expect(eventRecordConcerns(record("meeting.waitlist_left", { standId: "own-stand" }), link)).toBe(true);
    expect(eventRecordConcerns(record("meeting.waitlist_left", { standId: "other-stand" }), link)).toBe(false);
    expect(eventRecordConcerns(record("meeting.note_written", { slotId: "own-slot" }), link)).toBe(true);
    expect(eventRecordConcerns(record("meeting.note_written", { slotId: "other-slot" }), link)).toBe(false);
    expect(
      eventRecordConcerns(record("meeting.attendance_recorded", { target: "booking", id: "own-booking" }), link),
    ).toBe(true);
    expect(eventRecordConcerns(record("meeting.attendance_recorded", { target: "booking", id: "x" }), link)).toBe(
      false,
    );
  });

  it("at a webinar: all of them when it presents the procurement", () => {
    const webinar = { ...link, isFair: false, linkedDirectly: true };
    expect(eventRecordConcerns(record("meeting.registered", {}), webinar)).toBe(true);
    expect(eventRecordConcerns(record("meeting.registered", {}), { ...webinar, linkedDirectly: false })).toBe(false);
  });
});
