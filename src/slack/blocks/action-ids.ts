/**
 * The ids the bot puts on its buttons and menus, and the values they carry.
 * A value names the plan and the question it belongs to, so a click on an old
 * message can be recognised as stale instead of answering the wrong question.
 */

export const ACTION = {
  /** A choice button: value `plan|question|choice`. */
  answer: 'imc_answer',
  /** A single-choice menu: block id `q|plan|question`, selected option = choice. */
  select: 'imc_select',
  /** A multi-choice menu: block id `q|plan|question`, selected options = choices. */
  multi: 'imc_multi',
  /** A control button (back, skip, status, help, cancel, use-suggestion, accept-warnings, scale-down): value `plan|control|question`. */
  control: 'imc_control',
  /** Jump to the question that fixes a finding: value `plan|question`. */
  fix: 'imc_fix',
  /** Edit a posted draft: value `plan`. */
  edit: 'imc_edit',
  /** Start the post-campaign review: value `plan`. */
  review: 'imc_review',
  /** A control button on a review question (back, skip, status, help, cancel the review): value `plan|control|question`. */
  reviewControl: 'imc_review_control',
  /** Approve a posted draft, or take the approval back: value `plan|version`. */
  approve: 'imc_approve',
  /** Ask for changes to a posted draft, or take the request back: value `plan|version`. */
  requestChanges: 'imc_request_changes',
} as const;

export const CONTROLS = ['back', 'skip', 'status', 'help', 'cancel', 'use-suggestion', 'accept-warnings', 'scale-down', 'done'] as const;
export type Control = (typeof CONTROLS)[number];

/** Joins the parts of an action value; parts never contain `|` (ids are slugs). */
export function encodeValue(...parts: string[]): string {
  return parts.join('|');
}

/** Splits an action value or block id back into its parts. */
export function decodeValue(value: string | undefined): string[] {
  return (value ?? '').split('|');
}

/** Block id of a question's menu; Slack sends it back with the selection. */
export function questionBlockId(planId: string, questionId: string): string {
  return encodeValue('q', planId, questionId);
}

/** Identifies one click: Slack sends a redelivered click with the same message, action and action_ts. */
export function actionDedupeKey(messageTs: string | undefined, action: { action_id: string; action_ts?: string }): string {
  return `act:${messageTs ?? ''}:${action.action_id}:${action.action_ts ?? ''}`;
}
