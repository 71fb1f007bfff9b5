/**
 * The bot's listeners, routed in one place. Bolt runs every request through every
 * listener it holds (each with its own copied middleware chain of async functions, so
 * dozens of promises per request, each tracked by the workspace context's async
 * hooks), although at most one or two of ours match. The listeners register here
 * instead, with the constraints they would give Bolt (an action id or pattern, an
 * event type, a command, a view's callback id, a shortcut); `mount` gives Bolt one
 * listener per kind of request, which runs only the listeners that match, all of
 * them when several do, as Bolt would. A failure of one is passed on (the request is
 * then not acknowledged, see dispatch-durably.ts) once the others have finished.
 */
import type {
  AllMiddlewareArgs,
  App,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

type Listener<Args> = (args: Args & AllMiddlewareArgs) => Promise<void>;
type Name = string | RegExp;
type RouteKind = 'action' | 'event' | 'command' | 'view' | 'shortcut';

/** Where listeners register (what `register…` functions take): the part of Bolt's App they use. */
export interface Listeners {
  action<A extends SlackAction = SlackAction>(actionId: Name, listener: Listener<SlackActionMiddlewareArgs<A>>): void;
  event<T extends string>(type: T, listener: Listener<SlackEventMiddlewareArgs<T>>): void;
  command(name: Name, listener: Listener<SlackCommandMiddlewareArgs>): void;
  view<V extends SlackViewAction = ViewSubmitAction>(callbackId: Name, listener: Listener<SlackViewMiddlewareArgs<V>>): void;
  shortcut<S extends SlackShortcut = SlackShortcut>(constraints: { callback_id: Name; type?: S['type'] }, listener: Listener<SlackShortcutMiddlewareArgs<S>>): void;
}

interface Route {
  matches(args: unknown): boolean;
  run(args: unknown): Promise<void>;
}

const named = (name: Name, value: unknown) => typeof value === 'string' && (typeof name === 'string' ? value === name : name.test(value));
const everything = /(?:)/;

export class ListenerRouter implements Listeners {
  readonly #routes = { action: [] as Route[], event: [] as Route[], command: [] as Route[], view: [] as Route[], shortcut: [] as Route[] };

  action<A extends SlackAction = SlackAction>(actionId: Name, listener: Listener<SlackActionMiddlewareArgs<A>>): void {
    this.#add('action', (args) => named(actionId, (args as { action?: { action_id?: unknown } }).action?.action_id), listener);
  }

  event<T extends string>(type: T, listener: Listener<SlackEventMiddlewareArgs<T>>): void {
    this.#add('event', (args) => (args as { event?: { type?: unknown } }).event?.type === type, listener);
  }

  command(name: Name, listener: Listener<SlackCommandMiddlewareArgs>): void {
    this.#add('command', (args) => named(name, (args as { command?: { command?: unknown } }).command?.command), listener);
  }

  view<V extends SlackViewAction = ViewSubmitAction>(callbackId: Name, listener: Listener<SlackViewMiddlewareArgs<V>>): void {
    this.#add('view', (args) => named(callbackId, (args as { view?: { callback_id?: unknown } }).view?.callback_id), listener);
  }

  shortcut<S extends SlackShortcut = SlackShortcut>(constraints: { callback_id: Name; type?: S['type'] }, listener: Listener<SlackShortcutMiddlewareArgs<S>>): void {
    this.#add(
      'shortcut',
      (args) => {
        const body = (args as { body?: { callback_id?: unknown; type?: unknown } }).body;
        return named(constraints.callback_id, body?.callback_id) && (constraints.type === undefined || body?.type === constraints.type);
      },
      listener,
    );
  }

  /** Gives Bolt one listener per kind of request that has any listener here. */
  mount(app: App): void {
    const routes = this.#routes;
    if (routes.action.length > 0) app.action(everything, (args) => dispatch(routes.action, args));
    if (routes.event.length > 0) app.event(everything, (args) => dispatch(routes.event, args));
    if (routes.command.length > 0) app.command(everything, (args) => dispatch(routes.command, args));
    if (routes.view.length > 0) app.view(everything, (args) => dispatch(routes.view, args));
    if (routes.shortcut.length > 0) app.shortcut(everything, (args) => dispatch(routes.shortcut, args));
  }

  #add<Args>(kind: RouteKind, matches: (args: unknown) => boolean, listener: Listener<Args>): void {
    this.#routes[kind].push({ matches, run: (args) => listener(args as Args & AllMiddlewareArgs) });
  }
}

/** Runs the listeners that match, together; the first failure is passed on once all have settled. */
async function dispatch(routes: readonly Route[], args: unknown): Promise<void> {
  const matching = routes.filter((route) => route.matches(args));
  if (matching.length === 1) return (matching[0] as Route).run(args);
  const settled = await Promise.allSettled(matching.map((route) => route.run(args)));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
