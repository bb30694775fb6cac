import type { Requester } from '@courier/server-domain';
import type { Viewer } from '@courier/server-feature-sync';

/** The part of the requester the read side needs: the device decides transaction_id and to-device. */
export const viewerOf = (r: Requester): Viewer => ({ userId: r.userId, deviceId: r.deviceId });
