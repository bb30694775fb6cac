import { deleteDevices, deviceIdList, getDevice, listDevices, renameDevice } from '@courier/server-feature-accounts';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * Device management (devices.yaml): GET /devices, GET/PUT/DELETE /devices/{deviceId},
 * POST /delete_devices. Deleting needs UIA with the account password.
 */
export const devicesHandlers = {
  getDevices: async ({ requester, ctx }) => listDevices(ctx.services.accounts, requester.userId),
  getDevice: async ({ params, requester, ctx }) => getDevice(ctx.services.accounts, requester.userId, params.deviceId),
  updateDevice: async ({ params, body, requester, ctx }) => renameDevice(ctx.services.accounts, requester.userId, params.deviceId, body),
  deleteDevice: async ({ params, body, requester, ctx }) =>
    deleteDevices(ctx.services.accounts, requester, [params.deviceId], body, ctx.request.ip),
  deleteDevices: async ({ body, requester, ctx }) => deleteDevices(ctx.services.accounts, requester, deviceIdList(body), body, ctx.request.ip),
} satisfies MatrixHandlerGroup;
