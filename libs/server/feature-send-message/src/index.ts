export * from './lib/send-message';
export * from './lib/send-rules';
export * from './lib/send-metrics';
export * from './lib/single-flight';
export * from './lib/parse-relation';
