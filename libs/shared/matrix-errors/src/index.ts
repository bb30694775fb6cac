export * from './lib/errcode';
export * from './lib/matrix-error';
export * from './lib/constructors';
