// The recipe format without a browser: the validator reports every problem with its path and
// line, templates and date formats, the built-in recipes, file names, the registry.
import { describe, expect, test } from 'vitest';
import { formatIsoDate, parseFormattedDate } from '../../../src/fetch/recipe/date-format.js';
import { dispositionFileName, sanitizeFileName } from '../../../src/fetch/session/downloads.js';
import { RecipeError } from '../../../src/fetch/errors.js';
import { checkRecipeText, parseRecipe } from '../../../src/fetch/recipe/recipe-load.js';
import { listPortals, loadPortalRecipe } from '../../../src/fetch/recipe/registry.js';
import { parseTemplate, renderTemplate, type TemplateValues } from '../../../src/fetch/recipe/template.js';
import { isAdapter } from '../../../src/fetch/types.js';

const GOOD = `
name: acme
date_format: MM/DD/YYYY
login:
  steps:
    - fill: { selector: '#user', value: '{{ username }}' }
    - fill: { selector: '#pass', value: '{{ password }}' }
    - click: 'button[type=submit]'
  success: { visible: '#logout' }
search:
  steps:
    - fill: { selector: '#from', value: "{{ since | date: 'MM/DD/YYYY' }}" }
    - click: '#go'
rows:
  selector: 'table tbody tr'
  empty: { text: 'No results' }
  fields:
    payment_ref: td.ref
    date: td.date
download:
  mode: event
  selector: a.download
`;

const BAD = `name: Bad Name
date_format: DD/MM
login:
  steps:
    - fill: { selector: '#u', value: '{{ usrname }}' }
    - click: '#go'
      wait: { visible: '#x' }
    - goto: '{{ url }}/login?pw={{ password }}'
    - if: { visible: '#terms' }
  success: { visibel: '#home' }
failures:
  auth:
    - { text: 'bad', selector: '.x' }
  wrong_kind: [ 'x' ]
search:
  steps: []
rows:
  selector: 'tr'
  fields:
    amount: td.amount
pagination: { next: 'a.next', max_pages: 0 }
download:
  mode: magic
  selector: 'a'
  attribute: href
`;

