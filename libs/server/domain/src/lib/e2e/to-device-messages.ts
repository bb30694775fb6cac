import { badJson } from '@courier/shared-matrix-errors';
import { assertNoNul } from '../accounts/body-fields';
import { isJsonObject, type JsonValue } from '../json';
import type { ToDeviceTarget } from '../ports/to-device-store';

/**
 * The `messages` of PUT /sendToDevice (to_device.yaml): `{userId: {deviceId | "*": content}}`,
 * each content a JSON object. Only local users get messages: Courier does not federate, so
 * other servers' users are skipped rather than refused (the request may mix both).
 */
export function parseToDeviceMessages(body: Record<string, unknown>, serverName: string): ToDeviceTarget[] {
  const messages = body['messages'] as JsonValue | undefined;
  if (messages === undefined || !isJsonObject(messages)) throw badJson('messages must be a JSON object');
  const targets: ToDeviceTarget[] = [];
  for (const [userId, devices] of Object.entries(messages)) {
    if (!isJsonObject(devices)) throw badJson(`messages.${userId.slice(0, 80)} must be a JSON object`);
    const local = userId.startsWith('@') && userId.slice(userId.indexOf(':') + 1) === serverName;
    for (const [deviceId, content] of Object.entries(devices)) {
      if (!isJsonObject(content)) throw badJson('Each to-device message content must be a JSON object');
      if (local && deviceId.length > 0) targets.push({ userId: assertNoNul(userId, 'A user ID'), deviceId: assertNoNul(deviceId, 'A device ID'), content: JSON.stringify(content) });
    }
  }
  return targets;
}

/**
 * The to_device_txns key of a request. Transaction IDs are scoped to the device and the
 * endpoint (spec v1.7), and the event type is part of the endpoint's path, so the same txnId
 * with another type is a new request, as for /send (SEND_CONTRACT §5). JSON keeps the two
 * parts unambiguous whatever characters they hold.
 */
export function toDeviceTxnKey(eventType: string, txnId: string): string {
  return JSON.stringify([eventType, txnId]);
}
