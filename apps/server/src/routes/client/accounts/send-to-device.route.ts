import type { FastifyInstance } from 'fastify';
import { sendToDevice } from '@courier/server-feature-accounts';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { accountPathParams } from './account-path-params';

/** PUT /sendToDevice/{eventType}/{txnId} (to_device.yaml): exactly once per txn; rules in sendToDevice. */
export function sendToDeviceRoute(app: FastifyInstance): void {
  app.put('/sendToDevice/:eventType/:txnId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { eventType, txnId } = accountPathParams(request.params, ['eventType', 'txnId'] as const);
    return sendToDevice(app.services.accounts, requester, { eventType, txnId, body: jsonObjectBody(request) });
  });
}
