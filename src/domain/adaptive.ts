/** placeholder */
export const CHANNEL_MODES = ['rotation', 'adaptive'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];
