/**
 * Slack's Block Kit limits that the bot meets, in one place: the builders cut to
 * them, the bot checks its messages against them, and the local fake Slack refuses
 * what breaks them (docs.slack.dev, Block Kit reference; see shared/slack-platform.md).
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or App Home. */
  modalBlocks: 100,
  /** Undocumented but real: past roughly this much block text Slack answers `msg_blocks_too_long`. */
  messageBlockText: 12_000,
  /** Characters of a section's text (and of any text object). */
  sectionText: 3000,
  /** Fields in one section, and characters in each. */
  sectionFields: 10,
  fieldText: 2000,
  /** Characters of a header block's plain text. */
  headerText: 150,
  /** Characters of a markdown block. */
  markdownText: 12_000,
  /** Elements in a context block and in an actions block. */
  contextElements: 10,
  actionsElements: 25,
  /** A button's label, value and URL. */
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  /** An option of a select or overflow menu: its label and its value. */
  optionText: 75,
  optionValue: 150,
  /** Options in a static select, and in an overflow menu. */
  selectOptions: 100,
  overflowOptions: 5,
  /** A select's placeholder. */
  placeholder: 150,
  /** Option groups in a select, each with at most `selectOptions` options; a group's label. */
  optionGroups: 100,
  optionGroupLabel: 75,
  /** An input block's label and hint. */
  inputLabel: 2000,
  inputHint: 2000,
  /** A plain-text input's value (its `max_length` at most). */
  textInputValue: 3000,
  /** A modal's title, submit and close buttons; its private metadata. */
  modalTitle: 24,
  privateMetadata: 3000,
  /** `block_id` and `action_id`. */
  id: 255,
} as const;
