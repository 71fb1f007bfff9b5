/**
 * Which workspace the Slack calls made now are made for. A request carries its team
 * (Bolt's context); background work (the outbox, reminders, approvals re-read, the App
 * Home) names the team of the plan it works on. With several workspaces installed the
 * messenger picks that workspace's token from it, so a message is never posted with
 * another team's token; with one SLACK_BOT_TOKEN it is not consulted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** A workspace, and its organisation for an Enterprise Grid org-wide install. */
export interface Workspace {
  teamId: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  /** The bot's user id there, when a request named it (each installation has its own bot user). */
  botUserId?: string;
}

const current = new AsyncLocalStorage<Workspace>();

/** Runs `work` (and everything it starts) for `workspace`. */
export function inWorkspace<T>(workspace: Workspace, work: () => T): T {
  return current.run(workspace, work);
}

/** The workspace the current work is for, if any. */
export function currentWorkspace(): Workspace | undefined {
  return current.getStore();
}
