export {
  ROOM_PRESETS,
  type CreateRoomRequest,
  type InitialStateEvent,
  type PlannedStateEvent,
  type RoomCreationPlan,
  type RoomPreset,
} from './create-room-request';
export { validateCreateRoomRequest } from './validate-create-room-request';
export { planRoomCreation } from './plan-room-creation';
export { inviteEvent } from './check-planned-state';
export { defaultPowerLevels } from './default-power-levels';
