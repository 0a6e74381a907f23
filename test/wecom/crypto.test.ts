import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  WecomCryptoError, aesKeyBytes, decryptMedia, decryptMessage, encryptMedia, encryptMessage, openMessage, signature, verifySignature,
} from '../../src/wecom/crypto.js';

// Official vectors, wecom-protocol.md §5.4; A2/B2 Encrypt copied from sbzhu/weworkapi_python callback/Sample.py.
const A = { token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', key: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', corpId: 'ww1436e0e65a779aee' };
const B = { token: 'QDG6eK', key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const A1 = { timestamp: '1476416373', nonce: '47744683', sig: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
  echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==' };
const A2 = { timestamp: '1476422779', nonce: '1597212914', sig: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
  encrypt: 'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+' };
const B1 = { timestamp: '1409659589', nonce: '263014780', sig: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==' };
const B2 = { timestamp: '1409659813', nonce: '1372623149', sig: '477715d11cdb4164915debcba66cb864d751f3e6',
  encrypt: 'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==' };
const EXTRA = 'QN2oladIJ4D7+XmmlY2y7+4LPKjZoXhBEknLf1SHhBGeR7aVLPpr7KWmpMSvOr1Pv4JisZdnv9yI3rkeSdwvqFbD9hec91YSs/IkK9TZ1Zf796IGqTgBMVs4qS5jhC86';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof WecomCryptoError) return e.code;
    throw e;
  }
  return 'no error';
}

/** Flip one bit of the byte at `i` of a base64 string, re-encoded. */
function flipByte(b64: string, i: number): string {
  const buf = Buffer.from(b64, 'base64');
  buf[i] ^= 0x01;
  return buf.toString('base64');
}

