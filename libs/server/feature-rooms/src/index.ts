export * from './lib/room-deps';
export * from './lib/create-room';
export * from './lib/change-membership';
export * from './lib/set-room-state';
export * from './lib/directory/directory-deps';
export * from './lib/directory/room-alias';
export * from './lib/directory/aliases';
export * from './lib/directory/public-rooms';
