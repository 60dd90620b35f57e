/**
 * Which platforms a configuration runs: each one whose tokens are set; the console when none is.
 */
import type { TutorConfig } from '../config/config.js';
import type { Platform } from '../domain/vocabulary.js';

export function choosePlatforms(config: TutorConfig): Platform[] {
  const chosen: Platform[] = [];
  if (config.discord) chosen.push('discord');
  if (config.slack) chosen.push('slack');
  return chosen.length > 0 ? chosen : ['console'];
}
