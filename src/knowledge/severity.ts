/** How many of a load's warnings are errors and how many are only warnings: one count for every report. */
import type { LoadWarning } from './types.js';

export interface SeverityCounts {
  readonly errors: number;
  /** Warnings that are not errors. */
  readonly warnings: number;
}

export function countBySeverity(warnings: readonly LoadWarning[]): SeverityCounts {
  const errors = warnings.filter((w) => w.severity === 'error').length;
  return { errors, warnings: warnings.length - errors };
}
