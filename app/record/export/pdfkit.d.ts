// The part of PDFKit's API the record's PDF uses (PDFKit ships no types of its own).
declare module "pdfkit" {
  import { Readable } from "node:stream";

  export interface Margins {
    top: number;
    bottom: number;
    left: number;
    right: number;
  }

  export interface TextOptions {
    width?: number;
    height?: number;
    align?: "left" | "center" | "right" | "justify";
    lineBreak?: boolean;
    lineGap?: number;
    paragraphGap?: number;
    continued?: boolean;
    ellipsis?: boolean | string;
    link?: string;
    underline?: boolean;
    indent?: number;
  }

  export interface DocumentOptions {
    size?: string | [number, number];
    layout?: "portrait" | "landscape";
    margins?: Margins;
    bufferPages?: boolean;
    autoFirstPage?: boolean;
    compress?: boolean;
    lang?: string;
    displayTitle?: boolean;
    pdfVersion?: "1.3" | "1.4" | "1.5" | "1.6" | "1.7";
    info?: {
      Title?: string;
      Author?: string;
      Subject?: string;
      Keywords?: string;
      Creator?: string;
      Producer?: string;
      CreationDate?: Date;
    };
  }

  export interface Page {
    width: number;
    height: number;
    margins: Margins;
  }

  export interface Outline {
    addItem(title: string, options?: { expanded?: boolean }): Outline;
  }

  class PDFDocument extends Readable {
    constructor(options?: DocumentOptions);
    page: Page;
    x: number;
    y: number;
    outline: Outline;
    font(name: string, size?: number): this;
    fontSize(size: number): this;
    fillColor(color: string, opacity?: number): this;
    strokeColor(color: string, opacity?: number): this;
    lineWidth(width: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    heightOfString(text: string, options?: TextOptions): number;
    widthOfString(text: string, options?: TextOptions): number;
    currentLineHeight(includeGap?: boolean): number;
    moveDown(lines?: number): this;
    addPage(options?: DocumentOptions): this;
    rect(x: number, y: number, width: number, height: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    fill(color?: string): this;
    stroke(color?: string): this;
    fillAndStroke(fill?: string, stroke?: string): this;
    save(): this;
    restore(): this;
    bufferedPageRange(): { start: number; count: number };
    switchToPage(index: number): Page;
    end(): void;
  }

  export default PDFDocument;
}
