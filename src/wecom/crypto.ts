// WeCom callback crypto, as pure functions over node:crypto.
// Protocol: /work/shared/wecom-protocol.md §1.4 (signature), §1.5 (AES layout), §2.2 (AI bot, receive id ""),
// §2.5 (media), §5.3 (why we do not use @wecom/crypto's decrypt: it accepts bad padding and never checks lengths).
// https://developer.work.weixin.qq.com/document/path/90968 (加解密方案说明)
//
// Everything here is strict on purpose: a wrong key, a flipped byte or a truncated body must throw a
// WecomCryptoError, never hand back garbage. Callers still verify the signature BEFORE decrypting.

import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type WecomCryptoErrorCode =
  | 'bad_key' // EncodingAESKey is not 43 base64 chars decoding to 32 bytes
  | 'bad_base64' // ciphertext is not canonical base64
  | 'bad_length' // ciphertext empty or not a whole number of blocks
  | 'bad_padding' // PKCS#7 (block 32) invalid: pad 0, > 32, or bytes not all equal
  | 'bad_msg_len' // the 4-byte msg_len points outside the plaintext
  | 'bad_utf8' // msg or receive id is not valid UTF-8
  | 'receive_id_mismatch'; // decrypted receive id is not the one we expect (CorpID for apps, "" for AI bots)

export class WecomCryptoError extends Error {
  constructor(readonly code: WecomCryptoErrorCode, message: string) {
    super(`wecom crypto: ${message}`);
    this.name = 'WecomCryptoError';
  }
}

/** WeCom pads to a multiple of 32 bytes (not AES's 16) for callbacks and AI-bot media [protocol §1.5, §2.5]. */
const PAD_BLOCK = 32;
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** EncodingAESKey (43 chars; a 44th '=' is tolerated, as WS-mode per-message keys carry it) → 32-byte AES key. */
export function aesKeyBytes(encodingAesKey: string): Buffer {
  if (typeof encodingAesKey !== 'string' || !ENCODING_AES_KEY.test(encodingAesKey)) {
    throw new WecomCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
  }
  const key = Buffer.from(encodingAesKey.slice(0, 43) + '=', 'base64');
  if (key.length !== 32) throw new WecomCryptoError('bad_key', 'EncodingAESKey does not decode to 32 bytes');
  return key;
}

/** msg_signature = hex(sha1(sort([token, timestamp, nonce, encrypt]).join(''))) [protocol §1.4]. */
export function signature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export interface SignatureInput {
  token: string;
  timestamp: string;
  nonce: string;
  /** The `Encrypt` / `encrypt` value of a POST, or `echostr` of a GET. */
  encrypt: string;
  /** `msg_signature` from the query. */
  signature: string;
}

/** Constant-time check of msg_signature. Anything malformed is simply `false`. */
export function verifySignature(input: SignatureInput): boolean {
  const { token, timestamp, nonce, encrypt, signature: given } = input;
  if (![token, timestamp, nonce, encrypt, given].every((v) => typeof v === 'string')) return false;
  const expected = Buffer.from(signature(token, timestamp, nonce, encrypt), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  if (actual.length !== expected.length) return false;
  return timingSafeEqual(actual, expected);
}

function strictBase64(text: string): Buffer {
  if (typeof text !== 'string' || text.length === 0 || !BASE64.test(text)) {
    throw new WecomCryptoError('bad_base64', 'ciphertext is not base64');
  }
  return Buffer.from(text, 'base64');
}

function pad32(data: Buffer): Buffer {
  const n = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function unpad32(data: Buffer): Buffer {
  const n = data.length === 0 ? 0 : data[data.length - 1];
  if (n < 1 || n > PAD_BLOCK || n > data.length) throw new WecomCryptoError('bad_padding', 'invalid PKCS#7 padding');
  for (let i = data.length - n; i < data.length; i++) {
    if (data[i] !== n) throw new WecomCryptoError('bad_padding', 'invalid PKCS#7 padding');
  }
  return data.subarray(0, data.length - n);
}

function aes(mode: 'encrypt' | 'decrypt', key: Buffer, data: Buffer): Buffer {
  const iv = key.subarray(0, 16);
  const c = mode === 'encrypt' ? createCipheriv('aes-256-cbc', key, iv) : createDecipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WecomCryptoError('bad_utf8', `${what} is not valid UTF-8`);
  }
}

export interface OpenedMessage {
  message: string;
  receiveId: string;
}

/** Decrypts a callback ciphertext without judging the receive id (for diagnostics; prefer decryptMessage). */
export function openMessage(encodingAesKey: string, encrypt: string): OpenedMessage {
  const key = aesKeyBytes(encodingAesKey);
  const cipher = strictBase64(encrypt);
  // WeCom's own encoder always produces whole 32-byte blocks [protocol §1.5, §5.4 vectors].
  if (cipher.length === 0 || cipher.length % PAD_BLOCK !== 0) {
    throw new WecomCryptoError('bad_length', 'ciphertext length is not a multiple of 32 bytes');
  }
  const plain = unpad32(aes('decrypt', key, cipher));
  if (plain.length < 20) throw new WecomCryptoError('bad_msg_len', 'plaintext shorter than its header');
  const len = plain.readUInt32BE(16);
  if (len > plain.length - 20) throw new WecomCryptoError('bad_msg_len', 'msg_len points past the plaintext');
  return {
    message: decodeUtf8(plain.subarray(20, 20 + len), 'message'),
    receiveId: decodeUtf8(plain.subarray(20 + len), 'receive id'),
  };
}

/**
 * Decrypts `Encrypt`/`encrypt`/`echostr` and checks the receive id: CorpID for a self-built app, "" for an
 * internal AI bot [protocol §1.5, §2.2]. Throws WecomCryptoError on any defect.
 */
export function decryptMessage(encodingAesKey: string, encrypt: string, expectedReceiveId: string): string {
  const { message, receiveId } = openMessage(encodingAesKey, encrypt);
  const a = Buffer.from(receiveId, 'utf8');
  const b = Buffer.from(expectedReceiveId, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new WecomCryptoError('receive_id_mismatch', 'receive id does not match');
  }
  return message;
}

/** random(16) ‖ uint32be(len) ‖ msg ‖ receiveId, PKCS#7 to 32, AES-256-CBC, base64 [protocol §1.5]. */
export function encryptMessage(encodingAesKey: string, plaintext: string, receiveId: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyBytes(encodingAesKey);
  if (random.length !== 16) throw new RangeError('random must be 16 bytes');
  const msg = Buffer.from(plaintext, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length, 0);
  return aes('encrypt', key, pad32(Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')]))).toString('base64');
}

/**
 * AI-bot media (image/file/video urls): AES-256-CBC, IV = key[0..16), PKCS#7 to 32, no random/len/id framing
 * [protocol §2.5]. `encodingAesKey` is the bot's EncodingAESKey (HTTP mode) or the per-message aeskey (WS mode).
 */
export function decryptMedia(encodingAesKey: string, bytes: Uint8Array): Buffer {
  const key = aesKeyBytes(encodingAesKey);
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new WecomCryptoError('bad_length', 'media length is not a multiple of the AES block');
  }
  return Buffer.from(unpad32(aes('decrypt', key, data)));
}

/** The inverse of decryptMedia (used by the fake WeCom and tests). */
export function encryptMedia(encodingAesKey: string, bytes: Uint8Array): Buffer {
  return aes('encrypt', aesKeyBytes(encodingAesKey), pad32(Buffer.from(bytes)));
}
