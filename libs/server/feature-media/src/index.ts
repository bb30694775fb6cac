export * from './lib/media-deps';
export * from './lib/media-id';
export * from './lib/upload-media';
export * from './lib/download-media';
export * from './lib/thumbnail';
export * from './lib/content-headers';
