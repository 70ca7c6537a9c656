/**
 * Fixture PDF writer: text at positions, rectangles, several pages, optional password.
 * Used by parser fixtures, the demo and the benchmark generators.
 */
export { writePdf, type PdfPage, type PdfRect, type PdfText, type WritePdfOptions } from './writer.js';
export { courierWidth, textWidth } from './metrics.js';
