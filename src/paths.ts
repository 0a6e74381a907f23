import { join } from 'node:path';

/** Where the bot keeps its state under DATA_DIR: one SQLite file and the pictures. */
export const dbFile = (dataDir: string) => join(dataDir, 'bot.sqlite');
export const mediaDir = (dataDir: string) => join(dataDir, 'media');
