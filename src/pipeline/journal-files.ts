/**
 * The files of a journal, and the second phase of its two-phase commit (issue 13): a journal
 * is recorded in the ledger (its files' paths, sha256 and, for ERP formats, bytes) in the
 * transaction that marks its applications exported, and only then are its files moved into
 * place. A journal recorded but not in place is finished here, by the next export or
 * `remit export-gl --recover`: every file written again from the ledger (the generic journal
 * from its lines, the others from their stored bytes), checked against its sha256, moved into
 * place. Temporary files are named `.export-J<id>-<n>-<random>.tmp` beside their target; a
 * killed export leaves at most those, and the next export removes them.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RemitError } from '../core/errors.js';
import { genericCsvHeader, genericCsvRows } from '../gl/generic-writer.js';
import type { JournalFileRecord, JournalRecord, Ledger } from '../ledger/index.js';
import { StagedFile } from '../workspace/staged-file.js';

/** The moments an export can be killed between writes, in order (REMIT_TEST_CRASH_AT names one). */
export const EXPORT_BOUNDARIES = ['staged', 'recorded', 'placed-first', 'placed'] as const;
export type ExportBoundary = (typeof EXPORT_BOUNDARIES)[number];
/** Called at each boundary: tests kill the process there; otherwise it does nothing. */
export type BoundaryHook = (name: ExportBoundary) => void;

const TEMP = /^\.export-.*\.tmp$/;

/** A temporary file for file `seq` of journal `id`, beside `target`. */
export function stageFile(target: string, id: number, seq: number): StagedFile {
  return StagedFile.create(target, `export-J${id}-${seq}`);
}

/**
 * Where each file of an export goes: a single file at `out`; several beside it, the main one
 * (suffix `.csv` / `.txt`) at `out` and the others named from its stem (`journal-journal.csv`,
 * `journal-2.csv`).
 */
export function targetPaths(out: string, suffixes: readonly string[]): string[] {
  if (suffixes.length === 1) return [out];
  const ext = extname(out);
  const stem = ext ? out.slice(0, -ext.length) : out;
  return suffixes.map((suffix) => (suffix.startsWith('.') ? out : `${stem}${suffix}`));
}

/** Remove the temporary files a killed export left in these folders; how many. */
export function removeStaleTemps(folders: Iterable<string>): number {
  let removed = 0;
  for (const folder of new Set(folders)) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder)) {
      if (!TEMP.test(name)) continue;
      rmSync(`${folder}/${name}`, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/** A rename reaches the disk only once its folder is synced (where the platform can). */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for syncing; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface FinishedJournal {
  journalId: number;
  files: string[];
}

/** Finish every journal recorded but not yet in place: its files written again from the ledger, byte-identical. */
export async function finishRecorded(ledger: Ledger): Promise<FinishedJournal[]> {
  const done: FinishedJournal[] = [];
  for (const journal of await ledger.journals.unplaced()) {
    const files = await ledger.journals.filesOf(journal.id);
    removeStaleTemps(files.map((f) => dirname(f.path)));
    for (const file of files) await writeRecorded(ledger, journal, file, file.path);
    for (const folder of new Set(files.map((f) => dirname(f.path)))) syncFolder(folder);
    await ledger.journals.markPlaced(journal.id);
    done.push({ journalId: journal.id, files: files.map((f) => f.path) });
  }
  return done;
}

/** One recorded file written to `target` as the ledger knows it; refused when it does not come out with its sha256. */
export async function writeRecorded(ledger: Ledger, journal: JournalRecord, file: JournalFileRecord, target: string): Promise<void> {
  if (!existsSync(dirname(target))) {
    throw new RemitError('journal-folder', `journal J${journal.id}: the folder of ${target} does not exist, so its file cannot be put in place`, {
      hint: `create ${dirname(target)} and run remit export-gl --recover`,
    });
  }
  const staged = stageFile(target, journal.id, file.seq);
  try {
    if (file.content) staged.writeBytes(gunzipSync(file.content));
    else await writeGenericFromLines(ledger, journal.id, staged);
    const { sha256 } = staged.seal();
    if (sha256 !== file.sha256) {
      throw new RemitError('journal-damaged', `journal J${journal.id}: ${target} written again from the ledger does not match the sha256 recorded at export (${file.sha256.slice(0, 12)}…)`, {
        hint: 'the ledger was changed after the export; restore it from a backup, or report it',
      });
    }
    staged.place();
  } finally {
    staged.abandon();
  }
}

/** The generic journal from its recorded lines, a page at a time. */
export async function writeGenericFromLines(ledger: Ledger, id: number, staged: StagedFile): Promise<void> {
  staged.write(genericCsvHeader());
  for await (const page of ledger.journals.linesOf(id)) staged.write(genericCsvRows(`J${id}`, page));
}
