/**
 * Examples shown at the end of each command's --help, by command path ("portal add").
 * Every leaf command has at least one (test/cli/examples.test.ts checks it): an operator
 * reading `remit <command> --help` sees a line to copy, not only a list of options.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  init: ['remit init --company ACME --name "Acme Corp" --currency USD', 'remit --home D:\\remit\\acme init --company ACME'],
  import: [
    'remit import ~/Downloads/walmart-0915.csv --payer WALMART',
    'remit import new-layout.xlsx --payer TGT --dry-run',
    'remit import --retry-failed',
  ],
  'payers propose': ['remit payers propose homedepot-0915.pdf --payer HD', 'remit payers propose target-1102.xlsx --payer TGT --json'],
  'documents retry': ['remit documents retry 41 42', 'remit documents retry --failed'],
  'documents dismiss': ['remit documents dismiss 41 --reason "duplicate of the portal copy"', 'remit documents dismiss 41 42 --reason "test files from the payer"'],
  'invoices import': ['remit invoices import open-items-2026-12-02.csv --company ACME', 'remit invoices import aging.xlsx --json'],
  match: ['remit match --dry-run', 'remit match --company ACME --json'],
  report: [
    'remit report exceptions',
    'remit report applications --format csv > applications.csv',
    'remit report morning --html morning.html --open',
  ],
  review: ['remit review', 'remit review --company ACME'],
  apply: ['remit apply 1207 INV-101240', 'remit apply 1207 INV-101240 --amount 125.50'],
  unapply: ['remit report applications --format csv | grep INV-101240', 'remit unapply 812'],
  'deduction code': ['remit deduction code 1311 --reason pricing', 'remit deduction code 1312 --reason co-op'],
  explain: ['remit explain 1207', 'remit explain 1207 --json'],
  'rules remove': ['remit report rules', 'remit rules remove 3'],
  'export-gl': ['remit export-gl --format netsuite-payment --posting-date 2026-12-01 --out //erp/imports/payments.csv', 'remit export-gl --reexport J4', 'remit export-gl --recover'],
  fetch: ['remit fetch', 'remit fetch --since 7d --portal amz-nwf', 'remit fetch --dry-run --headed'],
  run: ['remit run', 'remit run --since 2026-11-25 --export-gl'],
  status: ['remit status', 'remit status --json'],
  'notify password': ['remit notify password', 'printf "%s\\n" "$SMTP_PASSWORD" | remit notify password --password-stdin'],
  'portal add': [
    'remit portal add',
    'printf "%s\\n" "$PW" | remit portal add --id amz-nwf --company ACME --payer AMAZON --recipe northwind --url https://portal.northwind.example/login --username ar@acme.example --password-stdin',
  ],
  'mail add': [
    'remit mail add',
    'printf "%s\\n" "$PW" | remit mail add --id ar-inbox --company ACME --host imap.acme.example --user ar@acme.example --processed-folder Remit/Processed --password-stdin',
    'remit mail add --id ar-m365 --oauth microsoft --client-id 0c1e2f3a-... --user ar@acme.example --processed-folder Remit/Processed',
  ],
  'mail list': ['remit mail list', 'remit mail list --json'],
  'mail test': ['remit mail test ar-inbox', 'remit mail list'],
  'mail password': ['remit mail password ar-inbox', 'printf "%s\\n" "$NEW_PW" | remit mail password ar-inbox --password-stdin'],
  'mail remove': ['remit mail list', 'remit mail remove ar-inbox'],
  'mail waiting': ['remit mail waiting', 'remit mail waiting --json'],
  'mail assign': ['remit mail waiting', 'remit mail assign 12 --payer HD'],
  'mail fetch': ['remit mail fetch', 'remit mail fetch --since 7d --mailbox ar-inbox', 'remit mail fetch --retry-failed'],
  'portal list': ['remit portal list', 'remit portal list --json'],
  'portal test': ['remit portal test amz-nwf', 'remit portal test amz-nwf --headed'],
  'portal remove': ['remit portal list', 'remit portal remove amz-nwf'],
  demo: ['remit demo', 'remit demo --keep ./remit-demo'],
  'schedule install': ['remit schedule install --at 05:30 --days MON-FRI', 'remit schedule install --logon password'],
  'schedule show': ['remit schedule show', 'remit schedule show --at 06:00 --scheduler cron'],
  'schedule remove': ['remit schedule show', 'remit schedule remove'],
};
