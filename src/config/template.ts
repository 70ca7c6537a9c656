/** The commented remit.yaml that `remit init` writes. Every setting shows its default. */
export function configTemplate(company: { code: string; name: string; currency: string }): string {
  return `# remit workspace settings.
# Secrets never go in this file: portal passwords and TOTP seeds live in the OS keychain
# (remit portal add stores them there).

# The company whose receivables are worked when a command is given no --company.
default_company: ${company.code}

companies:
  ${company.code}:
    name: ${JSON.stringify(company.name)}
    currency: ${company.currency}
    # GL accounts for the journal that \`remit export-gl\` writes.
    gl:
      bank_clearing: "1090"        # debit: cash received
      accounts_receivable: "1200"  # credit: invoices settled
      discounts_allowed: "4910"    # debit: early-payment discounts taken
      unapplied_cash: "2410"       # credit: cash not applied to an invoice
      write_off: "6990"            # small differences within matching.write_off_tolerance
      deductions:                  # debit: money the payer kept, by reason code
        default: "1290"
        shortage: "1291"
        damaged: "1292"
        pricing: "1293"
        co-op: "1294"
        late-delivery: "1295"
      # Posting into the ERP (README: Posting into the ERP):
      # export_format: netsuite-payment   # what export-gl writes without --format (default generic)
      # closed_through: 2026-10-31        # nothing is posted on or before this day
      # time_zone: America/Chicago        # whose today is the default --posting-date
      # bank: "1010"                      # reconciled cash: Dr bank / Cr bank_clearing (README: Reconciliation entries)
      # bank_accounts: { "1234567890": "1011" }   # per bank account id, where there is more than one
      # bank_fees: "6810"                 # wire fees the bank kept
      # customers:                        # payer id -> the ERP's customer
      #   AMZ: { id: C0001, name: "Amazon.com Services LLC" }
      # formats:
      #   netsuite-payment: { date_format: MM/DD/YYYY, payment_method: ACH }

# Per payer (customer id as in the open-invoice file): how its files are read.
# payers:
#   AMZ:
#     name: Amazon
#     date_order: mdy          # mdy | dmy | ymd
#     decimal_comma: false     # true for 1.234,56
#     columns:                 # only for headers remit does not recognise
#       reference: "Doc #"
#       paid: "Net Amt"
#     reason_codes:            # payer's reason text or code -> remit reason code
#       "Price Claim": pricing
#     ids: ["AMAZON.COM"]      # how the payer names itself in EDI (N1*PR)
payers: {}

matching:
  # Applications at or above this confidence are applied; the rest wait for review.
  auto_apply_confidence: 0.95
  # Prefixes payers drop from our invoice numbers (INV-101234 written as 101234).
  invoice_prefixes: [INV, INVOICE, IN, INVNO, "NO"]
  # An invoice found by amount alone must be dated at most this many days before the payment.
  date_window_days: 120
  # Differences up to this amount close the invoice and are written off to gl.write_off.
  write_off_tolerance: "0.00"
  # Days after the discount date a discount still counts as earned (else: unearned-discount deduction).
  discount_grace_days: 0
  # Largest set of open invoices one payment may be matched to by amounts alone.
  max_subset_size: 6
  # true (or a list of company codes): apply only remittances whose cash a bank statement shows.
  require_cash: false

# Bank statements and reconciliation (remit bank import, remit reconcile).
bank:
  # inbox: bank-in             # a folder remit run imports statements from before it matches
  window_days: 10              # a credit comes at most this many days after the payment date; later: not received
  early_days: 3                # ... or this many days before it
  fee_tolerance: "50.00"       # the most a bank may keep from a wire as its fee (to gl.bank_fees)
  max_deposit_items: 4         # the cheques of one deposit paired by their sum

# Hard limits for files from outside; a file over a limit fails with a clear message.
limits:
  max_file_mb: 200
  max_rows: 10000000
  max_field_chars: 65536
  parse_seconds: 300
  max_expanded_mb: 512
  # One e-mail message (remit mail fetch, remit import of .eml/.msg), here with their defaults:
  # max_message_mb: 50           # never above max_file_mb unless set
  # max_message_parts: 500
  # max_message_depth: 12
  # max_attachment_mb: 25
  # max_attachments: 100
  # max_zip_ratio: 200
  # max_zip_expanded_mb: 200
  # max_zip_entries: 1000
  # max_zip_depth: 2

# Portal accounts that \`remit fetch\` logs in to (add them with \`remit portal add\`).
portals: []

secrets:
  store: keychain              # keychain | vault (vault needs passphrase_env)

fetch:
  concurrency: 3               # portal accounts at a time
  timeout_seconds: 600         # one account's whole run
  step_timeout_seconds: 30     # one page action (a click, a page load, a download)
  retries: 2                   # for timeouts and dropped sessions only, never a wrong password

# The nightly \`remit run\` (fetch, import, match, optionally export).
run:
  overlap_days: 2              # fetch again from this many days before each portal's last good day
  first_days: 7                # a portal never fetched before starts this many days back
  max_catch_up_days: 45        # after missed nights, fetch at most this far back
  export_gl: false             # true: also write the GL journal at the end of each run

# Unattended runs (no terminal) log to logs/remit-YYYY-MM-DD.log.
logs:
  retention_days: 90

# \`remit backup\` copies the ledger to backups/ (or --to DIR), checked; the newest are kept.
backups:
  keep: 14
  before_run: true             # remit run takes one before it writes
`;
}
