/** MatchSettings with every optional bound filled in, so passes read one shape. */
import type { LearnedRule, MatchSettings } from './types.js';

export interface Settings {
  autoApplyConfidence: number;
  invoicePrefixes: string[];
  dateWindowDays: number;
  writeOffToleranceMinor: number;
  discountGraceDays: number;
  maxSubsetSize: number;
  maxSubsetWork: number;
  learnedRules: LearnedRule[];
}

export const DEFAULTS = {
  dateWindowDays: 120,
  writeOffToleranceMinor: 0,
  discountGraceDays: 0,
  maxSubsetSize: 6,
  maxSubsetWork: 1 << 18,
} as const;

export function resolveSettings(settings: MatchSettings): Settings {
  return {
    autoApplyConfidence: settings.autoApplyConfidence,
    invoicePrefixes: settings.invoicePrefixes,
    dateWindowDays: settings.dateWindowDays ?? DEFAULTS.dateWindowDays,
    writeOffToleranceMinor: Math.max(0, settings.writeOffToleranceMinor ?? DEFAULTS.writeOffToleranceMinor),
    discountGraceDays: settings.discountGraceDays ?? DEFAULTS.discountGraceDays,
    maxSubsetSize: settings.maxSubsetSize ?? DEFAULTS.maxSubsetSize,
    maxSubsetWork: settings.maxSubsetWork ?? DEFAULTS.maxSubsetWork,
    learnedRules: settings.learnedRules ?? [],
  };
}
