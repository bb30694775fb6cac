import type { RoomCreationPlan } from './create-room-request';

/** Test support (not exported). */
export const CREATOR = '@alice:example.org';
export const SERVER = 'example.org';

export const slotsOf = (plan: RoomCreationPlan) =>
  plan.events.map((e) => (e.state_key === '' ? e.type : `${e.type}/${e.state_key}`));

export const contentOf = (plan: RoomCreationPlan, type: string, stateKey = '') =>
  plan.events.find((e) => e.type === type && e.state_key === stateKey)?.content;
