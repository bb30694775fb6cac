export * from './lib/test-databases';
