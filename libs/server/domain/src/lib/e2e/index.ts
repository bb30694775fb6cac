export * from './parse-key-requests';
export * from './to-device-messages';
export * from './backup-replacement';
