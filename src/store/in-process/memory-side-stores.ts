import type { ChannelSettings } from '../../domain/approval/channel-config.js';
import { installationKey } from '../installation-key.js';
import type { ChannelSettingsStore, InstallationStore, StoredInstallation } from '../plan-store.js';

/** The key of a channel's settings: team and channel ids hold no space. */
export const settingsKey = (teamId: string, channelId: string): string => `${teamId}/${channelId}`;

/** Channel settings in memory (tests and the playground's throwaway runs). */
export function memoryChannelSettings(): ChannelSettingsStore {
  const channels = new Map<string, ChannelSettings>();
  return {
    get: async (teamId, channelId) => ({ ...channels.get(settingsKey(teamId, channelId)) }),
    async set(teamId, channelId, settings) {
      channels.set(settingsKey(teamId, channelId), { ...settings });
    },
  };
}

/** Installations in memory, as JSON copies. */
export function memoryInstallations(): InstallationStore {
  const installations = new Map<string, string>();
  return {
    async get(key) {
      const json = installations.get(installationKey(key));
      return json === undefined ? undefined : (JSON.parse(json) as StoredInstallation);
    },
    async save(installation) {
      installations.set(installationKey(installation), JSON.stringify(installation));
    },
    async delete(key) {
      return installations.delete(installationKey(key));
    },
  };
}
