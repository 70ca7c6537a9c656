/**
 * The morning report as one self-contained HTML page: inline CSS, the 30-day chart drawn as
 * plain SVG (no charting library: a bar per day needs forty lines, and a page that must work
 * offline and print cleanly is better without a script), tables that wrap instead of
 * overflowing, and a print style for A4 and Letter. Every figure carries
 * `data-figure="..."` so a test (or a script) can read exactly what a person sees.
 */
import { displayMinor } from '../core/money.js';
import type { DayFigures, MoneyCount, MorningReport } from './morning-data.js';

export function morningPage(report: MorningReport, options: { title?: string; localTime?: (iso: string) => string } = {}): string {
  const time = options.localTime ?? ((iso: string) => iso);
  const title = options.title ?? `remit: the morning of ${report.today}${report.company ? ` (${report.company})` : ''}`;
  const s = report.status;
  const blocked = s.portals.filter((p) => p.consecutiveFailures > 0 || p.held);
  const mailboxes = s.mailboxes ?? [];
  const refused = mailboxes.filter((m) => m.loginRefused || m.consecutiveFailures > 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body><main>
<header><h1>${esc(title)}</h1>
<p class="sub">Generated ${esc(time(report.generatedAt))}. Overnight means since ${esc(time(report.since))}.</p></header>

<section class="cards">
${card('Applied on its own today', pct(report.todayFigures.autoLines, report.todayFigures.lines), `${fig('today.autoLines', report.todayFigures.autoLines)} of ${fig('today.lines', report.todayFigures.lines)} lines, ${fig('today.autoPayments', report.todayFigures.autoPayments)} of ${fig('today.payments', report.todayFigures.payments)} payments`, 'today.rate')}
${card('Last 30 days', pct(report.last30.autoLines, report.last30.lines), `${fig('last30.autoLines', report.last30.autoLines)} of ${fig('last30.lines', report.last30.lines)} lines, ${fig('last30.autoPayments', report.last30.autoPayments)} of ${fig('last30.payments', report.last30.payments)} payments`, 'last30.rate')}
${card('Need a person', String(s.pendingExceptions), `${fig('queue.review', report.queue.review)} for review, ${fig('queue.proposals', report.queue.proposals)} proposals`, 'queue.waiting', s.pendingExceptions)}
${card('Unapplied cash', moneyList(report.queue.unappliedTotals, 'queue.unapplied') || '0.00', `${report.queue.unappliedTotals.reduce((n, t) => n + t.count, 0)} lines`, undefined)}
${card('Open deductions', displayMinor(s.openDeductionsMinor), `${fig('deductions.open', s.openDeductions)} deductions`, 'deductions.openMinor', s.openDeductionsMinor)}
${card('Needs attention', String(s.failedDocuments + s.flaggedPayments + blocked.length + refused.length), `${fig('files.failed', s.failedDocuments)} files failed, ${fig('payments.flagged', s.flaggedPayments)} payments flagged, ${fig('portals.failing', blocked.length)} portals failing or held${mailboxes.length ? `, ${fig('mailboxes.failing', refused.length)} mailboxes failing` : ''}`, 'attention', s.failedDocuments + s.flaggedPayments + blocked.length + refused.length)}
</section>

<section><h2>Applied on its own, the last 30 days</h2>
${chart(report.days)}
<p class="note">Each bar is one day's lines (by the day they arrived): dark is applied without a person.</p></section>

<section><h2>Overnight</h2>
${report.intake.length === 0 ? '<p>Nothing arrived.</p>' : table(['Source', 'Payer', 'Files', 'Failed', 'Payments', 'Amount'], report.intake.map((r, i) => [
    esc(r.source), esc(r.payer ?? ''), fig(`intake.${i}.files`, r.files), fig(`intake.${i}.failed`, r.failed), fig(`intake.${i}.payments`, r.payments),
    r.amounts.map((a) => `${fig(`intake.${i}.amount.${a.currency}`, displayMinor(a.amountMinor), a.amountMinor)} ${esc(a.currency)}`).join('<br>'),
  ]), [2, 3, 4, 5])}
${report.intake.flatMap((r) => r.failures.map((f) => `<p class="bad">${esc(f.name)}: ${esc(f.message)}</p>`)).join('\n')}
</section>

<section><h2>Work queue</h2>
${table(['Age of payment (days)', 'Lines', 'Unapplied'], report.queue.unapplied.map((b) => [esc(b.bucket), fig(`queue.age.${b.bucket}.${b.currency}.count`, b.count), `${fig(`queue.age.${b.bucket}.${b.currency}.amount`, displayMinor(b.amountMinor), b.amountMinor)} ${esc(b.currency)}`]), [1, 2])}
${report.queue.lines.length === 0 ? '<p>Nothing waits for a person.</p>' : table(['Line', 'Payer', 'Payment', 'Date', 'Reference', 'Status', 'Amount', 'What to do'], report.queue.lines.map((l) => [
    fig('queue.line', l.lineId ?? ''), esc(l.payer), esc(l.paymentRef), esc(l.paymentDate), esc(l.lineRef ?? ''), esc(l.status), `${displayMinor(l.amountMinor)} ${esc(l.currency)}`,
    `<code>remit explain ${l.lineId}</code>`,
  ]), [6])}
${report.queue.moreLines > 0 ? `<p class="note">and ${fig('queue.more', report.queue.moreLines)} more: <code>remit report exceptions</code>, <code>remit review</code></p>` : ''}
</section>

<section><h2>Deductions by reason</h2>
${report.deductionTotals.length === 0 ? '<p>No open deduction.</p>' : table(['Reason', 'Count', 'Amount', ...AGES], report.deductionTotals.map((t) => [
    esc(t.reasonCode), fig(`deductions.${t.reasonCode}.${t.currency}.count`, t.count), `${fig(`deductions.${t.reasonCode}.${t.currency}.amount`, displayMinor(t.amountMinor), t.amountMinor)} ${esc(t.currency)}`,
    ...AGES.map((age) => {
      const cell = report.deductions.find((d) => d.reasonCode === t.reasonCode && d.currency === t.currency && d.bucket === age);
      return cell ? displayMinor(cell.amountMinor) : '';
    }),
  ]), [1, 2, 3, 4, 5, 6, 7])}
</section>

<section><h2>Portals</h2>
${s.portals.length === 0 ? '<p>No portal account.</p>' : table(['Account', 'Last status', 'Last success', 'Failures in a row', 'Held'], s.portals.map((p) => [
    esc(p.id), `<span class="${p.consecutiveFailures > 0 || p.held ? 'bad' : 'ok'}">${esc(p.lastStatus)}</span>`, esc(p.lastSuccess ? time(p.lastSuccess) : 'never'), fig(`portal.${p.id}.failures`, p.consecutiveFailures),
    p.held ? `<span class="bad">${esc(p.held.reason)}</span>` : '',
  ]), [3])}
</section>
${mailboxes.length === 0 ? '' : `
<section><h2>Mailboxes</h2>
${table(['Mailbox', 'Last status', 'Last success', 'Failures in a row', 'Waiting for a person', 'Login'], mailboxes.map((m) => [
    esc(m.id), `<span class="${m.consecutiveFailures > 0 || m.loginRefused ? 'bad' : 'ok'}">${esc(m.lastStatus)}</span>`, esc(m.lastSuccess ? time(m.lastSuccess) : 'never'),
    fig(`mailbox.${m.id}.failures`, m.consecutiveFailures), fig(`mailbox.${m.id}.waiting`, m.waiting), m.loginRefused ? `<span class="bad">refused: ${esc(m.loginRefused)}</span>` : 'ok',
  ]), [3, 4])}
</section>`}
${!s.cash || s.cash.entries + s.cash.inTransit + s.cash.notReceived === 0 ? '' : `
<section><h2>Cash</h2>
${table(['Bank entries', 'Reconciled', 'Unidentified', 'Not reconciled yet', 'Returned', 'Remittances in transit', 'Cash not received'], [[
    fig('cash.entries', s.cash.entries), fig('cash.reconciled', s.cash.reconciled), fig('cash.unidentified', s.cash.unidentified),
    fig('cash.pending', s.cash.pending), fig('cash.returned', s.cash.returned), fig('cash.inTransit', s.cash.inTransit), fig('cash.notReceived', s.cash.notReceived),
  ]], [0, 1, 2, 3, 4, 5, 6])}
<p class="note">remit report cash lists each entry and remittance; remit bank confirm settles an unidentified credit.</p>
</section>`}
</main></body></html>
`;
}

const AGES = ['0-7', '8-30', '31-60', '61-90', '90+'];

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2330;background:#f5f6f8}
main{max-width:1100px;margin:0 auto;padding:16px}h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 8px}
.sub,.note{color:#5b6473;font-size:12px;margin:4px 0}section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:12px;margin:12px 0;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:10px;background:none;border:0;padding:0}
.card{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:10px}.card .big{font-size:24px;font-weight:600}.card .label{color:#5b6473;font-size:12px}
table{width:100%;border-collapse:collapse;table-layout:auto}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eceef2;vertical-align:top;word-break:break-word}
th{font-size:12px;color:#5b6473;font-weight:600}td.n,th.n{text-align:right;white-space:nowrap}code{font-size:12px;background:#f0f2f5;padding:1px 3px;border-radius:3px}
.bad{color:#b3261e}.ok{color:#1e7b34}svg{width:100%;height:auto;display:block}
@page{margin:12mm}@media print{body{background:#fff;font-size:11px}main{max-width:none;padding:0}section,.card{break-inside:avoid;border-color:#bbb}}
`;

function card(label: string, big: string, detail: string, figure: string | undefined, value?: number): string {
  const shown = figure ? `<div class="big" data-figure="${figure}"${value !== undefined ? ` data-value="${value}"` : ''}>${esc(big)}</div>` : `<div class="big">${big}</div>`;
  return `<div class="card"><div class="label">${esc(label)}</div>${shown}<div class="label">${detail}</div></div>`;
}

/** A number a test can find: `data-figure` names it, `data-value` holds it exactly (minor units for money). */
function fig(name: string, shown: string | number, value?: number): string {
  const exact = value ?? (typeof shown === 'number' ? shown : undefined);
  return `<span data-figure="${esc(name)}"${exact !== undefined ? ` data-value="${exact}"` : ''}>${esc(String(shown))}</span>`;
}

function moneyList(totals: MoneyCount[], name: string): string {
  return totals.map((t) => `${fig(`${name}.${t.currency}`, displayMinor(t.amountMinor), t.amountMinor)} ${esc(t.currency)}`).join('<br>');
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.floor((part * 1000) / whole) / 10}%`;
}

function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const cls = (i: number): string => (numeric.includes(i) ? ' class="n"' : '');
  return `<table><thead><tr>${headers.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** One bar per day: the day's lines, the part applied without a person filled dark. */
function chart(days: DayFigures[]): string {
  const width = 720;
  const height = 160;
  const pad = 24;
  const most = Math.max(1, ...days.map((d) => d.lines));
  const step = (width - pad) / Math.max(1, days.length);
  const bar = Math.max(2, step * 0.7);
  const y = (n: number): number => height - pad - ((height - 2 * pad) * n) / most;
  const bars = days.map((d, i) => {
    const x = pad + i * step;
    const label = `${d.day}: ${d.autoLines} of ${d.lines} lines applied on their own`;
    return `<g data-figure="day.${d.day}" data-lines="${d.lines}" data-auto="${d.autoLines}"><title>${esc(label)}</title>` +
      `<rect x="${x.toFixed(1)}" y="${y(d.lines).toFixed(1)}" width="${bar.toFixed(1)}" height="${(height - pad - y(d.lines)).toFixed(1)}" fill="#c9d3e3"/>` +
      `<rect x="${x.toFixed(1)}" y="${y(d.autoLines).toFixed(1)}" width="${bar.toFixed(1)}" height="${(height - pad - y(d.autoLines)).toFixed(1)}" fill="#2f5fa7"/></g>`;
  });
  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="lines per day and the part applied on its own">
<line x1="${pad}" y1="${height - pad}" x2="${width}" y2="${height - pad}" stroke="#8a93a3"/>
<text x="${pad}" y="${height - 6}" font-size="10" fill="#5b6473">${esc(first)}</text>
<text x="${width}" y="${height - 6}" font-size="10" fill="#5b6473" text-anchor="end">${esc(last)}</text>
<text x="0" y="${pad - 8}" font-size="10" fill="#5b6473">${most} lines</text>
${bars.join('\n')}
</svg>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
