import { sendToDevice } from '@courier/server-feature-accounts';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/** PUT /sendToDevice/{eventType}/{txnId} (to_device.yaml): exactly once per txn; rules in sendToDevice. */
export const sendToDeviceHandlers = {
  sendToDevice: async ({ params, body, requester, ctx }) => sendToDevice(ctx.services.accounts, requester, { ...params, body }),
} satisfies MatrixHandlerGroup;
