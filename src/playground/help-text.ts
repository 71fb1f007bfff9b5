/**
 * What `:help` prints: every playground command with an example. Kept apart from
 * the playground so the README and tests can quote the same words.
 */

/** The playground's own commands, one per line. */
export const HELP_LINES: readonly string[] = [
  'This terminal stands for #campaign-planning. Type as you would in Slack:',
  '  /imc plan Spring launch      run a slash command (the reply only you see is printed)',
  '  Moonleaf Tea                 reply in the current plan thread (the newest plan, or the one :thread chose)',
  '  3                            click button or menu option [3] on the newest bot message that has any',
  '  2,6                          pick options [2] and [6] of a multi-select menu; Done is clicked for you',
  '  :say 3                       reply "3" as text (a bare number would click [3])',
  '  :answer brand Moonleaf Tea   answer the question `brand` (a reply or a number); questions asked before it get their example',
  '  goal one\\ngoal two            \\n starts a new line, like Shift-Enter in Slack',
  '  :top Lunch at 12?            post in the channel, outside any thread',
  '  :thread 4                    reply in the thread of message #4 from now on',
  '  :as bob                      type as bob from now on (people: alice, bob, carol)',
  '  :react last-draft white_check_mark as carol   add a reaction (to a message number or the newest draft)',
  '  :unreact 12 white_check_mark                  remove it again',
  '  :clock +3d  :clock +2w  :clock +1d 6h  :clock 2027-04-15 10:00   move time forward; due reminders fire',
  '  :messages                    print every bot message again',
  '  :home                        open your Home tab (your plans, approvals, reviews); :home 2 clicks its button [2]',
  '  :edit budget                 open the newest draft\'s Edit form (a modal) at a part: problem, audience, insight, objective,',
  '                               message, contacts, budget, schedule (or its number); :edit row 3 / :edit row new in contacts',
  '  :set 2 300000                fill input [2] of the form (a menu by option number or name, dates as 2027-04-30, - empties)',
  '  :submit   :cancel            send the form (errors come back beside the inputs; nothing is saved) or close it',
  '  :help                        this list',
  '  :quit                        stop (Ctrl-C too); the data directory goes unless you started with --keep',
];