describe('recipe validator', () => {
  test('a good recipe loads, with defaults filled in', () => {
    const recipe = parseRecipe(GOOD);
    expect(recipe.name).toBe('acme');
    expect(recipe.login.form).toEqual({ kind: 'visible', selector: '#user' });
    expect(recipe.login.startUrl).toBe('{{ url }}');
    expect(recipe.download).toEqual([{ mode: 'event', selector: 'a.download', attribute: 'href' }]);
    expect(recipe.login.steps[1]).toMatchObject({ kind: 'fill', path: 'login.steps[1]' });
  });

  test('every problem is reported, each with its path', () => {
    const { recipe, problems } = checkRecipeText(BAD, { source: 'bad.yaml' });
    expect(recipe).toBeUndefined();
    const byPath = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message).join(' | ');
    expect(byPath('name')).toMatch(/lower-case/);
    expect(byPath('date_format')).toMatch(/exactly one year/);
    expect(byPath('login.steps[0].fill.value')).toMatch(/unknown value "usrname"/);
    expect(byPath('login.steps[1]')).toMatch(/one action, found click and wait/);
    expect(byPath('login.steps[2].goto')).toMatch(/may only be used in a fill value/);
    expect(byPath('login.steps[3].then')).toMatch(/needs then/);
    expect(byPath('login.success.visibel')).toMatch(/did you mean "visible"/);
    expect(byPath('failures.auth[0]')).toMatch(/one of text:, selector: or url:/);
    expect(byPath('failures.wrong_kind')).toMatch(/unknown key/);
    expect(byPath('search.steps')).toMatch(/empty list/);
    expect(byPath('rows.empty')).toMatch(/empty is missing/);
    expect(byPath('rows.fields.date')).toMatch(/date is missing/);
    expect(byPath('rows.fields')).toMatch(/needs id or payment_ref/);
    expect(byPath('pagination.max_pages')).toMatch(/whole number from 1/);
    expect(byPath('download.mode')).toMatch(/event, link or blob/);
    expect(byPath('download.attribute')).toMatch(/only applies to mode: link/);
    expect(problems.length).toBeGreaterThanOrEqual(16);
  });

  test('problems carry the line they are on', () => {
    const { problems } = checkRecipeText(BAD);
    const unknownValue = problems.find((p) => p.path === 'login.steps[0].fill.value');
    expect(unknownValue?.line).toBe(5);
    const mode = problems.find((p) => p.path === 'download.mode');
    expect(mode?.line).toBe(23);
  });

  test('RecipeError lists them all and is a usage error', () => {
    let error: unknown;
    try {
      parseRecipe(BAD, { source: 'bad.yaml' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RecipeError);
    const re = error as RecipeError;
    expect(re.exitCode).toBe(2);
    expect(re.message).toMatch(/^bad\.yaml:1:\d+ name: .*\(and \d+ more\)$/);
    expect(re.details().split('\n')).toHaveLength(re.problems.length);
  });

  test('YAML syntax errors are reported with a line', () => {
    const { problems } = checkRecipeText('name: x\nlogin: [\n');
    expect(problems[0]?.message).toMatch(/^YAML:/);
    expect(problems[0]?.line).toBeGreaterThan(0);
  });

  test('the recipe must be a mapping', () => {
    expect(checkRecipeText('- a\n- b\n').problems[0]?.message).toMatch(/must be a mapping/);
  });
});

describe('templates', () => {
  const values: TemplateValues = {
    url: 'https://portal.example',
    username: 'ar@acme.example',
    since: '2025-03-05',
    until: '2025-03-31',
    accountId: 'acme-nw',
    options: { vendor: 'V-100' },
    dateFormat: 'DD.MM.YYYY',
    password: () => 'pw',
    totp: async () => '123456',
  };

  test('values, filters and secrets', async () => {
    expect(await renderTemplate("{{ since | date: 'MM/DD/YYYY' }}", values)).toEqual({ text: '03/05/2025', secret: false });
    expect((await renderTemplate('{{ until | date }}', values)).text).toBe('31.03.2025');
    expect((await renderTemplate('{{url}}/v/{{ options.vendor | lower }}?u={{ username | url }}', values)).text)
      .toBe('https://portal.example/v/v-100?u=ar%40acme.example');
    expect(await renderTemplate('{{ totp }}', values)).toEqual({ text: '123456', secret: true });
    expect((await renderTemplate('x{{ password }}', values)).secret).toBe(true);
  });

  test('mistakes are found when parsing', () => {
    expect(parseTemplate('{{ passwrd }}').problems[0]).toMatch(/unknown value/);
    expect(parseTemplate('{{ since | dat }}').problems[0]).toMatch(/unknown filter/);
    expect(parseTemplate("{{ username | date: 'MM' }}").problems[0]).toBeDefined();
    expect(parseTemplate('{{ since ').problems[0]).toMatch(/without a closing/);
  });

  test('a missing account option is a configuration error naming it', async () => {
    await expect(renderTemplate('{{ options.region }}', values)).rejects.toThrow(/account option "region"/);
  });
});

describe('date formats', () => {
  test('write and read back', () => {
    expect(formatIsoDate('2025-03-05', 'MM/DD/YYYY')).toBe('03/05/2025');
    expect(formatIsoDate('2025-03-05', 'D MMM YY')).toBe('5 Mar 25');
    expect(parseFormattedDate('05-Mar-2025', 'DD-MMM-YYYY')).toEqual({ ok: true, iso: '2025-03-05' });
    expect(parseFormattedDate(' 3/5/2025 ', 'M/D/YYYY')).toEqual({ ok: true, iso: '2025-03-05' });
    expect(parseFormattedDate('31.02.2025', 'DD.MM.YYYY').ok).toBe(false);
    expect(parseFormattedDate('2025-03-05', 'MM/DD/YYYY').ok).toBe(false);
  });
});

describe('file names from portals', () => {
  test('never a path, never hidden, never a device', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\Windows\\evil.csv')).toBe('evil.csv');
    expect(sanitizeFileName('.bashrc')).toBe('bashrc');
    expect(sanitizeFileName('CON.csv')).toBe('_CON.csv');
    expect(sanitizeFileName('a\u0000b:c?.pdf')).toBe('a_b_c_.pdf');
    expect(sanitizeFileName('..')).toBe('download');
    expect(sanitizeFileName(`${'x'.repeat(300)}.csv`)).toHaveLength(120);
  });

  test('Content-Disposition names', () => {
    expect(dispositionFileName('attachment; filename="a b.csv"')).toBe('a b.csv');
    expect(dispositionFileName(`attachment; filename="x"; filename*=UTF-8''%C3%A9t%C3%A9.csv`)).toBe('été.csv');
    expect(dispositionFileName('inline')).toBeUndefined();
  });
});

describe('registry', () => {
  test('lists and loads the built-in recipes and the adapter', async () => {
    const listed = await listPortals();
    expect(listed.map((p) => `${p.name}:${p.kind}`).sort()).toEqual(['bluepeak:adapter', 'cedarmart:recipe', 'northwind:recipe']);
    for (const name of ['northwind', 'cedarmart']) {
      const recipe = await loadPortalRecipe(name);
      expect(isAdapter(recipe)).toBe(false);
      expect(recipe.name).toBe(name);
    }
    expect(isAdapter(await loadPortalRecipe('bluepeak'))).toBe(true);
  });

  test('unknown or unsafe names are usage errors', async () => {
    await expect(loadPortalRecipe('nosuch')).rejects.toThrow(/no portal recipe called "nosuch"/);
    await expect(loadPortalRecipe('../etc/passwd')).rejects.toThrow(/not a recipe name/);
  });
});
