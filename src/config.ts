// Configuration is a function of an env object, read once at start. Every fault is collected and reported
// together, by name, so an operator fixes the .env in one pass instead of one restart per typo.

export interface BotCredentials {
  token: string;
  aesKey: string;
}

export interface AppCredentials {
  corpId: string;
  token: string;
  aesKey: string;
  secret: string;
  agentId: string;
}

export interface Schedule {
  /** HH:MM times in Asia/Shanghai. */
  reminders: string[];
  daily: string;
  weekly: string;
  /** Monday = 1 … Sunday = 7 */
  weeklyDay: number;
  quietFrom: string;
  quietTo: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  rosterFile: string;
  apiBase: string;
  bot: BotCredentials | null;
  app: AppCredentials | null;
  /** chatid → group robot key */
  webhookKeys: Record<string, string>;
  /** The AI bot's display name, stripped from "@小巷管家 …". */
  botName: string;
  logLevel: string;
  schedule: Schedule;
  /** True when no WeCom credential at all is set: the bot runs against a fake WeCom on loopback. */
  offline: boolean;
}

export class ConfigError extends Error {
  constructor(readonly faults: string[]) {
    super(`configuration is not usable:\n${faults.map((f) => `  - ${f}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const faults: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const portText = get('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) faults.push(`PORT must be a port number 0-65535, got "${portText}"`);

  const apiBase = (get('WECOM_API_BASE') ?? 'https://qyapi.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(apiBase)) faults.push(`WECOM_API_BASE must be an http(s) URL, got "${apiBase}"`);

  const group = <K extends string>(names: Record<K, string>): Record<K, string> | null => {
    const values = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, get(n as string)])) as Record<K, string | undefined>;
    const set = Object.values(values).filter((v) => v !== undefined).length;
    if (set === 0) return null;
    const missing = Object.entries(names).filter(([k]) => values[k as K] === undefined).map(([, n]) => n);
    if (missing.length) faults.push(`${missing.join(', ')} missing: set all of ${Object.values(names).join(', ')} or none`);
    return missing.length ? null : (values as Record<K, string>);
  };

  const bot = group({ token: 'WECOM_BOT_TOKEN', aesKey: 'WECOM_BOT_AES_KEY' });
  if (bot && !AES_KEY.test(bot.aesKey)) faults.push('WECOM_BOT_AES_KEY must be the 43-character EncodingAESKey from the console');

  const app = group({
    corpId: 'WECOM_CORP_ID', token: 'WECOM_APP_TOKEN', aesKey: 'WECOM_APP_AES_KEY',
    secret: 'WECOM_APP_SECRET', agentId: 'WECOM_APP_AGENT_ID',
  });
  if (app && !AES_KEY.test(app.aesKey)) faults.push('WECOM_APP_AES_KEY must be the 43-character EncodingAESKey from the console');
  if (app && !/^\d+$/.test(app.agentId)) faults.push(`WECOM_APP_AGENT_ID must be the numeric AgentId, got "${app.agentId}"`);

  const webhookKeys: Record<string, string> = {};
  const keysText = get('WECOM_WEBHOOK_KEYS');
  if (keysText) {
    for (const pair of keysText.split(',').map((p) => p.trim()).filter(Boolean)) {
      const m = /^([A-Za-z0-9_.@-]+)=([A-Za-z0-9-]+)$/.exec(pair);
      // A whole webhook URL pasted as the key is the classic 93000; say so by name, without echoing the key.
      if (!m) faults.push(`WECOM_WEBHOOK_KEYS entry ${pair.includes('=') ? `for "${pair.split('=')[0]}"` : `"${pair.slice(0, 12)}…"`} must be chatid=key (the key alone, not the webhook URL)`);
      else webhookKeys[m[1]] = m[2];
    }
  }

  const hhmm = (name: string, dflt: string): string => {
    const v = get(name) ?? dflt;
    if (!HHMM.test(v)) faults.push(`${name} must be HH:MM, got "${v}"`);
    return v;
  };
  const reminders = (get('REMINDER_TIMES') ?? '09:00,15:00').split(',').map((s) => s.trim());
  for (const r of reminders) if (!HHMM.test(r)) faults.push(`REMINDER_TIMES must be HH:MM[,HH:MM…], got "${r}"`);
  const weeklyDayText = get('WEEKLY_REPORT_DAY') ?? '1';
  if (!/^[1-7]$/.test(weeklyDayText)) faults.push(`WEEKLY_REPORT_DAY must be 1 (Monday) to 7 (Sunday), got "${weeklyDayText}"`);
  const schedule: Schedule = {
    reminders,
    daily: hhmm('DAILY_SUMMARY_TIME', '18:00'),
    weekly: hhmm('WEEKLY_REPORT_TIME', '09:00'),
    weeklyDay: Number(weeklyDayText),
    quietFrom: hhmm('QUIET_FROM', '21:00'),
    quietTo: hhmm('QUIET_TO', '07:00'),
  };

  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) faults.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);

  if (faults.length) throw new ConfigError(faults);
  const dataDir = get('DATA_DIR') ?? 'data';
  return {
    port,
    host: get('HOST') ?? '0.0.0.0',
    dataDir,
    rosterFile: get('ROSTER_FILE') ?? 'data/roster.yaml',
    apiBase,
    bot,
    app,
    webhookKeys,
    botName: get('WECOM_BOT_NAME') ?? '小巷管家',
    logLevel,
    schedule,
    offline: !bot && !app && Object.keys(webhookKeys).length === 0,
  };
}
