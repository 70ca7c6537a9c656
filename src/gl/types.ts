/** Plain data for journal building: what was received and applied, and the lines it posts (see domain/journal.ts). */
export type { JournalLine, PostableRemittance } from '../domain/journal.js';
