/**
 * The one composition of the core: store, knowledge, tutor. `tutor start`, `tutor console`, the CLI and
 * the Discord/Slack wiring all open the same services, so every entry point behaves the same way.
 */
import path from 'node:path';
import type { KnowledgeBase } from '../challenges/types.js';
import { loadKnowledgeBase } from '../challenges/knowledge-base.js';
import type { TutorConfig } from '../config/config.js';
import { silentLogger, type Logger } from '../domain/logger.js';
import type { Locale, Platform } from '../domain/vocabulary.js';
import type { Store } from '../store/types.js';
import { loadKnowledgeBaseOffThread } from './reload.js';
import { databaseChoice, openStore } from './store-factory.js';
import type { Outbox } from '../tutor/api.js';
import { systemClock, type Clock } from '../tutor/clock.js';
import { createTutor, type ReloadOutcome, type Tutor } from '../tutor/tutor.js';

export interface KnowledgeHolder {
  current(): KnowledgeBase;
  /** Loads the notes again; a load with errors keeps the previous base in service and reports file:line. */
  reload(): Promise<ReloadOutcome>;
}

export interface Services {
  readonly config: TutorConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: Store;
  readonly knowledge: KnowledgeHolder;
  readonly tutor: Tutor;
  /** Outboxes of the running platforms: `runPlatforms` fills it, the tutor (`post-now`) and scheduler read it. */
  readonly outboxes: Partial<Record<Platform, Outbox>>;
  close(): Promise<void>;
}

/** Why a knowledge base cannot run the tutor, or `null`: a tutor with no topic to post would only say so daily. */
function unusable(dir: string, kb: KnowledgeBase): string | null {
  if (kb.dailyTopics().length > 0) return null;
  return (
    `the knowledge folder ${dir} has no topic fit for a daily challenge (${kb.graph.nodes.size} topics loaded): ` +
    'add notes with a pain point and a fix (tutor knowledge check lists what was read)'
  );
}

export class UnusableKnowledgeError extends Error {
  override readonly name = 'UnusableKnowledgeError';
}

export async function createKnowledgeHolder(dir: string, logger: Logger): Promise<KnowledgeHolder> {
  let current = await loadKnowledgeBase(dir);
  const problem = unusable(dir, current);
  if (problem) throw new UnusableKnowledgeError(problem);
  const log = logger.child({ component: 'knowledge', dir });
  log.info({ warnings: current.warnings.length }, 'knowledge loaded');
  return {
    current: () => current,
    async reload() {
      try {
        // A worker thread parses the notes: answers keep being graded on the current ones meanwhile.
        const next = await loadKnowledgeBaseOffThread(dir);
        const errors = next.warnings.filter((w) => w.severity === 'error');
        if (errors.length > 0) {
          const error = errors.map((w) => `${w.file}:${w.line}: ${w.message}`).join('\n');
          log.warn({ errors: errors.length }, 'knowledge reload has errors; the previous notes stay in service');
          return { ok: false, error };
        }
        const problem = unusable(dir, next);
        if (problem) {
          log.warn('knowledge reload has no daily topic; the previous notes stay in service');
          return { ok: false, error: problem };
        }
        current = next;
        log.info({ warnings: next.warnings.length }, 'knowledge reloaded');
        return { ok: true, warnings: next.warnings.length };
      } catch (error) {
        log.error({ err: error }, 'knowledge reload failed; the previous notes stay in service');
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

export async function openServices(
  config: TutorConfig,
  /** `locale`: the language of channel-wide posts (the console's `--locale`); English by default. */
  options: { clock?: Clock; logger?: Logger; cwd?: string; locale?: Locale } = {},
): Promise<Services> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const cwd = options.cwd ?? process.cwd();
  const knowledge = await createKnowledgeHolder(path.resolve(cwd, config.knowledgeDir), logger);
  const store = await openStore(databaseChoice(config, cwd), { logger });
  const outboxes: Partial<Record<Platform, Outbox>> = {};
  const tutor = createTutor({
    store,
    knowledge: knowledge.current,
    clock,
    logger,
    outboxes,
    reload: knowledge.reload,
    config: {
      passMark: config.passMark,
      maxAttempts: config.maxAttempts,
      rotationDays: config.rotationDays,
      retention: config.retention,
      defaults: config.defaults,
      admins: config.admins,
      ...(options.locale ? { locale: options.locale } : {}),
    },
  });
  return { config, clock, logger, store, knowledge, tutor, outboxes, close: () => store.close() };
}
