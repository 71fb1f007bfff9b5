/**
 * Slack's OAuth flow on the bot's own HTTP server (both modes, beside `/healthz`):
 * `GET /slack/install` sets the signed state cookie and sends the browser to Slack's
 * authorize page with the manifest's bot scopes; `GET /slack/oauth_redirect` checks
 * the state against the cookie, exchanges the code (`oauth.v2.access`) and saves the
 * installation in the bot's store. This is what Bolt's HTTPReceiver wires from
 * `installerOptions`; the bot's receivers acknowledge only after the answer is durable,
 * so they serve these routes themselves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultCallbackFailure, defaultCallbackSuccess, InstallProvider, type InstallationStore } from '@slack/oauth';
import type { Logger } from '../../app/ports.js';
import type { OAuthConfig } from '../../config.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes the install asks for: manifest.yml's `oauth_config.scopes.bot` (a test keeps them equal). */
export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'channels:history',
  'groups:history',
  'im:history',
  'reactions:read',
  'channels:read',
  'groups:read',
  'users:read',
  'files:write',
  'canvases:write',
] as const;

/** Handles a request to one of the install routes; false when the path is not one of them. */
export type InstallRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface InstallRoutesOptions {
  oauth: OAuthConfig;
  installationStore: InstallationStore;
  logger: Logger;
  /** Bolt's logger shape, for the install provider. */
  boltLogger: unknown;
  /** Web API options (the base URL of a fake Slack in tests). */
  clientOptions: Record<string, unknown>;
  /** Slack's authorize page (a fake one in tests). */
  authorizationUrl?: string;
}

export function createInstallRoutes(options: InstallRoutesOptions): InstallRoutes {
  const { logger } = options;
  const installer = new InstallProvider({
    clientId: options.oauth.clientId,
    clientSecret: options.oauth.clientSecret,
    stateSecret: options.oauth.stateSecret,
    installationStore: options.installationStore,
    // Straight on to Slack's page: nothing to click on ours first.
    directInstall: true,
    logger: options.boltLogger as never,
    clientOptions: options.clientOptions as never,
    ...(options.authorizationUrl ? { authorizationUrl: options.authorizationUrl } : {}),
  });
  const installUrlOptions = { scopes: [...BOT_SCOPES] };
  const callbackOptions = {
    success: (installation: Parameters<typeof defaultCallbackSuccess>[0], installOptions: Parameters<typeof defaultCallbackSuccess>[1], req: IncomingMessage, res: ServerResponse) => {
      logger.info('the app was installed', {
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        orgWide: installation.isEnterpriseInstall === true,
      });
      defaultCallbackSuccess(installation, installOptions, req, res);
    },
    failure: (error: Parameters<typeof defaultCallbackFailure>[0], installOptions: Parameters<typeof defaultCallbackFailure>[1], req: IncomingMessage, res: ServerResponse) => {
      logger.warn('an install was refused', { code: error.code });
      defaultCallbackFailure(error, installOptions, req, res);
    },
  };
  const fail = (what: string, res: ServerResponse) => (error: unknown) => {
    logger.error(`the ${what} failed`, { code: (error as { code?: string })?.code, error: String(error) });
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The installation could not be started. Try again in a minute.');
    }
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || (path !== INSTALL_PATH && path !== REDIRECT_PATH)) return false;
    req.resume();
    if (path === INSTALL_PATH) void installer.handleInstallPath(req, res, {}, installUrlOptions).catch(fail('install link', res));
    else void installer.handleCallback(req, res, callbackOptions).catch(fail('install redirect', res));
    return true;
  };
}
