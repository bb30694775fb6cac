import { invalidParam } from '@courier/shared-matrix-errors';
import { parseToDeviceMessages, toDeviceTxnKey, type Requester } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

/**
 * PUT /sendToDevice/{eventType}/{txnId} (to_device.yaml). Exactly once per (sender, sender
 * device, event type, txnId): the transaction row and the messages commit together, and a
 * retransmission is a no-op 200. Each message gets its own 'to_device' stream position; the
 * recipients' /sync long-polls are woken after the commit.
 */
export async function sendToDevice(deps: AccountDeps, requester: Requester, input: { eventType: string; txnId: string; body: Record<string, unknown> }) {
  if (Buffer.byteLength(input.eventType, 'utf8') > 255) throw invalidParam('Event type is longer than 255 bytes');
  const targets = parseToDeviceMessages(input.body, deps.serverName);
  const result = await deps.toDevice.send({
    sender: requester.userId,
    senderDeviceId: requester.deviceId,
    txnId: toDeviceTxnKey(input.eventType, input.txnId),
    type: input.eventType,
    targets,
    now: deps.now(),
  });
  if (result.recipients.length > 0) deps.notifier.notify({ userIds: result.recipients });
  return {};
}
