import type { FastifyInstance } from 'fastify';
import { deleteDevices, deviceIdList, getDevice, listDevices, renameDevice } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { accountPathParams } from './account-path-params';

/**
 * Device management (device_management.yaml): GET /devices, GET/PUT/DELETE
 * /devices/{deviceId}, POST /delete_devices. Deleting needs UIA with the account password.
 */
export function devicesRoute(app: FastifyInstance): void {
  const accounts = () => app.services.accounts;
  app.get('/devices', async (request) => listDevices(accounts(), (await app.services.authenticate(request)).userId));
  app.get('/devices/:deviceId', async (request) => {
    const requester = await app.services.authenticate(request);
    return getDevice(accounts(), requester.userId, accountPathParams(request.params, ['deviceId'] as const).deviceId);
  });
  app.put('/devices/:deviceId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { deviceId } = accountPathParams(request.params, ['deviceId'] as const);
    return renameDevice(accounts(), requester.userId, deviceId, jsonObjectBody(request, { allowEmpty: true }));
  });
  app.delete('/devices/:deviceId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { deviceId } = accountPathParams(request.params, ['deviceId'] as const);
    return deleteDevices(accounts(), requester, [deviceId], jsonObjectBody(request, { allowEmpty: true }), request.ip);
  });
  app.post('/delete_devices', async (request) => {
    const requester = await app.services.authenticate(request);
    const body = jsonObjectBody(request);
    return deleteDevices(accounts(), requester, deviceIdList(body), body, request.ip);
  });
}
