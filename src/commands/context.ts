import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { EventBus } from '../domain/events.js';
import type { Interpretation } from '../parse/types.js';
import type { Community, Person, Roster } from '../roster/types.js';
import type { Db } from '../store/db.js';
import type { InboxRow } from '../store/inbox.js';
import type { PhotoRow } from '../store/photos.js';
import type { Reply } from '../outbox/reply.js';

/** Everything a command needs to act on one message. Commands run inside one SQLite transaction and never do I/O. */
export interface Ctx {
  db: Db;
  roster: Roster;
  config: Config;
  events: EventBus;
  log: Logger;
  /** When the message is being handled (injected clock). */
  now: Date;
  nowIso: string;
  msg: InboxRow;
  person: Person;
  /** The community the message belongs to: the group's community, else the sender's. */
  community: Community | undefined;
  /** Pictures that came with this message (already stored). */
  photos: PhotoRow[];
}

/** A command returns what to say; the pipeline routes it through the outbox. */
export type Handler = (ctx: Ctx, it: Interpretation) => Reply[];
