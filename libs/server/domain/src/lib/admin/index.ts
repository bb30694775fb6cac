export * from './service-tokens';
export * from './user-admin';
export * from './room-summary';
