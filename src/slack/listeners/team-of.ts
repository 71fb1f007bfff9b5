/**
 * The workspace an event belongs to: Bolt's context names it (the authorised team),
 * else the envelope's `team_id`. Every look-up of plans, settings and suggestions is
 * made within it, so two workspaces with the same channel id never meet.
 */
export function teamOf(body: unknown, context: { teamId?: string }): string {
  const envelope = body as { team_id?: unknown } | undefined;
  return context.teamId ?? (typeof envelope?.team_id === 'string' ? envelope.team_id : '');
}
