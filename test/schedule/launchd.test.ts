import { describe, expect, it } from 'vitest';
import { launchAgentPath, launchctlBootoutArgs, launchctlBootstrapArgs, launchdLabel, launchdPlist } from '../../src/schedule/launchd.js';
import { parseDays } from '../../src/schedule/options.js';
import type { ScheduleSpec } from '../../src/schedule/types.js';
import { POSIX_TARGET } from './support.js';
import { parseXml, type XmlElement } from './xml-check.js';

const WEEKDAYS_0530: ScheduleSpec = { at: { hour: 5, minute: 30 }, days: parseDays('MON-FRI') };

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/** A plist tree as plain values, checking that every key is followed by a value. */
function plistValue(el: XmlElement): Plist {
  switch (el.name) {
    case 'string':
      return el.text;
    case 'integer':
      return Number(el.text);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'array':
      return el.children.map(plistValue);
    case 'dict': {
      const out: Record<string, Plist> = {};
      for (let i = 0; i < el.children.length; i += 2) {
        const key = el.children[i]!;
        const value = el.children[i + 1];
        if (key.name !== 'key' || !value) throw new Error('dict must alternate key and value');
        out[key.text] = plistValue(value);
      }
      return out;
    }
    default:
      throw new Error(`unexpected plist element ${el.name}`);
  }
}

function plist(spec = WEEKDAYS_0530) {
  const doc = parseXml(launchdPlist(spec, POSIX_TARGET));
  expect(doc.declaration).toEqual({ version: '1.0', encoding: 'UTF-8' });
  expect(doc.doctype).toContain('-//Apple//DTD PLIST 1.0//EN');
  expect(doc.root.name).toBe('plist');
  expect(doc.root.children).toHaveLength(1);
  return plistValue(doc.root.children[0]!) as Record<string, Plist>;
}

describe('launchd agent', () => {
  it('lives in ~/Library/LaunchAgents under a com.remit label', () => {
    expect(launchdLabel('acme-1')).toBe('com.remit.acme-1');
    expect(launchAgentPath('/Users/ann', 'acme-1')).toBe('/Users/ann/Library/LaunchAgents/com.remit.acme-1.plist');
    expect(launchctlBootstrapArgs(501, '/Users/ann/Library/LaunchAgents/com.remit.acme-1.plist')).toEqual(['bootstrap', 'gui/501', '/Users/ann/Library/LaunchAgents/com.remit.acme-1.plist']);
    expect(launchctlBootoutArgs(501, 'acme-1')).toEqual(['bootout', 'gui/501/com.remit.acme-1']);
  });

  it('runs node and remit with --home, from the workspace, logging under logs/, one start per weekday', () => {
    const value = plist();
    expect(value['Label']).toBe('com.remit.client-books-1a2b3c4d');
    expect(value['ProgramArguments']).toEqual([POSIX_TARGET.node, POSIX_TARGET.remit, '--home', POSIX_TARGET.workspace, 'run']);
    expect(value['WorkingDirectory']).toBe(POSIX_TARGET.workspace);
    expect(value['StandardOutPath']).toBe(`${POSIX_TARGET.workspace}/logs/launchd.out.log`);
    expect(value['StandardErrorPath']).toBe(`${POSIX_TARGET.workspace}/logs/launchd.err.log`);
    expect(value['RunAtLoad']).toBe(false);
    expect(value['StartCalendarInterval']).toEqual([1, 2, 3, 4, 5].map((Weekday) => ({ Weekday, Hour: 5, Minute: 30 })));
  });

  it('counts Sunday as 0 and uses one entry with no weekday for every day', () => {
    expect(plist({ at: { hour: 7, minute: 15 }, days: parseDays('SAT-SUN') })['StartCalendarInterval']).toEqual([
      { Weekday: 6, Hour: 7, Minute: 15 },
      { Weekday: 0, Hour: 7, Minute: 15 },
    ]);
    expect(plist({ at: { hour: 22, minute: 0 }, days: parseDays('DAILY') })['StartCalendarInterval']).toEqual([{ Hour: 22, Minute: 0 }]);
  });

  it('escapes & and < in paths', () => {
    const text = launchdPlist(WEEKDAYS_0530, POSIX_TARGET);
    expect(text).toContain('AR &amp; Cash/Client&apos;s &lt;Books&gt; 100%');
    expect(text).not.toContain('<Books>');
  });
});
