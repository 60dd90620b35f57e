/**
 * The app manifest in the repo root must declare what the adapter relies on: the one command, the scopes of
 * every Web API method it calls, the events it listens to, and the App Home tab.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const manifest = await readFile(new URL('../../slack-app-manifest.yml', import.meta.url), 'utf8');
/** The entries of a YAML list under `key:` (the list items right after it). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s*-\s+([^\s#]+)/.exec(line);
    if (!item) break;
    items.push(item[1]!);
  }
  return items;
}

describe('slack-app-manifest.yml', () => {
  it('declares /tutor as the one slash command, escaping mentions', () => {
    expect(manifest.match(/- command: (\S+)/g)).toEqual(['- command: /tutor']);
    expect(manifest).toMatch(/should_escape: true/);
  });

  it('asks for the scopes of every Web API method the adapter calls', () => {
    // chat.postMessage/postEphemeral, /tutor, reactions.add, thread replies (public, private), users.info.
    expect(listUnder('bot').sort()).toEqual(
      ['channels:history', 'chat:write', 'commands', 'groups:history', 'reactions:write', 'users:read'].sort(),
    );
  });

  it('subscribes to thread replies and App Home, with the home tab on', () => {
    expect(listUnder('bot_events').sort()).toEqual(['app_home_opened', 'message.channels', 'message.groups']);
    expect(manifest).toMatch(/home_tab_enabled: true/);
  });

  it('points every request URL at Bolt’s endpoint and documents the Socket Mode toggle', () => {
    for (const url of manifest.match(/(?:url|request_url): (\S+)/g) ?? []) expect(url).toMatch(/\/slack\/events$/);
    expect(manifest).toMatch(/socket_mode_enabled: false/);
    expect(manifest).toMatch(/SLACK_APP_TOKEN/);
  });
});
