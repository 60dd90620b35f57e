#!/usr/bin/env node
// The `tutor` command. A container image runs the compiled dist/; a checkout runs the TypeScript
// sources through tsx, so `npx tutor` works right after `npm install` with no build step to forget.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
