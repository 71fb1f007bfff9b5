/**
 * Installed in many workspaces: `app_uninstalled` removes the workspace's (or the
 * organisation's) installation, and so does `tokens_revoked` naming the bot; revoked
 * user tokens are forgotten, the installation stays. From then on nothing is sent for
 * that workspace: its queued messages are dropped (one log line per plan, kicked here
 * so it happens now), its reminders are dropped when due, and requests from it are not
 * answered. Its plans stay in the store until deleted (README, "Many workspaces").
 * Bolt runs these two events without authorising them (the token is gone already).
 */
import type { Listeners } from './listener-router.js';
import type { OutboxWorker } from '../../app/outbox-worker.js';
import type { PlanRecord } from '../../app/plan-record.js';
import type { Logger } from '../../app/ports.js';
import type { InstallationKey, PlanStore } from '../../store/plan-store.js';
import type { CachedInstallationStore } from '../oauth/bolt-installation-store.js';

export interface UninstallDeps {
  installations: CachedInstallationStore;
  store: PlanStore<PlanRecord>;
  outbox: OutboxWorker;
  logger: Logger;
}

interface EventBody {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
}

/** The installation an event is about: the organisation's for an org-wide install, else the workspace's. */
function keyOf(body: EventBody, context: { teamId?: string; enterpriseId?: string }): InstallationKey {
  const enterpriseId = context.enterpriseId ?? body.enterprise_id;
  if (body.is_enterprise_install && enterpriseId) return { enterpriseId, isEnterpriseInstall: true };
  return { teamId: context.teamId ?? body.team_id ?? '' };
}

export function registerUninstall(app: Listeners, deps: UninstallDeps): void {
  const { installations, logger } = deps;
  const removed = async (key: InstallationKey, why: string) => {
    const had = await installations.remove(key);
    logger.info(had ? 'removed the installation; its plans are kept until deleted' : 'no installation to remove (already removed)', {
      why,
      teamId: key.teamId,
      enterpriseId: key.enterpriseId,
    });
    // What its plans still owed is dropped now, not whenever the outbox next looks.
    const owing = await deps.store.list({ ...(key.teamId ? { teamId: key.teamId } : {}), queued: true });
    for (const entry of owing) deps.outbox.kick(entry.id);
  };
  app.event('app_uninstalled', async ({ body, context }) => {
    await removed(keyOf(body as EventBody, context), 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body, context }) => {
    const key = keyOf(body as EventBody, context);
    const tokens = (event as { tokens?: { oauth?: string[]; bot?: string[] } }).tokens ?? {};
    if ((tokens.bot ?? []).length > 0) await removed(key, 'tokens_revoked');
    const users = tokens.oauth ?? [];
    if (users.length > 0 && (await installations.forgetUserTokens(key, users))) {
      logger.info('forgot revoked user tokens; the bot token stays', { teamId: key.teamId, enterpriseId: key.enterpriseId, users: users.length });
    }
  });
}
