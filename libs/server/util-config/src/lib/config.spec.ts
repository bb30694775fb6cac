import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults every variable when the environment is empty', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8008,
      HOST: '127.0.0.1',
      SERVER_NAME: 'localhost',
      DATABASE_URL: 'file:./data/courier.sqlite',
      ENABLE_REGISTRATION: false,
      RATE_LIMIT_PER_SECOND: 0,
      RATE_LIMIT_BURST: 0,
      LOG_LEVEL: 'info',
    });
  });

  it('parses booleans and numbers from strings', () => {
    const c = loadConfig({ PORT: '9000', ENABLE_REGISTRATION: 'true', RATE_LIMIT_PER_SECOND: '2.5' });
    expect(c.PORT).toBe(9000);
    expect(c.ENABLE_REGISTRATION).toBe(true);
    expect(c.RATE_LIMIT_PER_SECOND).toBe(2.5);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8008);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['ENABLE_REGISTRATION', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['RATE_LIMIT_BURST', '-1'],
    ['LOG_LEVEL', 'loud'],
    ['SERVER_NAME', 'bad name'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      expect((e as Error).message).toContain(name);
    }
  });

  it('accepts postgres and postgresql URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).DATABASE_URL).toBe('postgres://u@h/db');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).DATABASE_URL).toBe('postgresql://u@h/db');
  });
});

describe('the gateway listener', () => {
  it('is off unless INTERNAL_PORT is set, and binds loopback by default', () => {
    expect(loadConfig({}).INTERNAL_PORT).toBeUndefined();
    expect(loadConfig({ INTERNAL_PORT: '8090' })).toMatchObject({ INTERNAL_PORT: 8090, INTERNAL_HOST: '127.0.0.1' });
    expect(() => loadConfig({ INTERNAL_PORT: 'x' })).toThrow(ConfigError);
  });
});
