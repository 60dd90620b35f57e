/**
 * The fan-out bench's fake Discord, run as a process of its own (`fanout-fake.ts` forks it): the world its
 * argument describes, listening on 127.0.0.1, then one answer per command from the bench over the IPC channel.
 */
import { FakeDiscord } from '../tests/fakes/discord/fake-discord.js';
import type { DiscordRateLimits } from '../tests/fakes/discord/rate-limits.js';
import { FakeCommand, FakeWorld, type DailyChannel, type FakeReply } from './fanout-fake.js';

function send(reply: FakeReply): void {
  process.send?.(reply);
}

async function main(): Promise<void> {
  const world = FakeWorld.parse(JSON.parse(process.argv[2] ?? '{}'));
  const fake = new FakeDiscord();
  const channels: DailyChannel[] = [];
  for (let g = 0; g < world.guilds; g++) {
    const { guildId, channelIds } = fake.addGuild(`guild-${g}`, world.channelsPerGuild);
    for (const channelId of channelIds) channels.push({ guildId, channelId });
  }
  await fake.start();
  let limits: DiscordRateLimits | null = null;
  let since = 0;
  process.on('message', (raw) => {
    const command = FakeCommand.parse(raw);
    switch (command.kind) {
      case 'enforce-rate-limits':
        limits = fake.enforceRateLimits();
        since = fake.mark();
        send({ kind: 'enforcing' });
        return;
      case 'report':
        send({
          kind: 'report',
          made: fake.requests.slice(since).filter((r) => r.status !== 429).length,
          rejected: { ...(limits?.rejected ?? { global: 0, route: 0 }) },
          exactlyOne: channels.filter((c) => fake.channelMessages(c.channelId).length === 1).length,
          rss: process.memoryUsage().rss,
        });
        return;
      case 'stop':
        void fake.stop().finally(() => process.disconnect());
        return;
    }
  });
  send({ kind: 'ready', token: fake.token, apiBase: fake.apiBase, channels });
}

await main();
