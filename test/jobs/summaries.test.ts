import { describe, expect, it } from 'vitest';
import { runDaily } from '../../src/jobs/daily.js';
import { runWeekly } from '../../src/jobs/weekly.js';
import { jobRuns } from '../../src/store/job-runs.js';
import { addEvent, updateTicket } from '../../src/store/tickets.js';
import { jobDeps, posted, record, ticket } from './helpers.js';

const at = (t: string) => new Date(`${t}+08:00`);

describe('每日小结', () => {
  it('18:00 在每个社区群里发当天的新报、办结、未办结（超期）、随手做/巡/访/调解，并点名感谢最活跃的志愿者', async () => {
    const d = jobDeps();
    // 今天：陈建国报了 3 件，侯桂芳 1 件；其中 1 件当天办结
    ticket(d.db, { created_at: '2026-11-28T08:10:00', reporter: 'chenjianguo' });
    ticket(d.db, { created_at: '2026-11-28T09:00:00', reporter: 'chenjianguo', category: 'facility', status: 'resolved', resolved_at: '2026-11-28T11:00:00' });
    ticket(d.db, { created_at: '2026-11-28T10:00:00', reporter: 'chenjianguo', category: 'ebike' });
    ticket(d.db, { created_at: '2026-11-28T10:30:00', reporter: 'houguifang', category: 'sanitation' });
    // 之前的：一件今天办结，一件仍超期
    ticket(d.db, { created_at: '2026-11-26T08:00:00', status: 'resolved', resolved_at: '2026-11-28T15:00:00' });
    ticket(d.db, { created_at: '2026-11-24T08:00:00', category: 'safety' });
    record(d.db, { author: 'houguifang', intent: 'self_handled', at: '2026-11-28T07:30:00' });
    record(d.db, { author: 'houguifang', intent: 'self_handled', at: '2026-11-28T12:30:00' });
    record(d.db, { author: 'houguifang', intent: 'patrol', at: '2026-11-28T16:30:00' });
    record(d.db, { author: 'liudeshan', intent: 'mediation', at: '2026-11-28T16:40:00', grid: 'furao-2' });
    record(d.db, { author: 'shixiaohong', intent: 'visit', at: '2026-11-28T17:00:00' });
    record(d.db, { author: 'chenjianguo', intent: 'patrol', at: '2026-11-27T16:30:00' }); // 昨天的不算

    const r = await runDaily(d, at('2026-11-28T18:00:00'));
    expect(r.period).toBe('2026-11-28');
    const out = posted(d.db);
    expect(out).toHaveLength(1); // 幸福社区今天没有任何动静：不发空小结
    expect(out[0]).toMatchObject({ chat: 'wrkchat-furao', kind: 'markdown', mentions: [] });
    expect(out[0].text).toBe('**富饶社区 11月28日 小结**：新报4件，办结2件，未办结4件（超期1件）；随手做2次、巡查1次、走访1次、调解1次。感谢 侯桂芳、陈建国、刘德山 等管家！');
    expect(r.scopes).toEqual([
      expect.objectContaining({ community: 'furao', status: 'sent', messages: 1 }),
      expect.objectContaining({ community: 'xingfu', status: 'empty', messages: 0 }),
    ]);
  });

  it('一天只发一次：重跑、半夜前补跑都不再发；18:00 之前和过了半夜都不算到期', async () => {
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-28T08:10:00' });
    expect((await runDaily(d, at('2026-11-28T17:00:00'))).skipped).toMatch(/not due/);
    expect((await runDaily(d, at('2026-11-28T18:00:00'))).queued).toBe(1);
    expect((await runDaily(d, at('2026-11-28T20:00:00'))).queued).toBe(0);
    expect((await runDaily(d, at('2026-11-29T00:30:00'))).skipped).toMatch(/not due/);
    expect(posted(d.db)).toHaveLength(1);
    expect(jobRuns(d.db).map((j) => [j.job, j.scope, j.period])).toEqual([['daily', 'furao', '2026-11-28'], ['daily', 'xingfu', '2026-11-28']]);
  });
});

describe('周报', () => {
  it('周一 09:00 按网格报上周的新报、办结、结案率、按期结案率、办结用时中位数、重开', async () => {
    const d = jobDeps();
    // 上周（11-23 至 11-29）第一网格：4 件，3 件办结（2 件按期），1 件重开过
    ticket(d.db, { created_at: '2026-11-23T09:00:00', status: 'resolved', resolved_at: '2026-11-23T19:00:00' }); // 10 小时，按期
    ticket(d.db, { created_at: '2026-11-24T09:00:00', status: 'resolved', resolved_at: '2026-11-25T15:00:00' }); // 30 小时，按期
    ticket(d.db, { created_at: '2026-11-25T09:00:00', category: 'ebike', status: 'resolved', resolved_at: '2026-11-27T09:00:00' }); // 48 小时，超期
    const reopened = ticket(d.db, { created_at: '2026-11-26T09:00:00' });
    addEvent(d.db, { ticket_id: reopened, at: '2026-11-27T10:00:00+08:00', actor: 'chenjianguo', action: 'reopened', from_status: 'resolved', to_status: 'open', msgid: null, note: null });
    updateTicket(d.db, reopened, { reopen_count: 1 });
    // 第三网格：1 件，未办结
    ticket(d.db, { created_at: '2026-11-28T09:00:00', grid: 'furao-3', assignee: 'sunli', compound: '富饶小区', reporter: 'gaozhiqiang' });
    // 本周的不算进上周
    ticket(d.db, { created_at: '2026-11-30T08:00:00' });
    record(d.db, { author: 'houguifang', intent: 'patrol', at: '2026-11-24T10:00:00' });

    const r = await runWeekly(d, at('2026-11-30T09:00:00'));
    expect(r.period).toBe('2026-11-23');
    const [p] = posted(d.db);
    expect(p.kind).toBe('markdown');
    const lines = p.text.split('\n');
    expect(lines[0]).toBe('### 富饶社区 上周工作周报（11月23日—11月29日）');
    expect(lines[1]).toBe('**全社区**：新报5件，办结3件，结案率60%，按期结案率67%，办结用时中位数30小时，重开1件；目前未办结3件（超期1件）');
    expect(lines).toContain('> **富饶第一网格**（石晓红）：新报4件，办结3件，结案率75%，按期结案率67%，办结用时中位数30小时，重开1件');
    expect(lines).toContain('> **富饶第二网格**（王磊）：上周无工单');
    expect(lines).toContain('> **富饶第三网格**（孙丽）：新报1件，办结0件，结案率0%，按期结案率—，办结用时中位数—，重开0件');
    expect(p.text).toContain('志愿服务：巡查1次');
    expect((await runWeekly(d, at('2026-12-02T10:00:00'))).queued).toBe(0);
  });

  it('有周报图时跟在文字后面发；画图出错文字照发', async () => {
    const d = jobDeps();
    ticket(d.db, { created_at: '2026-11-24T09:00:00' });
    ticket(d.db, { created_at: '2026-11-24T09:00:00', community: 'xingfu', chat: 'wrkchat-xingfu', grid: 'xingfu-1', assignee: 'zhoujing', compound: '幸福家园' });
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    d.weeklyChart = async (_db, _roster, community) => {
      if (community === 'xingfu') throw new Error('font missing');
      return png;
    };
    await runWeekly(d, at('2026-11-30T09:00:00'));
    expect(posted(d.db).map((p) => [p.chat, p.kind])).toEqual([
      ['wrkchat-furao', 'markdown'], ['wrkchat-furao', 'image'], ['wrkchat-xingfu', 'markdown'],
    ]);
  });
});
