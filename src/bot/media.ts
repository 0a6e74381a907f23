// Pictures are fetched the moment their message is handled: AI bot urls die after 5 minutes.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { InboundImage } from '../inbox/types.js';
import type { Db } from '../store/db.js';
import { insertPhoto, photosOfMsg, type PhotoRow } from '../store/photos.js';

export interface MediaSource {
  downloadBotMedia(url: string): Promise<Buffer>;
  getMedia(mediaId: string): Promise<{ bytes: Buffer }>;
}

const MAX_BYTES = 20 * 1024 * 1024;

function extOf(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xd8) return 'jpg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return 'bin';
}

/** Stores a picture under DATA_DIR/media by its sha256 (the same picture twice is one file). */
export function savePicture(mediaDir: string, bytes: Buffer): { sha256: string; path: string } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = join(mediaDir, `${sha256}.${extOf(bytes)}`);
  if (!existsSync(path)) {
    mkdirSync(mediaDir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  }
  return { sha256, path };
}

export async function fetchPictures(
  deps: { db: Db; source: MediaSource; mediaDir: string; log: Logger },
  m: { msgid: string; sender: string; chat: string | null; at: string; images: InboundImage[] },
): Promise<PhotoRow[]> {
  for (const img of m.images) {
    try {
      const bytes = img.url ? await deps.source.downloadBotMedia(img.url) : img.mediaId ? (await deps.source.getMedia(img.mediaId)).bytes : null;
      if (!bytes || !bytes.length) continue;
      if (bytes.length > MAX_BYTES) { deps.log.warn({ msgid: m.msgid, bytes: bytes.length }, 'picture too large, not kept'); continue; }
      const { sha256, path } = savePicture(deps.mediaDir, bytes);
      insertPhoto(deps.db, { sha256, path, bytes: bytes.length, msgid: m.msgid, sender: m.sender, chat: m.chat, created_at: m.at });
    } catch (err) {
      // The message still counts without its picture; a lost photo is logged, not fatal.
      deps.log.warn({ msgid: m.msgid, err: (err as Error).message }, 'could not fetch a picture');
    }
  }
  return photosOfMsg(deps.db, m.msgid);
}
