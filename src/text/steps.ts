/**
 * Builds written as generators that yield between short steps, so a reload can drive them between answers
 * (`app/reload.ts`), while every other caller runs them through at once with `runSteps`.
 */

/** Runs a build written as steps to its end, without giving way. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
