/**
 * Every word of the Edit form (the draft's Edit modal) and of what it says back, in one
 * place, so the words can move into a locale catalogue as they are. Parsers' and rules'
 * messages are their own and come through as they are.
 */
import type { RowField } from '../../app/edit-form.js';
import type { EditRefusal } from '../../app/edit-service.js';

export const EDIT_WORDS = {
  title: 'Edit plan',
  submit: 'Post new version',
  close: 'Cancel',
  doneTitle: 'Plan edited',
  doneClose: 'Close',
  sectionMenu: 'Choose a part',
  sectionOption: (number: number, label: string) => `${number}. ${label}`,
  intro: (campaign: string, version: number) =>
    `*${campaign}*, version ${version}. Change what you like in this part and post it: the plan is checked as in the thread, a new version is posted, and approvals start over.`,
  otherParts: 'Pick another part above to change it; changes not posted yet are dropped when you switch.',
  threadToo: 'You can still type `change <question>` in the plan\'s thread.',
  noQuestions: 'Nothing in this part applies to this plan. Pick another part above.',
  rowMenu: 'Change a row of the contact plan',
  rowMenuPlaceholder: 'Choose a row',
  rowsHint: 'Choose a row to change it, or "Add a row". The whole table is in the draft.',
  newRowGroup: 'New',
  addRow: 'Add a row',
  rowHeading: (position: number | undefined) =>
    position === undefined ? '*A new row*: give its stage and channel; what you leave empty is proposed.' : `*Row ${position}*: change what it says; what you leave as it is stays.`,
  rowLabels: {
    stage: 'Stage',
    channel: 'Channel',
    format: 'Format',
    timing: 'Timing',
    message: 'Message',
    kpi: 'KPI (and where it is measured)',
    cta: 'Call to action',
    incentive: 'Carries the incentive',
    remove: 'Remove',
  } satisfies Record<RowField, string>,
  rowHints: {
    timing: 'For example: launch, always on, 7 days after first order, 2027-11-11.',
    kpi: 'For example: repeat rate (crm).',
  } as Partial<Record<RowField, string>>,
  removeOption: 'Take this row out of the contact plan',
  yes: 'Yes',
  no: 'No',
  percentHint: 'In percent: 2 means 2 %.',
  required: 'This answer is needed.',
  cannotEmpty: 'An answer given here cannot be emptied; give a new one (in the thread, `change <question>` then `skip` keeps it too).',
  unchanged: 'Nothing is changed yet: change an answer, or Cancel to close.',
  refusal: (refusal: EditRefusal): string => {
    switch (refusal.code) {
      case 'not-found':
        return "I can't find that plan any more.";
      case 'not-author':
        return `Only <@${refusal.authorId}> can edit this plan. Ask for changes with a reaction, or in the thread.`;
      case 'not-editable':
        return `This plan is ${refusal.status} and can no longer be edited.`;
      case 'open-in-thread':
        return 'This plan is open for changes in its thread: finish there (or type `accept`), then edit again.';
      case 'stale':
        return `Someone changed this plan while the form was open: it is at version ${refusal.current} now. Close this form and click Edit on the newest draft, so nothing is lost.`;
    }
  },
  changedNote: (userId: string, what: string[], notes: string[]) =>
    [`:pencil2: <@${userId}> changed ${what.join(', ')} in the Edit form.`, ...notes].join('\n'),
  changedFallback: 'The plan was edited',
  rowWhat: (position: number | undefined) => (position === undefined ? 'a new row of the contact plan' : `row ${position} of the contact plan`),
  posted: (version: number) => `Version ${version} is posted to the channel as a draft; approvals start over.`,
  findings: 'The check found warnings for the changed plan. They are in the plan\'s thread: reply `accept` there to post it, or change the answers.',
  question: 'The changes need one more answer. The question is in the plan\'s thread; the plan is posted once it is answered.',
  openFailed: "I couldn't open the Edit form, so the plan is open for changes in its thread instead: type `change <question>` there.",
} as const;
