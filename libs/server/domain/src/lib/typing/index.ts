export * from './in-process-typing';
