// What a command wants said, before we decide which WeCom channel says it.

export interface Reply {
  text: string;
  /** Userids to @ for real (group robot `mentioned_list`). */
  mention?: string[];
  /** Default: answer where the message came from. `user` = one to one; `chat` = into a group. */
  to?: { user: string } | { chat: string };
  /** A picture for the group (group robot image: raw ≤ 2 MB, JPG/PNG). */
  image?: Buffer;
  /** Stored once per key: a job re-run or a retried message cannot post the same thing twice. */
  dedupeKey?: string;
}
