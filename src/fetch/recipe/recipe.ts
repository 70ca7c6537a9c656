/**
 * A declarative recipe, as the engine uses it after validation. The YAML an operator writes
 * (snake_case keys, documented in README.md, "Portal recipes") is checked and turned into these types by
 * recipe-validate.ts; nothing downstream looks at raw YAML.
 */

/** Something true or false about the page at a moment. */
export type Condition =
  | { kind: 'visible'; selector: string }
  | { kind: 'hidden'; selector: string }
  | { kind: 'text'; text: string }
  | { kind: 'url'; pattern: string | RegExp }
  | { kind: 'any'; conditions: Condition[] };

interface StepBase {
  /** Where the step is in the recipe, e.g. `login.steps[2]`, for messages. */
  path: string;
}

export type Step = StepBase &
  (
    | { kind: 'goto'; url: string }
    | { kind: 'fill'; selector: string; value: string }
    | { kind: 'select'; selector: string; value: string }
    | { kind: 'check'; selector: string }
    | { kind: 'click'; selector: string }
    | { kind: 'press'; key: string; selector?: string }
    | { kind: 'wait'; condition: Condition; timeoutMs?: number }
    | { kind: 'sleep'; ms: number }
    | { kind: 'if'; condition: Condition; withinMs: number; then: Step[]; else: Step[] }
  );

/** What a portal says when something is wrong, by what it means. */
export type FailureKind = 'auth' | 'locked' | 'password-expired' | 'captcha' | 'mfa' | 'session-expired' | 'transient';

export const FAILURE_KINDS: readonly FailureKind[] = [
  'locked',
  'password-expired',
  'captcha',
  'mfa',
  'auth',
  'session-expired',
  'transient',
];

export type FailureDetector =
  | { kind: 'text'; text: string }
  | { kind: 'selector'; selector: string }
  | { kind: 'url'; pattern: string | RegExp };

export type Failures = Partial<Record<FailureKind, FailureDetector[]>>;

/** How to read one value out of a result row. */
export interface FieldSpec {
  /** Relative to the row; absent means the row element itself. */
  selector?: string;
  /** Read this attribute instead of the visible text. */
  attribute?: string;
  /** Keep only the first capture group (or the whole match) of this pattern. */
  pattern?: RegExp;
  /** Date fields: the format shown in the row, when it differs from the recipe's. */
  format?: string;
}

export type DownloadMode = 'event' | 'link' | 'blob';

export interface DownloadSpec {
  mode: DownloadMode;
  /** Relative to the row. */
  selector: string;
  /** `link` mode: the attribute holding the file's address. */
  attribute: string;
  /** Shown by the portal when a download did not work. */
  error?: Condition;
}

export interface Recipe {
  kind: 'recipe';
  name: string;
  title?: string;
  /** Default date format for `| date` and for reading row dates. */
  dateFormat: string;
  amount: { decimalComma: boolean; minorDigits: number };
  login: {
    startUrl: string;
    /** Visible when the portal wants a login; also how an expired session is noticed. */
    form: Condition;
    steps: Step[];
    mfa?: { when: Condition; steps: Step[] };
    interstitials: Array<{ when: Condition; steps: Step[] }>;
    success: Condition;
  };
  failures: Failures;
  search: { steps: Step[] };
  rows: {
    selector: string;
    /** How the portal shows a search with no results. */
    empty: Condition;
    fields: { id?: FieldSpec; paymentRef?: FieldSpec; date: FieldSpec; amount?: FieldSpec };
  };
  pagination?: { next: string; disabled?: string; maxPages: number };
  /** Tried in order: the first whose selector is present in a row is used for that row. */
  download: DownloadSpec[];
  /** File the recipe came from, for messages. */
  source?: string;
}
