import { describe, expect, it } from 'vitest';
import { cronExpression } from '../../src/jobs/schedule.js';
import { dailyPeriod, inQuietHours, reminderSlot, weeklyPeriod } from '../../src/jobs/periods.js';

const s = { reminders: ['09:00', '15:00'], daily: '18:00', weekly: '09:00', weeklyDay: 1, quietFrom: '21:00', quietTo: '07:00' };
const at = (t: string) => new Date(`${t}+08:00`);

describe('什么时候算哪一期', () => {
  it('提醒按时段记期：09:00 到 14:59 都算上午那一档，早上 7 点还算前一天下午那一档', () => {
    expect(reminderSlot(at('2026-11-28T09:00:00'), s)).toBe('2026-11-28T09:00');
    expect(reminderSlot(at('2026-11-28T14:59:00'), s)).toBe('2026-11-28T09:00');
    expect(reminderSlot(at('2026-11-28T15:00:00'), s)).toBe('2026-11-28T15:00');
    expect(reminderSlot(at('2026-11-28T07:00:00'), s)).toBe('2026-11-27T15:00');
  });

  it('日小结 18:00 起到半夜都是当天的；第二天早上不再补昨天的', () => {
    expect(dailyPeriod(at('2026-11-28T17:59:00'), s)).toBeNull();
    expect(dailyPeriod(at('2026-11-28T18:00:00'), s)).toBe('2026-11-28');
    expect(dailyPeriod(at('2026-11-28T23:59:00'), s)).toBe('2026-11-28');
    expect(dailyPeriod(at('2026-11-29T00:10:00'), s)).toBeNull();
  });

  it('周报周一 09:00 起报上周一到周日；周一 8 点还是上上周那期（早已发过）', () => {
    expect(weeklyPeriod(at('2026-11-30T09:00:00'), s)).toBe('2026-11-23');
    expect(weeklyPeriod(at('2026-12-06T23:00:00'), s)).toBe('2026-11-23');
    expect(weeklyPeriod(at('2026-11-30T08:59:00'), s)).toBe('2026-11-16');
    // 按 Asia/Shanghai 算：上海周一 00:30 是 UTC 周日
    expect(weeklyPeriod(new Date('2026-11-29T16:30:00Z'), { ...s, weekly: '00:00' })).toBe('2026-11-23');
  });

  it('免打扰时段可以跨午夜，也可以不设', () => {
    expect(inQuietHours(at('2026-11-28T21:00:00'), s)).toBe(true);
    expect(inQuietHours(at('2026-11-28T23:30:00'), s)).toBe(true);
    expect(inQuietHours(at('2026-11-29T06:59:00'), s)).toBe(true);
    expect(inQuietHours(at('2026-11-29T07:00:00'), s)).toBe(false);
    expect(inQuietHours(at('2026-11-28T18:00:00'), { quietFrom: '17:00', quietTo: '19:00' })).toBe(true);
    expect(inQuietHours(at('2026-11-28T23:00:00'), { quietFrom: '00:00', quietTo: '00:00' })).toBe(false);
  });

  it('配置的时间变成 node-cron 表达式，周日记作 0', () => {
    expect(cronExpression('09:00')).toBe('0 9 * * *');
    expect(cronExpression('18:30')).toBe('30 18 * * *');
    expect(cronExpression('09:00', 1)).toBe('0 9 * * 1');
    expect(cronExpression('09:00', 7)).toBe('0 9 * * 0');
  });
});
