import { describe, expect, it } from 'vitest';
import type { MatrixError } from '@courier/shared-matrix-errors';
import { keyFingerprint, parseKeyClaim, parseKeyQuery, parseKeyUpload } from './parse-key-requests';
import { parseToDeviceMessages, toDeviceTxnKey } from './to-device-messages';

const me = { userId: '@a:x', deviceId: 'D1' };
const errcodeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as MatrixError).errcode;
  }
  return undefined;
};

describe('key request parsing', () => {
  it('splits one-time and fallback key IDs into algorithm and ID', () => {
    const up = parseKeyUpload(
      { one_time_keys: { 'signed_curve25519:AAAA': { key: 'k' } }, fallback_keys: { 'signed_curve25519:BBBB': { key: 'f', fallback: true } } },
      me,
    );
    expect(up.oneTimeKeys).toEqual([{ keyId: 'signed_curve25519:AAAA', algorithm: 'signed_curve25519', key: { key: 'k' } }]);
    expect(up.fallbackKeys[0]?.algorithm).toBe('signed_curve25519');
  });

  it.each([
    ['device keys of another user', { device_keys: { user_id: '@b:x', device_id: 'D1', keys: {} } }],
    ['device keys of another device', { device_keys: { user_id: '@a:x', device_id: 'D2', keys: {} } }],
    ['null device keys', { device_keys: null }],
    ['a key ID without algorithm', { one_time_keys: { AAAA: 'k' } }],
    ['a numeric key', { one_time_keys: { 'curve25519:A': 5 } }],
    ['two fallback keys of one algorithm', { fallback_keys: { 'a:1': 'x', 'a:2': 'y' } }],
  ])('%s is M_BAD_JSON', (_n, body) => {
    expect(errcodeOf(() => parseKeyUpload(body, me))).toBe('M_BAD_JSON');
  });

  it('parses query and claim bodies', () => {
    expect(parseKeyQuery({ device_keys: { '@a:x': [], '@b:x': ['D'] } })).toEqual([
      { userId: '@a:x', deviceIds: [] },
      { userId: '@b:x', deviceIds: ['D'] },
    ]);
    expect(parseKeyClaim({ one_time_keys: { '@a:x': { D: 'signed_curve25519' } } })).toEqual([
      { userId: '@a:x', deviceId: 'D', algorithm: 'signed_curve25519' },
    ]);
    expect(errcodeOf(() => parseKeyQuery({ device_keys: { '@a:x': 'D' } }))).toBe('M_BAD_JSON');
    expect(errcodeOf(() => parseKeyClaim({ one_time_keys: { '@a:x': { D: 1 } } }))).toBe('M_BAD_JSON');
  });

  it('a key fingerprint ignores signatures and key order', () => {
    expect(keyFingerprint({ key: 'k', signatures: { a: 1 } })).toBe(keyFingerprint({ key: 'k' }));
    expect(keyFingerprint({ a: 1, b: 2 })).toBe(keyFingerprint({ b: 2, a: 1 }));
    expect(keyFingerprint({ key: 'k' })).not.toBe(keyFingerprint({ key: 'j' }));
  });
});

describe('to-device messages', () => {
  it('keeps local targets, skips other servers, serialises content', () => {
    expect(parseToDeviceMessages({ messages: { '@a:x': { D: { n: 1 }, '*': {} }, '@b:y': { D: {} } } }, 'x')).toEqual([
      { userId: '@a:x', deviceId: 'D', content: '{"n":1}' },
      { userId: '@a:x', deviceId: '*', content: '{}' },
    ]);
  });

  it.each([{}, { messages: [] }, { messages: { '@a:x': [] } }, { messages: { '@a:x': { D: 'text' } } }])('%j is M_BAD_JSON', (body) => {
    expect(errcodeOf(() => parseToDeviceMessages(body, 'x'))).toBe('M_BAD_JSON');
  });

  it('the txn key keeps event type and txn ID apart unambiguously', () => {
    expect(toDeviceTxnKey('a', 'b/c')).not.toBe(toDeviceTxnKey('a/b', 'c'));
  });
});
