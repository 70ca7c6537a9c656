/**
 * The command-line program: options and commands only. Each command lives in its own
 * file, loaded when it is used, and is a plain `run(..., ctx)` that tests call directly.
 */
import { Command, Option } from 'commander';
import { EXPORT_FORMATS, EXPORT_FORMAT_NAMES } from '../gl/formats/catalogue.js';
import type { Context } from './context.js';
import { EXAMPLES } from './examples.js';

type Runner = (ctx: Context) => Promise<number>;

export interface Parsed {
  runner?: Runner;
  global: { home?: string; quiet?: boolean; color?: boolean };
}

/** What main needs to know about the command: its name (for logs and the lock) and whether it writes. */
export interface CommandMeta {
  name: string;
  writes: boolean;
}

export function buildProgram(onRun: (runner: Runner, global: Parsed['global'], meta: CommandMeta) => void): Command {
  const program = new Command('remit')
    .description('Fetch, read, match and post customer remittances for accounts receivable')
    .version('0.1.0')
    .option('--home <dir>', 'workspace folder (else REMIT_HOME, else the per-user data folder)')
    .option('--quiet', 'only errors and warnings on stderr')
    .option('--no-color', 'no colours even on a terminal')
    .showHelpAfterError('(run remit --help for the commands)')
    .exitOverride();

  const global = (): Parsed['global'] => program.opts();
  const lazy = <T extends unknown[]>(load: () => Promise<{ run: (...args: [...T, Context]) => Promise<number> }>, writes = false) =>
    (...received: unknown[]): void => {
      // Commander passes (arguments..., options, command); the command object is not ours to keep.
      const command = received.at(-1) as Command;
      const args = received.slice(0, -1) as T;
      const name = [command.parent?.name() === 'remit' ? undefined : command.parent?.name(), command.name()].filter(Boolean).join(' ');
      onRun(async (ctx) => (await load()).run(...args, ctx), global(), { name, writes });
    };

  program
    .command('init')
    .description('create a workspace: remit.yaml, ledger.db, inbox/, logs/')
    .option('--company <code>', 'code of the first company', 'MAIN')
    .option('--name <name>', 'name of the first company')
    .option('--currency <iso>', 'currency of the first company', 'USD')
    .action(lazy<[object]>(() => import('./commands/init.js')));

  program
    .command('import')
    .description('import remittance files (CSV, XLSX, X12 820, EDIFACT REMADV, PDF) and saved e-mail (.eml, .msg)')
    .argument('[files...]', 'files to import')
    .option('--payer <id>', 'payer code (customer id in the open-invoice file)')
    .option('--company <code>', 'company the payments belong to')
    .option('--strict', 'treat every diagnostic as a failure')
    .option('--dry-run', 'read and report; write nothing (no inbox copy, no ledger)')
    .option('--new-payer', 'the --payer code is new on purpose (no open-invoice file or remit.yaml knows it yet)')
    .option('--retry-failed', 'read again every failed document already in inbox/ (after a change to remit.yaml)')
    .option('--follow-links', 'read what a symbolic link points to (without it, a link is refused)')
    .option('--json', 'print the outcome as JSON on stdout')
    .action(lazy<[string[], object]>(() => import('./commands/import.js'), true));

  const payers = program.command('payers').description('payers remit does not read yet: how to onboard them');
  payers
    .command('propose')
    .description('show how remit reads a payer\'s file (columns, payment fields, dates) and the remit.yaml block that pins it down')
    .argument('<file>', 'one of the payer\'s remittance files')
    .requiredOption('--payer <id>', 'the payer\'s code (customer id in the open-invoice file)')
    .option('--company <code>', 'company the payer pays')
    .option('--json', 'the proposal as JSON on stdout')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/payers.js')).propose })));

  const documents = program.command('documents').description('documents (original files): read failed ones again, or let them go');
  documents
    .command('retry')
    .description('read failed documents again from their kept originals (after a change to remit.yaml)')
    .argument('[ids...]', 'document ids (document_id in remit report documents)')
    .option('--failed', 'every failed document that was not dismissed')
    .option('--company <code>', 'only this company\'s documents (with --failed)')
    .action(lazy<[string[], object]>(async () => ({ run: (await import('./commands/documents.js')).retry }), true));
  documents
    .command('dismiss')
    .description('let failed documents go with a reason: kept in the ledger, no longer counted as failed')
    .argument('<ids...>', 'document ids')
    .requiredOption('--reason <text>', 'why (kept with the document)')
    .action(lazy<[string[], object]>(async () => ({ run: (await import('./commands/documents.js')).dismiss }), true));

  const invoices = program.command('invoices').description('open invoices from the ERP');
  invoices
    .command('import')
    .description('load an open-item (aging) export, CSV or XLSX, as a new snapshot')
    .argument('<file>', 'the ERP export')
    .option('--company <code>', 'company the invoices belong to')
    .option('--follow-links', 'read what a symbolic link points to (without it, a link is refused)')
    .option('--json', 'print the outcome as JSON on stdout')
    .action(lazy<[string, object]>(() => import('./commands/invoices-import.js'), true));

  program
    .command('match')
    .description('apply remittance lines to open invoices; leave the uncertain for review')
    .option('--dry-run', 'show the decisions, write nothing')
    .option('--company <code>', 'only this company')
    .option('--json', 'print the outcome as JSON on stdout')
    .action(lazy<[object]>(() => import('./commands/match.js'), true));

  program
    .command('report')
    .description('applications | exceptions | deductions | documents | batches | journals | rules | morning | cash')
    .argument('<kind>', 'which report')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--json', 'same as --format json')
    .option('--company <code>', 'only this company')
    .option('--limit <rows>', 'at most this many rows, 0 for all (default: 100 in a table, all in CSV and JSON)')
    .option('--html <file>', 'morning: write the morning report as one HTML page')
    .option('--open', 'morning: open the page in your browser (on a terminal)')
    .action(lazy<[string, object]>(() => import('./commands/report.js')));

  const bank = program.command('bank').description('bank statements: what the bank says arrived');
  bank
    .command('import')
    .description('import bank statements (BAI2, camt.052/053/054, MT940/942, OFX; the format found from the content)')
    .argument('<files...>', 'statement files')
    .option('--company <code>', 'company whose account the statements are of')
    .option('--strict', 'refuse a file whose control totals or balances are off (default: import it with diagnostics)')
    .option('--dry-run', 'read and report; write nothing')
    .option('--follow-links', 'read what a symbolic link points to (without it, a link is refused)')
    .option('--json', 'print the outcome as JSON on stdout')
    .action(lazy<[string[], object]>(async () => ({ run: (await import('./commands/bank.js')).importStatements }), true));

  program
    .command('reconcile')
    .description('pair bank credits with remittances (and returns, fees, credits with no remittance)')
    .option('--company <code>', 'only this company')
    .option('--dry-run', 'show the decisions, write nothing')
    .option('--json', 'print the outcome as JSON on stdout')
    .action(lazy<[object]>(() => import('./commands/reconcile.js'), true));

  program
    .command('review')
    .description('walk the lines that need a person (terminal only; scripts use apply, unapply, deduction code)')
    .option('--company <code>', 'only this company')
    .action(lazy<[object]>(() => import('./commands/review.js'), true));

  program
    .command('apply')
    .description('apply a line\'s unapplied cash to an invoice (confirms a proposal when it matches one)')
    .argument('<line>', 'remittance line id (line_id in remit report exceptions --format csv)')
    .argument('<invoice>', 'invoice number')
    .option('--amount <amount>', 'how much (default: as much as fits)')
    .action(lazy<[string, string, object]>(() => import('./commands/apply.js'), true));

  program
    .command('unapply')
    .description('undo an application; after export the next journal reverses it')
    .argument('<application>', 'application id (application_id in remit report applications --format csv)')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/apply.js')).unapply }), true));

  const deduction = program.command('deduction').description('payer deductions');
  deduction
    .command('code')
    .description('say why the payer kept money (recodes its deductions, or records a negative line as one)')
    .argument('<line>', 'remittance line id')
    .requiredOption('--reason <code>', 'shortage, damaged, pricing, co-op, late-delivery, returns, freight, unearned-discount, other')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/deduction.js')).code }), true));

  program
    .command('explain')
    .description('what remit decided for a line (and every candidate it weighed) or for a bank entry')
    .argument('<line>', 'remittance line id, PAYMENT:LINE, an invoice number, or a bank entry reference (entry:<id>)')
    .option('--json', 'JSON on stdout')
    .action(lazy<[string, object]>(() => import('./commands/explain.js')));

  const rules = program.command('rules').description('what remit learned from operators (list: remit report rules)');
  rules
    .command('remove')
    .description('forget a learned rule')
    .argument('<id>', 'rule id from remit report rules')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/rules.js')).remove }), true));

  program
    .command('export-gl')
    .description('post applied cash not exported before: a balanced journal, or payments applied to invoices, in the ERP\'s import format')
    .option('--out <file>', 'where to write it (default: exports/journal-<id>.csv, .txt for sap-lockbox; a second file goes beside it)')
    .addOption(new Option('--format <format>', 'import format (see below; default: the company\'s gl.export_format, else generic)').choices(EXPORT_FORMAT_NAMES))
    .option('--posting-date <date>', 'YYYY-MM-DD every entry is dated on (default: today in gl.time_zone); never in a closed period')
    .option('--payer <id>', 'only this payer\'s payments')
    .option('--reexport <id>', 'write an earlier journal again, byte for byte, in its format (ids: remit report journals)')
    .option('--recover', 'finish a journal an interrupted export recorded but did not put in place; nothing new')
    .option('--company <code>', 'company to export')
    .addHelpText('after', `\nFormats:\n${EXPORT_FORMATS.map((f) => `  ${f.name.padEnd(17)} ${f.description}\n  ${''.padEnd(17)} imported in ${f.erpScreen}`).join('\n')}`)
    .action(lazy<[object]>(() => import('./commands/export-gl.js'), true));

  program
    .command('fetch')
    .description('log in to each portal, download new remittance files and import them')
    .option('--since <when>', 'today, yesterday, 7d, 2w or YYYY-MM-DD', 'yesterday')
    .option('--until <when>', 'last day to fetch', 'today')
    .option('--portal <id...>', 'only these portal accounts')
    .option('--company <code>', 'only the accounts of this company')
    .option('--dry-run', 'list what would be downloaded; download nothing')
    .option('--headed', 'show the browser window')
    .option('--json', 'print the run summary as JSON on stdout')
    .action(lazy<[object]>(() => import('./commands/fetch.js'), true));

  program
    .command('run')
    .description('the nightly pipeline: fetch (catching up missed nights), import, match, optionally export')
    .option('--since <when>', 'fetch every portal from this day instead of each one\'s last good day')
    .option('--until <when>', 'last day to fetch', 'today')
    .option('--company <code>', 'only this company')
    .option('--export-gl', 'also write the GL journal (else run.export_gl in remit.yaml)')
    .action(lazy<[object]>(() => import('./commands/nightly.js'), true));

  program
    .command('status')
    .description('last run, each portal\'s last success and failures in a row, what waits for a person')
    .option('--json', 'JSON on stdout')
    .action(lazy<[object]>(() => import('./commands/status.js')));

  const notify = program.command('notify').description('notifications after remit run (settings: notify: in remit.yaml)');
  notify
    .command('password')
    .description('store the SMTP password in the keychain')
    .option('--password-stdin', 'read it from the first line of standard input')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/notify.js')).password }), true));

  const portal = program.command('portal').description('portal accounts: add, list, test, password, resume, forget-session, remove');
  portal
    .command('add')
    .description('add a portal account; asks on a terminal, else takes flags and --password-stdin')
    .option('--id <id>', 'account id, e.g. amz-nwf')
    .option('--company <code>', 'company the account works for')
    .option('--payer <id>', 'payer whose remittances it downloads')
    .option('--recipe <name>', 'built-in recipe or adapter (see portals/)')
    .option('--url <url>', 'login page')
    .option('--username <name>', 'login name')
    .option('--option <key=value...>', 'recipe options')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--totp-secret-stdin', 'read the TOTP seed from the next line of standard input')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/portal.js')).add }), true));
  portal
    .command('list')
    .description('portal accounts, whether their secrets are stored, last success')
    .option('--json', 'JSON on stdout')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/portal.js')).list })));
  portal
    .command('test')
    .description('log in and list today\'s rows without downloading')
    .argument('<id>', 'portal account id')
    .option('--headed', 'show the browser window')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/portal.js')).test }), true));
  portal
    .command('password')
    .description('store a new password (and/or TOTP seed) for an account; ends a hold set when the portal refused the old one')
    .argument('<id>', 'portal account id')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--totp-secret-stdin', 'read the TOTP seed from the next line of standard input')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/portal.js')).password }), true));
  portal
    .command('resume')
    .description('let the next run try an account held after the portal refused its credentials, without changing a secret')
    .argument('<id>', 'portal account id')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/portal.js')).resume }), true));
  portal
    .command('forget-session')
    .description('delete the saved browser session of an account: the next run logs in afresh')
    .argument('<id>', 'portal account id')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/portal.js')).forgetSessionCommand }), true));
  portal
    .command('remove')
    .description('remove a portal account and delete its secrets')
    .argument('<id>', 'portal account id')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/portal.js')).remove }), true));

  const mail = program.command('mail').description('mailboxes remit reads remittances from: add, list, test, password, remove, fetch');
  mail
    .command('add')
    .description('add a mailbox (IMAP); asks on a terminal (a password, or an OAuth2 sign-in), else takes flags and --password-stdin / --token-stdin')
    .option('--id <id>', 'mailbox id, e.g. ar-inbox')
    .option('--company <code>', 'company whose remittances arrive there')
    .option('--host <host>', 'IMAP server (default with --oauth: outlook.office365.com or imap.gmail.com)')
    .option('--port <port>', 'IMAP port (default 993 with implicit TLS, 143 with starttls)')
    .addOption(new Option('--tls <mode>', 'implicit (993), starttls (143) or none (127.0.0.1 only)').choices(['implicit', 'starttls', 'none']))
    .option('--user <name>', 'login name (usually the address)')
    .option('--folder <name>', 'folder to read', 'INBOX')
    .option('--processed-folder <name>', 'folder taken messages are moved to (created when missing); without it they are flagged')
    .option('--ca-file <pem>', 'a private CA to check the server certificate against')
    .addOption(new Option('--oauth <provider>', 'log in with OAuth2 (XOAUTH2) instead of a password').choices(['microsoft', 'google', 'custom']))
    .option('--client-id <id>', 'OAuth2: the application (client) id')
    .option('--tenant <tenant>', 'OAuth2 microsoft: organizations (default), common or a tenant id')
    .option('--token-url <url>', 'OAuth2: the token endpoint (custom providers, sovereign clouds)')
    .option('--device-code-url <url>', 'OAuth2: the device authorization endpoint')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--token-stdin', 'read the OAuth2 refresh token from the first line of standard input')
    .option('--replace', 'replace the mailbox of the same id')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/mail.js')).add }), true));
  mail
    .command('list')
    .description('mailboxes, whether their secret is stored, last success, messages waiting')
    .option('--json', 'JSON on stdout')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/mail.js')).list })));
  mail
    .command('test')
    .description('log in once and look at the folder; takes nothing')
    .argument('<id>', 'mailbox id')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/mail.js')).test }), true));
  mail
    .command('password')
    .description('replace a mailbox\'s password or refresh token (after a refused login: remit tries again)')
    .argument('<id>', 'mailbox id')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .option('--token-stdin', 'read the OAuth2 refresh token from the first line of standard input')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/mail.js')).password }), true));
  mail
    .command('remove')
    .description('remove a mailbox and delete its secrets')
    .argument('<id>', 'mailbox id')
    .action(lazy<[string, object]>(async () => ({ run: (await import('./commands/mail.js')).remove }), true));
  mail
    .command('fetch')
    .description('read new messages of every mailbox, import their remittances, move what was taken')
    .option('--since <when>', 'only messages received since: today, yesterday, 7d, 2w or YYYY-MM-DD (default: from where the last fetch stopped)')
    .option('--mailbox <id...>', 'only these mailboxes')
    .option('--company <code>', 'only the mailboxes of this company')
    .option('--retry-failed', 'take again the messages that failed (after a change to remit.yaml)')
    .option('--json', 'the outcome as JSON on stdout')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/mail.js')).fetch }), true));

  program
    .command('demo')
    .description('run the whole flow on sample data in a new workspace (kept afterwards, so you can look around)')
    .option('--keep <dir>', 'make the demo workspace in this new folder instead of a temporary one')
    .action(lazy<[object]>(() => import('./commands/demo.js')));

  const schedule = program.command('schedule').description('the nightly remit run in the OS scheduler: install, show, remove');
  schedule
    .command('install')
    .description('register (or replace) the nightly remit run for this workspace')
    .option('--at <HH:MM>', 'start time, 24-hour local time (default 05:30)')
    .option('--days <days>', 'MON-FRI, MON,WED,FRI, SAT-SUN or DAILY (default MON-FRI)')
    .option('--name <name>', 'task name (default: made from the workspace path)')
    .option('--logon <type>', 'Windows: interactive (only while logged on; default) or password (whether logged on or not)')
    .option('--scheduler <kind>', 'task-scheduler, systemd, cron or launchd (default: the usual one for this OS)')
    .option('--json', 'print what was installed as JSON on stdout')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/schedule.js')).install })));
  schedule
    .command('show')
    .description('the definition that is (or would be) installed, and when it next runs')
    .option('--at <HH:MM>', 'show this start time instead of the installed one')
    .option('--days <days>', 'show these days instead of the installed ones')
    .option('--name <name>', 'task name')
    .option('--logon <type>', 'Windows: interactive or password')
    .option('--scheduler <kind>', 'task-scheduler, systemd, cron or launchd')
    .option('--json', 'JSON on stdout')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/schedule.js')).show })));
  schedule
    .command('remove')
    .description('take the nightly run of this workspace off the scheduler')
    .option('--name <name>', 'task name (default: the installed one)')
    .action(lazy<[object]>(async () => ({ run: (await import('./commands/schedule.js')).remove })));

  addExamples(program);
  return program;
}

/** Commands' full paths below the program ("portal add"), leaves only. */
export function leafCommands(program: Command): Array<{ path: string; command: Command }> {
  const walk = (command: Command, prefix: string[]): Array<{ path: string; command: Command }> =>
    command.commands.length === 0
      ? [{ path: prefix.join(' '), command }]
      : command.commands.flatMap((child) => walk(child, [...prefix, child.name()]));
  return program.commands.flatMap((child) => walk(child, [child.name()]));
}

function addExamples(program: Command): void {
  for (const { path, command } of leafCommands(program)) {
    const lines = EXAMPLES[path];
    if (lines) command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
  }
}
