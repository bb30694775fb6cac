export * from './lib/reading-deps';
export * from './lib/tokens';
export * from './lib/filter/filter-types';
export { parseSyncFilter, parseRoomEventFilter } from './lib/filter/parse-filter';
export * from './lib/filters';
export * from './lib/room-reads';
export * from './lib/messages';
export * from './lib/sync/sync';
export * from './lib/keys-changes';
