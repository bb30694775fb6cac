export type * from './generated/index.gen';
export type * from './lib/operation-types';
