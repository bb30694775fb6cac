export * from './lib/room-deps';
export * from './lib/create-room';
export * from './lib/change-membership';
export * from './lib/set-room-state';
export * from './lib/profile';
