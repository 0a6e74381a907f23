import pino, { type Logger } from 'pino';

/**
 * JSON lines on stderr (stdout belongs to the CLIs' output). Secrets never reach a log line: callers log ids and
 * statuses, and these paths are blanked in case an object carrying one is logged whole.
 */
export function createLogger(level = 'info', stream: NodeJS.WritableStream = process.stderr): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['token', 'aesKey', 'secret', 'access_token', 'key', 'webhookKeys', '*.token', '*.aesKey', '*.secret', '*.access_token', '*.webhookKeys', 'config.bot', 'config.app'],
      censor: '[redacted]',
    },
  }, stream as pino.DestinationStream);
}
