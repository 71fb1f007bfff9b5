/**
 * Bolt's installation store over the bot's own store port: the OAuth flow saves a
 * workspace's (or an organisation's) installation there, in lowdb or PostgreSQL, and
 * every request and every background Slack call finds its bot token there.
 *
 * Bolt fetches the installation before each acknowledgement and keeps no cache, so
 * found installations are kept in memory for `ttlMs` (default 30 s). Uninstalling or
 * revoking on this instance forgets them at once; another instance sharing the database
 * may go on using its copy until the TTL runs out (Slack refuses the revoked token
 * meanwhile, so nothing is posted with it). Nothing is cached for a workspace without an
 * installation, so an install through one instance serves requests through any other at once.
 */
import type { Installation, InstallationQuery, InstallationStore as BoltInstallationStore } from '@slack/bolt';
import { APP_NOT_INSTALLED } from '../../app/ports.js';
import type { Workspace } from '../../app/workspace-context.js';
import { CodedError } from '../../errors.js';
import { installationKey } from '../../store/installation-key.js';
import type { InstallationKey, PlanStore, StoredInstallation } from '../../store/plan-store.js';

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

export interface BoltInstallationStoreOptions {
  /** How long a fetched installation is trusted (ms). */
  ttlMs?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

/** The shared key naming the organisation of a workspace that an org-wide install serves. */
const orgOfKey = (teamId: string): string => `org-of:${teamId}`;
/** How long that is remembered: the organisation of a workspace rarely changes. */
const ORG_OF_TTL_MS = 30 * 24 * 3_600_000;

/** Bolt's installation store, plus what the rest of the bot needs: a token per workspace, and removal. */
export class CachedInstallationStore implements BoltInstallationStore {
  readonly #cache = new Map<string, { installation: AnyInstallation; at: number }>();
  readonly #ttlMs: number;
  /** Workspaces of org-wide installs whose organisation this process has written down already. */
  readonly #orgKnown = new Set<string>();
  readonly #now: () => number;

  constructor(
    private readonly store: Pick<PlanStore, 'installations' | 'keys'>,
    options: BoltInstallationStoreOptions = {},
  ) {
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const key = keyOfInstallation(installation as AnyInstallation);
    const stored: StoredInstallation = {
      ...key,
      installation: JSON.parse(JSON.stringify(installation)) as Record<string, unknown>,
      updatedAt: new Date(this.#now()).toISOString(),
    };
    await this.store.installations.save(stored);
    this.#cache.delete(installationKey(key));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const found = await this.find(keyOfQuery(query));
    if (!found) throw new CodedError(`No installation of the app for ${describeKey(keyOfQuery(query))}`, APP_NOT_INSTALLED);
    if (query.isEnterpriseInstall && query.teamId && query.enterpriseId && !this.#orgKnown.has(query.teamId)) {
      // Background work knows a plan's workspace only; remember which organisation serves it (once per workspace and process).
      this.#orgKnown.add(query.teamId);
      await this.store.keys.set(orgOfKey(query.teamId), query.enterpriseId, ORG_OF_TTL_MS).catch(() => this.#orgKnown.delete(query.teamId as string));
    }
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.remove(keyOfQuery(query));
  }

  /** The installation under `key`: from the cache while fresh, else from the store. */
  async find(key: InstallationKey): Promise<AnyInstallation | undefined> {
    const name = installationKey(key);
    const cached = this.#cache.get(name);
    if (cached && this.#now() - cached.at < this.#ttlMs) return structuredClone(cached.installation);
    const stored = await this.store.installations.get(key);
    if (!stored) {
      this.#cache.delete(name);
      return undefined;
    }
    const installation = stored.installation as unknown as AnyInstallation;
    this.#cache.set(name, { installation, at: this.#now() });
    return structuredClone(installation);
  }

  /** The bot token that serves `workspace`: its own installation, or its organisation's. */
  async botToken(workspace: Workspace): Promise<string | undefined> {
    if (workspace.isEnterpriseInstall && workspace.enterpriseId) {
      return (await this.find({ enterpriseId: workspace.enterpriseId, isEnterpriseInstall: true }))?.bot?.token;
    }
    const own = await this.find({ teamId: workspace.teamId });
    if (own) return own.bot?.token;
    const enterpriseId = workspace.enterpriseId ?? (await this.store.keys.get<string>(orgOfKey(workspace.teamId)));
    if (!enterpriseId) return undefined;
    return (await this.find({ enterpriseId, isEnterpriseInstall: true }))?.bot?.token;
  }

  /** Removes the installation (app uninstalled, or its bot token revoked); true when there was one. */
  async remove(key: InstallationKey): Promise<boolean> {
    this.#cache.delete(installationKey(key));
    return this.store.installations.delete(key);
  }

  /**
   * Forgets the user tokens of `userIds` (tokens_revoked for people, not the bot): the
   * installation and its bot token stay. True when one was forgotten.
   */
  async forgetUserTokens(key: InstallationKey, userIds: readonly string[]): Promise<boolean> {
    const name = installationKey(key);
    this.#cache.delete(name);
    const stored = await this.store.installations.get(key);
    const user = stored?.installation.user as { id?: string; token?: string; refreshToken?: string; expiresAt?: number } | undefined;
    if (!stored || !user?.id || !userIds.includes(user.id) || user.token === undefined) return false;
    const { token: _token, refreshToken: _refresh, expiresAt: _expires, ...rest } = user;
    await this.store.installations.save({ ...stored, installation: { ...stored.installation, user: rest }, updatedAt: new Date(this.#now()).toISOString() });
    this.#cache.delete(name);
    return true;
  }
}

/** Where an installation from the OAuth flow is kept: its organisation for an org-wide install, else its workspace. */
function keyOfInstallation(installation: AnyInstallation): InstallationKey {
  if (installation.isEnterpriseInstall && installation.enterprise?.id) return { enterpriseId: installation.enterprise.id, isEnterpriseInstall: true };
  return { ...(installation.team?.id ? { teamId: installation.team.id } : {}), ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}) };
}

function keyOfQuery(query: InstallationQuery<boolean>): InstallationKey {
  if (query.isEnterpriseInstall && query.enterpriseId) return { enterpriseId: query.enterpriseId, isEnterpriseInstall: true };
  return { ...(query.teamId ? { teamId: query.teamId } : {}), ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}) };
}

function describeKey(key: InstallationKey): string {
  return key.isEnterpriseInstall ? `organisation ${key.enterpriseId ?? '?'}` : `workspace ${key.teamId ?? '?'}`;
}
