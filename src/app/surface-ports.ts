/**
 * What the Slack-native surfaces need from Slack beyond messages: the App Home,
 * file uploads, canvases and permalinks. Kept apart from `Messenger` so the
 * conversation services do not grow with them. Implementations throw `SlackCallError`.
 */

/** A file to upload, and where Slack should share it once processed. */
export interface FileUpload {
  filename: string;
  bytes: Buffer;
  title: string;
  /** Read by screen readers in place of the image. */
  altText: string;
}

export interface FileShare {
  channelId: string;
  threadTs?: string;
  /** The message text Slack posts with the file. */
  comment?: string;
}

export interface Surfaces {
  /** Publishes a user's App Home view (`views.publish`). */
  publishHome(userId: string, blocks: unknown[]): Promise<void>;
  /**
   * Uploads a file in Slack's three steps and returns its id. With `share`, Slack
   * posts it there by itself when processing is done (asynchronously; nothing
   * should point at the file before then).
   */
  uploadFile(file: FileUpload, share?: FileShare): Promise<string>;
  /** Creates the channel canvas of `channelId`; throws `channel_canvas_already_exists` if it has one. */
  createChannelCanvas(channelId: string, title: string, markdown: string): Promise<string>;
  /** Creates a standalone canvas tabbed in `channelId`. */
  createCanvas(channelId: string, title: string, markdown: string): Promise<string>;
  /** Replaces a canvas's whole content. */
  replaceCanvas(canvasId: string, markdown: string): Promise<void>;
  /** Opens a modal for the person whose `triggerId` it is (`views.open`, within the trigger's 3 s); returns the view's id. */
  openModal(triggerId: string, view: Record<string, unknown>): Promise<string>;
  /** Replaces what an open modal shows (`views.update`); `hash` refuses an update over a newer one. */
  updateModal(viewId: string, view: Record<string, unknown>, hash?: string): Promise<void>;
  /** A link to a message (`chat.getPermalink`). */
  permalink(channelId: string, ts: string): Promise<string>;
}
