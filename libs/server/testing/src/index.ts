export * from './lib/test-databases';
export * from './lib/fake-event-store';
export * from './lib/fake-rate-limiter';
export * from './lib/fixed-clock';
export * from './lib/test-send-deps';
export * from './lib/own-postgres';
export * from './lib/fault-proxy';
export * from './lib/free-port';
