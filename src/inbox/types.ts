// One verified message from WeCom, in our own words. The transport (src/wecom) produces it from either
// callback flavour; everything after the inbox sees only this shape, never WeCom's field names.

export type InboundSource = 'bot' | 'app';

export interface InboundImage {
  /** AI bot: an AES-encrypted download url that lives 5 minutes. */
  url?: string;
  /** App: a media id for media/get (valid 3 days). */
  mediaId?: string;
}

export interface InboundMessage {
  /** WeCom's message id (AI bot `msgid`, app `MsgId`), kept as a string; the inbox's unique key. */
  msgid: string;
  source: InboundSource;
  chattype: 'group' | 'single';
  /** Group chat id (AI bot group messages); null in one-to-one chats. */
  chat: string | null;
  /** Sender userid, as WeCom gives it (leading zeros kept). */
  from: string;
  /** ISO time with +08:00: WeCom's CreateTime when given, else the time we received it. */
  time: string;
  /** text | image | mixed | voice | file | location | quote */
  msgtype: string;
  /** What the sender wrote, @-mention of the bot stripped; a voice message's transcript; '' when none. */
  text: string;
  /** The message being quoted (AI bot `quote`), as text. */
  quote: { text: string } | null;
  images: InboundImage[];
  /** AI bot: where to answer this message once, within an hour. */
  responseUrl: string | null;
  location?: { lat: number; lng: number; label: string } | null;
  /** Files and videos: AI bot `file`/`video` url (AES-encrypted, 5 minutes), app MediaId. Optional (added by src/wecom). */
  files?: InboundImage[];
}
