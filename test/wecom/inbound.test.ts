import { describe, expect, it } from 'vitest';
import { InboundError, isoShanghai, parseAppCallback, parseBotCallback, stripBotMention } from '../../src/wecom/inbound.js';

const NOW = new Date('2026-11-28T00:12:00Z');
const BOT = '小巷管家';
const base = { msgid: 'CAIQ16HMjQYY', aibotid: 'aib1', chatid: 'wrkchat-furao', chattype: 'group', from: { userid: 'chen' },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=abc' };
const bot = (o: object) => parseBotCallback(JSON.stringify(o), BOT, NOW);
const msg = (o: object) => {
  const r = bot(o);
  if (r.kind !== 'message') throw new Error(`expected a message, got ${r.kind}`);
  return r.message;
};

describe('isoShanghai', () => {
  it('formats with +08:00 regardless of TZ', () => {
    expect(isoShanghai(NOW)).toBe('2026-11-28T08:12:00+08:00');
    expect(isoShanghai(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29T00:00:00+08:00');
  });
});

describe('AI bot callback', () => {
  it('group text: mention stripped, chat = chatid, time = now, response_url kept', () => {
    const m = msg({ ...base, msgtype: 'text', text: { content: '@小巷管家 青一小区5号楼3单元楼道堆满纸箱' } });
    expect(m).toEqual({
      msgid: 'CAIQ16HMjQYY', source: 'bot', chattype: 'group', chat: 'wrkchat-furao', from: 'chen',
      time: '2026-11-28T08:12:00+08:00', msgtype: 'text', text: '青一小区5号楼3单元楼道堆满纸箱', quote: null, images: [],
      responseUrl: base.response_url, location: null,
    });
  });

  it('mention in the middle or at the end, with U+2005 after it; other mentions kept', () => {
    expect(msg({ ...base, msgtype: 'text', text: { content: '5号楼灯坏了 @小巷管家' } }).text).toBe('5号楼灯坏了');
    expect(msg({ ...base, msgtype: 'text', text: { content: '@石晓红\u2005@小巷管家\u2005#12 已处理' } }).text).toBe('@石晓红 #12 已处理');
    expect(msg({ ...base, msgtype: 'text', text: { content: '@巷管家 你好' } }).text).toBe('你好'); // leading token fallback
  });

  it('tolerates a leading @<other name> as the bot (renamed bot), but only when the name is absent, only first token', () => {
    expect(stripBotMention('@RobotA hello robot', BOT, true)).toBe('hello robot');
    expect(stripBotMention('hi @RobotA there', BOT, true)).toBe('hi @RobotA there');
    expect(stripBotMention('@石晓红 @小巷管家 看看', BOT, true)).toBe('@石晓红 看看');
    expect(stripBotMention('@RobotA hello', BOT, false)).toBe('@RobotA hello'); // single chat: no mention needed
    expect(stripBotMention('@小巷管家，5号楼灯坏了', BOT, true)).toBe('5号楼灯坏了');
    expect(stripBotMention('@小巷管家5号楼灯坏了', BOT, true)).toBe('5号楼灯坏了');
    expect(stripBotMention('@某人5号楼灯坏了', BOT, true)).toBe('@某人5号楼灯坏了'); // no space: not a mention we can cut
    expect(stripBotMention('@小巷管家', BOT, true)).toBe('');
  });

  it('single chat: chat null, chattype single', () => {
    const m = msg({ msgid: 'm2', from: { userid: '0254571' }, chattype: 'single', msgtype: 'text', text: { content: '巡 青一小区' } });
    expect(m.chat).toBeNull();
    expect(m.chattype).toBe('single');
    expect(m.from).toBe('0254571');
    expect(m.responseUrl).toBeNull();
  });

  it('mixed with two images: texts joined, images collected in order', () => {
    const m = msg({ ...base, msgtype: 'mixed', mixed: { msg_item: [
      { msgtype: 'text', text: { content: '@小巷管家 12号楼门口' } },
      { msgtype: 'image', image: { url: 'https://img/1' } },
      { msgtype: 'text', text: { content: '电动车飞线充电' } },
      { msgtype: 'image', image: { url: 'https://img/2' } },
    ] } });
    expect(m.msgtype).toBe('mixed');
    expect(m.text).toBe('12号楼门口\n电动车飞线充电');
    expect(m.images).toEqual([{ url: 'https://img/1' }, { url: 'https://img/2' }]);
  });

  it('quote of text / image / mixed / voice / file', () => {
    const q = (quote: object) => msg({ ...base, msgtype: 'text', text: { content: '@小巷管家 已处理' }, quote }).quote;
    expect(q({ msgtype: 'text', text: { content: '#12 5号楼堆物' } })).toEqual({ text: '#12 5号楼堆物' });
    expect(q({ msgtype: 'image', image: { url: 'https://img/q' } })).toEqual({ text: '[图片]' });
    expect(q({ msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: 'a' } }, { msgtype: 'image', image: { url: 'u' } }] } }))
      .toEqual({ text: 'a' });
    expect(q({ msgtype: 'voice', voice: { content: '三号楼漏水' } })).toEqual({ text: '三号楼漏水' });
    expect(q({ msgtype: 'file', file: { url: 'https://f' } })).toEqual({ text: '[文件]' });
    const m = msg({ ...base, msgtype: 'text', text: { content: '@小巷管家 已处理' }, quote: { msgtype: 'text', text: { content: 'x' } } });
    expect(m.text).toBe('已处理');
    expect(m.msgtype).toBe('text');
  });

  it('image / voice / file in single chat', () => {
    const s = { msgid: 'm3', from: { userid: 'chen' }, chattype: 'single' };
    const img = msg({ ...s, msgtype: 'image', image: { url: 'https://img/x' } });
    expect([img.msgtype, img.text, img.images]).toEqual(['image', '', [{ url: 'https://img/x' }]]);
    const voice = msg({ ...s, msgtype: 'voice', voice: { content: '青一小区三号楼路灯不亮' } });
    expect([voice.msgtype, voice.text]).toEqual(['voice', '青一小区三号楼路灯不亮']);
    const file = msg({ ...s, msgtype: 'file', file: { url: 'https://f/1' } });
    expect([file.msgtype, file.files]).toEqual(['file', [{ url: 'https://f/1' }]]);
  });

  it('stream refresh and events', () => {
    expect(bot({ ...base, msgtype: 'stream', stream: { id: 'st1' } })).toEqual({ kind: 'stream_poll', streamId: 'st1', msgid: base.msgid });
    expect(bot({ msgid: 'e1', create_time: 1700000000, aibotid: 'a', from: { userid: 'chen' }, msgtype: 'event', event: { eventtype: 'enter_chat' } }))
      .toEqual({ kind: 'event', eventtype: 'enter_chat', msgid: 'e1', from: 'chen', chat: null, responseUrl: null });
  });

  it('rejects what is not WeCom shape', () => {
    const bad = [
      'not json', '[]', 'null', '"str"',
      JSON.stringify({ from: { userid: 'a' }, msgtype: 'text', text: { content: 'x' } }), // no msgid
      JSON.stringify({ msgid: 'm', msgtype: 'text', text: { content: 'x' } }), // no from
      JSON.stringify({ msgid: 'm', from: { userid: '' }, msgtype: 'text', text: { content: 'x' } }),
      JSON.stringify({ msgid: 'm', from: { userid: 'a' }, text: { content: 'x' } }), // no msgtype
      JSON.stringify({ msgid: 42, from: { userid: 'a' }, msgtype: 'text', text: { content: 'x' } }),
      JSON.stringify({ msgid: 'm', from: 'a', msgtype: 'text', text: { content: 'x' } }),
      JSON.stringify({ msgid: 'm', from: { userid: 'a' }, msgtype: 'text', text: { content: 5 } }),
      JSON.stringify({ msgid: 'm', from: { userid: 'a' }, msgtype: 'text' }),
      JSON.stringify({ msgid: 'm', from: { userid: 'a' }, chattype: 'room', msgtype: 'text', text: { content: 'x' } }),
      JSON.stringify({ msgid: 'm', from: { userid: 'a' }, chattype: 'group', msgtype: 'text', text: { content: 'x' } }), // no chatid
      JSON.stringify({ msgid: 'm', from: { userid: 'a' }, msgtype: 'mixed', mixed: { msg_item: 'x' } }),
      JSON.stringify({ msgid: 'm', from: { userid: 'a' }, msgtype: 'image', image: {} }),
    ];
    for (const b of bad) expect(() => parseBotCallback(b, BOT, NOW), b).toThrow(InboundError);
  });

  it('__proto__ / constructor keys are inert', () => {
    const json = `{"msgid":"m9","__proto__":{"polluted":true,"msgtype":"x"},"constructor":{"prototype":{"polluted":true}},
      "from":{"userid":"chen","__proto__":{"admin":true}},"chattype":"single","msgtype":"text","text":{"content":"hi","__proto__":{"content":"evil"}}}`;
    const m = msg(JSON.parse(json));
    expect(m.text).toBe('hi');
    const r = parseBotCallback(json, BOT, NOW);
    expect(r.kind === 'message' && r.message.text).toBe('hi');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    // a JSON "__proto__" as the only source of a required field does not count
    expect(() => parseBotCallback('{"__proto__":{"msgid":"x"},"from":{"userid":"a"},"msgtype":"text","text":{"content":"x"}}', BOT, NOW)).toThrow(InboundError);
  });
});

