export * from './default-push-rules';