describe('official vectors (§5.4)', () => {
  it('A1: GET echostr signature and plaintext', () => {
    expect(signature(A.token, A1.timestamp, A1.nonce, A1.echostr)).toBe(A1.sig);
    expect(verifySignature({ token: A.token, timestamp: A1.timestamp, nonce: A1.nonce, encrypt: A1.echostr, signature: A1.sig })).toBe(true);
    expect(decryptMessage(A.key, A1.echostr, A.corpId)).toBe('1288432023552776189');
  });

  it('A2: POST XML signature and plaintext', () => {
    expect(verifySignature({ token: A.token, timestamp: A2.timestamp, nonce: A2.nonce, encrypt: A2.encrypt, signature: A2.sig })).toBe(true);
    expect(decryptMessage(A.key, A2.encrypt, A.corpId)).toBe(
      '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
    );
  });

  it('B1: legacy GET echostr', () => {
    expect(verifySignature({ token: B.token, timestamp: B1.timestamp, nonce: B1.nonce, encrypt: B1.echostr, signature: B1.sig })).toBe(true);
    expect(decryptMessage(B.key, B1.echostr, B.corpId)).toBe('1616140317555161061');
  });

  it('B2: legacy POST XML keeps the 64-bit MsgId text', () => {
    expect(verifySignature({ token: B.token, timestamp: B2.timestamp, nonce: B2.nonce, encrypt: B2.encrypt, signature: B2.sig })).toBe(true);
    const xml = decryptMessage(B.key, B2.encrypt, B.corpId);
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('Extra [local]: encrypt with a fixed random reproduces the documented ciphertext', () => {
    const msg = '<xml><Content><![CDATA[你好]]></Content></xml>';
    expect(encryptMessage(A.key, msg, A.corpId, Buffer.alloc(16, 'a'))).toBe(EXTRA);
    expect(decryptMessage(A.key, EXTRA, A.corpId)).toBe(msg);
  });
});

describe('round trips', () => {
  it('empty receive id (AI bot) round-trips and is checked', () => {
    const c = encryptMessage(A.key, '{"msgid":"1"}', '');
    expect(decryptMessage(A.key, c, '')).toBe('{"msgid":"1"}');
    expect(code(() => decryptMessage(A.key, c, A.corpId))).toBe('receive_id_mismatch');
  });

  it('every pad length 1..32 round-trips (Node default 16-byte unpad would fail on half of them)', () => {
    for (let n = 0; n < 64; n++) {
      const msg = 'x'.repeat(n);
      expect(decryptMessage(B.key, encryptMessage(B.key, msg, B.corpId), B.corpId)).toBe(msg);
    }
  });

  it('media encrypt/decrypt round-trips for sizes around block edges', () => {
    for (const n of [0, 1, 15, 16, 17, 31, 32, 33, 1000]) {
      const bytes = Buffer.alloc(n, 7);
      const enc = encryptMedia(A.key, bytes);
      expect(enc.length % 32).toBe(0);
      expect(decryptMedia(A.key, enc).equals(bytes)).toBe(true);
    }
  });

  it('accepts a 44-char key with "=" (WS per-message aeskey)', () => {
    expect(aesKeyBytes(A.key + '=').equals(aesKeyBytes(A.key))).toBe(true);
  });
});

describe('tampering', () => {
  const good = { token: A.token, timestamp: A2.timestamp, nonce: A2.nonce, encrypt: A2.encrypt, signature: A2.sig };

  it('signature: any change of any input or of the signature is rejected, wrong length is false', () => {
    expect(verifySignature({ ...good, signature: A2.sig.replace(/^0/, '1') })).toBe(false);
    expect(verifySignature({ ...good, signature: A2.sig.toUpperCase() })).toBe(false);
    expect(verifySignature({ ...good, signature: A2.sig.slice(0, 39) })).toBe(false);
    expect(verifySignature({ ...good, signature: '' })).toBe(false);
    expect(verifySignature({ ...good, timestamp: '1476422780' })).toBe(false);
    expect(verifySignature({ ...good, nonce: '1597212915' })).toBe(false);
    expect(verifySignature({ ...good, token: 'x' + A.token })).toBe(false);
    expect(verifySignature({ ...good, encrypt: flipByte(A2.encrypt, 100) })).toBe(false);
    expect(verifySignature({ ...good, signature: undefined as unknown as string })).toBe(false);
  });

  it('a flipped ciphertext byte always breaks the signature (CBC itself has no integrity, so signature goes first)', () => {
    const len = Buffer.from(A2.encrypt, 'base64').length;
    for (let i = 0; i < len; i++) {
      const tampered = flipByte(A2.encrypt, i);
      expect(verifySignature({ ...good, encrypt: tampered })).toBe(false);
      // and decryption never yields the original message
      let out: string | undefined;
      try { out = decryptMessage(A.key, tampered, A.corpId); } catch (e) { expect(e).toBeInstanceOf(WecomCryptoError); }
      expect(out).not.toBe(decryptMessage(A.key, A2.encrypt, A.corpId));
    }
    // flipping the last byte corrupts the PKCS#7 padding itself
    expect(code(() => decryptMessage(A.key, flipByte(A2.encrypt, len - 1), A.corpId))).toBe('bad_padding');
  });

  it('wrong (valid-length) key throws', () => {
    expect(code(() => decryptMessage(B.key, A2.encrypt, A.corpId))).not.toBe('no error');
    expect(code(() => decryptMessage(B.key, A1.echostr, A.corpId))).not.toBe('no error');
  });

  it('receive id mismatch is its own code', () => {
    expect(code(() => decryptMessage(A.key, A2.encrypt, 'ww0000000000000000'))).toBe('receive_id_mismatch');
    expect(code(() => decryptMessage(A.key, A2.encrypt, ''))).toBe('receive_id_mismatch');
  });

  it('bad padding: a pad byte of 0, of 33, or unequal pad bytes', () => {
    const key = aesKeyBytes(A.key);
    const enc = (plain: Buffer) => {
      const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      c.setAutoPadding(false);
      return Buffer.concat([c.update(plain), c.final()]).toString('base64');
    };
    const header = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 0, 2]), Buffer.from('hi')]); // 22 bytes
    const pad = (bytes: number[]) => enc(Buffer.concat([header, Buffer.from(bytes)]));
    expect(code(() => decryptMessage(A.key, pad(new Array(10).fill(10)), ''))).toBe('no error');
    expect(code(() => decryptMessage(A.key, pad([...new Array(9).fill(10), 0]), ''))).toBe('bad_padding');
    expect(code(() => decryptMessage(A.key, pad([...new Array(9).fill(10), 33]), ''))).toBe('bad_padding');
    expect(code(() => decryptMessage(A.key, pad([...new Array(9).fill(9), 10]), ''))).toBe('bad_padding');
    // msg_len past the end
    const long = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 1, 0]), Buffer.from('hi'), Buffer.alloc(10, 10)]);
    expect(code(() => decryptMessage(A.key, enc(long), ''))).toBe('bad_msg_len');
    // not UTF-8
    const bin = Buffer.concat([Buffer.alloc(16, 1), Buffer.from([0, 0, 0, 2]), Buffer.from([0xff, 0xfe]), Buffer.alloc(10, 10)]);
    expect(code(() => decryptMessage(A.key, enc(bin), ''))).toBe('bad_utf8');
  });

  it('truncated, empty, space-mangled and non-base64 ciphertexts', () => {
    const raw = Buffer.from(A2.encrypt, 'base64');
    expect(code(() => decryptMessage(A.key, raw.subarray(0, raw.length - 32).toString('base64'), A.corpId))).not.toBe('no error');
    expect(code(() => decryptMessage(A.key, raw.subarray(0, raw.length - 16).toString('base64'), A.corpId))).toBe('bad_length');
    expect(code(() => decryptMessage(A.key, raw.subarray(0, 5).toString('base64'), A.corpId))).toBe('bad_length');
    expect(code(() => decryptMessage(A.key, '', A.corpId))).toBe('bad_base64');
    expect(code(() => decryptMessage(A.key, A2.encrypt.replace(/\+/g, ' '), A.corpId))).toBe('bad_base64');
    expect(code(() => decryptMessage(A.key, '不是base64', A.corpId))).toBe('bad_base64');
    expect(code(() => decryptMessage(A.key, A2.encrypt.slice(0, -1), A.corpId))).toBe('bad_base64');
  });

  it('bad keys', () => {
    expect(code(() => decryptMessage('short', A2.encrypt, A.corpId))).toBe('bad_key');
    expect(code(() => decryptMessage(A.key + 'AA', A2.encrypt, A.corpId))).toBe('bad_key');
    expect(code(() => aesKeyBytes(A.key.slice(0, 42) + '!'))).toBe('bad_key');
  });

  it('media: wrong key, truncated, not a block multiple', () => {
    const enc = encryptMedia(A.key, Buffer.from('a picture'.repeat(20)));
    expect(code(() => decryptMedia(B.key, enc))).toBe('bad_padding');
    expect(code(() => decryptMedia(A.key, enc.subarray(0, enc.length - 3)))).toBe('bad_length');
    expect(code(() => decryptMedia(A.key, Buffer.alloc(0)))).toBe('bad_length');
  });

  it('openMessage exposes the receive id for diagnostics', () => {
    expect(openMessage(A.key, A2.encrypt).receiveId).toBe(A.corpId);
  });
});

describe('和企业微信官方的 @wecom/crypto 互通', () => {
  it('它加密签名的，我们验得过、解得开；我们加密的，它也解得开', async () => {
    const wecom = await import('@wecom/crypto');
    const { decryptMessage, encryptMessage, verifySignature } = await import('../../src/wecom/crypto.js');
    const key = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    for (const text of ['你好', 'x'.repeat(1000), JSON.stringify({ msgid: '1', text: { content: '@小巷管家 5号楼楼道堆满纸箱 😀' } })]) {
      const enc = wecom.encrypt(key, text, '');
      const sig = wecom.getSignature('tok', '1409659813', '1372623149', enc);
      expect(verifySignature({ token: 'tok', timestamp: '1409659813', nonce: '1372623149', encrypt: enc, signature: sig })).toBe(true);
      expect(decryptMessage(key, enc, '')).toBe(text);
      const back = wecom.decrypt(key, encryptMessage(key, text, 'wx5823bf96d3bd56c7'));
      expect(back.message).toBe(text);
      expect(back.id).toBe('wx5823bf96d3bd56c7');
    }
  });
});
