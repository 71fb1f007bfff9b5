import type { InstallationKey } from './plan-store.js';
import { StoreError } from './store-error.js';

/**
 * The one key an installation is stored under: an organisation-wide install by its
 * enterprise (`E:<id>`), any other by its workspace (`T:<id>`; team ids are unique
 * across Slack, also inside an organisation). Throws STORE_INVALID_ID when the key
 * names neither.
 */
export function installationKey(key: InstallationKey): string {
  const valid = (id: string | undefined): id is string => typeof id === 'string' && /^[A-Z0-9]{2,32}$/.test(id);
  if (key.isEnterpriseInstall) {
    if (valid(key.enterpriseId)) return `E:${key.enterpriseId}`;
  } else if (valid(key.teamId)) return `T:${key.teamId}`;
  throw new StoreError(
    key.isEnterpriseInstall
      ? 'An organisation-wide installation needs its enterprise id (E…).'
      : 'An installation needs the id of its workspace (T…), or an enterprise id for an organisation-wide install.',
    'STORE_INVALID_ID',
  );
}
