export * from './default-push-rules';
export * from './evaluate-push-rules';