describe('self-built app callback (XML)', () => {
  const xml = (inner: string) => `<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[0254571]]></FromUserName><CreateTime>1795824720</CreateTime>${inner}<AgentID>1000002</AgentID></xml>`;

  it('text: 64-bit MsgId and leading-zero userid stay strings, CreateTime → +08:00', () => {
    const r = parseAppCallback(xml('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[青一小区<5>号楼 & 堆物]]></Content><MsgId>4561255354251345929</MsgId>'));
    expect(r).toEqual({ kind: 'message', message: {
      msgid: '4561255354251345929', source: 'app', chattype: 'single', chat: null, from: '0254571',
      time: '2026-11-28T08:12:00+08:00', msgtype: 'text', text: '青一小区<5>号楼 & 堆物', quote: null, images: [], responseUrl: null, location: null,
    } });
  });

  it('predefined entities outside CDATA decode', () => {
    const r = parseAppCallback(xml('<MsgType>text</MsgType><Content>a &amp; b &lt;c&gt;</Content><MsgId>0012</MsgId>'));
    expect(r.kind === 'message' && [r.message.text, r.message.msgid]).toEqual(['a & b <c>', '0012']);
  });

  it('image, voice with Recognition, location', () => {
    const img = parseAppCallback(xml('<MsgType>image</MsgType><PicUrl>http://p</PicUrl><MediaId><![CDATA[MID_1]]></MediaId><MsgId>1</MsgId>'));
    expect(img.kind === 'message' && img.message.images).toEqual([{ mediaId: 'MID_1' }]);
    const v = parseAppCallback(xml('<MsgType>voice</MsgType><MediaId>v</MediaId><Format>amr</Format><Recognition><![CDATA[三号楼漏水]]></Recognition><MsgId>2</MsgId>'));
    expect(v.kind === 'message' && [v.message.msgtype, v.message.text]).toEqual(['voice', '三号楼漏水']);
    const loc = parseAppCallback(xml('<MsgType>location</MsgType><Location_X>23.134</Location_X><Location_Y>113.358</Location_Y><Scale>20</Scale><Label><![CDATA[青一小区]]></Label><MsgId>3</MsgId><AppType>wxwork</AppType>'));
    expect(loc.kind === 'message' && loc.message.location).toEqual({ lat: 23.134, lng: 113.358, label: '青一小区' });
  });

  it('events are acknowledged with a widened key', () => {
    const e1 = parseAppCallback(xml('<MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>a</UserID>'));
    const e2 = parseAppCallback(xml('<MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>b</UserID>'));
    expect(e1.kind).toBe('event');
    expect(e1.kind === 'event' && e1.event).toBe('change_contact');
    expect(e1.kind === 'event' && e2.kind === 'event' && e1.msgid !== e2.msgid).toBe(true);
    const sub = parseAppCallback(xml('<MsgType>event</MsgType><Event>subscribe</Event><EventKey></EventKey>'));
    expect(sub.kind === 'event' && sub.msgid).toBe('event:0254571|1795824720|subscribe|');
  });

  it('rejects DOCTYPE/ENTITY outright (billion laughs, XXE)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol2;</Content><MsgId>1</MsgId></xml>`;
    expect(() => parseAppCallback(bomb)).toThrow(/DOCTYPE/);
    expect(() => parseAppCallback('<!doctype xml SYSTEM "file:///etc/passwd"><xml/>')).toThrow(InboundError);
  });

  it('rejects malformed or non-WeCom XML', () => {
    const bad = [
      '', 'hello', '<xml><a></xml>', '<root><MsgType>text</MsgType></root>',
      xml('<MsgType>text</MsgType><Content>x</Content>'), // no MsgId
      xml('<MsgType>text</MsgType><Content>x</Content><MsgId>12a</MsgId>'),
      xml('<MsgType>text</MsgType><MsgType>image</MsgType><MsgId>1</MsgId>'), // repeated tag → array
      '<xml><FromUserName>a</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>',
      '<xml><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>',
      xml('<MsgType>image</MsgType><MsgId>1</MsgId>'), // image without MediaId
      xml('<MsgType>location</MsgType><Location_X>north</Location_X><Location_Y>1</Location_Y><MsgId>1</MsgId>'),
    ];
    for (const b of bad) expect(() => parseAppCallback(b), b).toThrow(InboundError);
  });

  it('__proto__ tags are refused by the parser (400), nothing polluted', () => {
    expect(() => parseAppCallback(xml('<__proto__><polluted>1</polluted></__proto__><MsgType>text</MsgType><Content>hi</Content><MsgId>7</MsgId>'))).toThrow(InboundError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseAppCallback(xml('<constructor>1</constructor><MsgType>text</MsgType><Content>hi</Content><MsgId>7</MsgId>'))).toThrow(InboundError);
  });
});
