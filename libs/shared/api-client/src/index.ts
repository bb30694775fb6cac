export * from './lib/create-courier-client';
export * from './lib/to-matrix-error';
export * from './lib/network-error';
export * from './lib/retry';
export * from './lib/encode-path';
export * from './generated/operations.gen';
