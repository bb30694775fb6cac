import type { FastifyInstance } from 'fastify';
import { MAX_PDU_BYTES } from '@courier/server-feature-send-message';
import { registerMatrixRoutes, type RouteOptions } from '../matrix/register-matrix-routes';
import type { MatrixHandlers } from '../matrix/handler-context';
import { accountDataHandlers } from './accounts/account-data.route';
import { capabilitiesHandlers, wellKnownRoute } from './accounts/capabilities.route';
import { devicesHandlers } from './accounts/devices.route';
import { keysHandlers } from './accounts/keys.route';
import { crossSigningHandlers } from './accounts/cross-signing.route';
import { roomKeysHandlers } from './accounts/room-keys.route';
import { loginHandlers } from './accounts/login.route';
import { pushRulesHandlers } from './accounts/push-rules.route';
import { registerHandlers } from './accounts/register.route';
import { sendToDeviceHandlers } from './accounts/send-to-device.route';
import { sessionsHandlers } from './accounts/sessions.route';
import { sharedSecretHandlers } from './accounts/shared-secret.route';
import { contextHandlers } from './reading/context.route';
import { filterHandlers } from './reading/filter.route';
import { membersHandlers } from './reading/members.route';
import { messagesHandlers } from './reading/messages.route';
import { roomEventHandlers } from './reading/room-event.route';
import { relationsHandlers } from './reading/relations.route';
import { roomStateGetHandlers } from './reading/room-state-get.route';
import { searchHandlers } from './reading/search.route';
import { syncHandlers } from './reading/sync.route';
import { readMarkersHandlers } from './receipts/read-markers.route';
import { receiptHandlers } from './receipts/receipt.route';
import { typingHandlers } from './receipts/typing.route';
import { roomsCreateHandlers } from './rooms-create.route';
import { roomsMembershipHandlers } from './rooms-membership.route';
import { roomsRedactHandlers } from './rooms-redact.route';
import { roomsSendHandlers } from './rooms-send.route';
import { roomsStatePutHandlers } from './rooms-state-put.route';
import { versionsHandlers } from './versions.route';
import { directoryHandlers } from './directory.route';
import { mediaHandlers } from '../media';
import { profileRouteHandlers } from './profiles';

/** Body limits the spec does not state: event content can never exceed a PDU. */
const ROUTE_OPTIONS: RouteOptions = {
  sendMessage: { bodyLimit: MAX_PDU_BYTES },
  setRoomStateWithKey: { bodyLimit: MAX_PDU_BYTES },
  setRoomStateEmptyKey: { bodyLimit: MAX_PDU_BYTES },
  redactEvent: { bodyLimit: 65_536 },
  // Media uploads are streams, limited by MEDIA_MAX_BYTES in the use case (feature-media).
  uploadContent: { streamBody: true },
  uploadContentToMXC: { streamBody: true },
};

/**
 * The one handler object: a key per operationId of spec/ (generated route table in
 * @courier/server-api-routes). `satisfies MatrixHandlers` makes a missing handler, an extra one
 * or a wrong 200 body a type error; each group's own `satisfies` catches unknown ids.
 */
export function matrixHandlers(app: FastifyInstance) {
  return {
    ...versionsHandlers,
    ...capabilitiesHandlers,
    ...registerHandlers,
    ...loginHandlers,
    ...sessionsHandlers,
    ...devicesHandlers,
    ...pushRulesHandlers,
    ...accountDataHandlers,
    ...keysHandlers,
    ...crossSigningHandlers,
    ...roomKeysHandlers,
    ...sendToDeviceHandlers,
    ...sharedSecretHandlers,
    ...roomsSendHandlers,
    ...roomsRedactHandlers,
    ...roomsCreateHandlers,
    ...roomsMembershipHandlers,
    ...roomsStatePutHandlers,
    ...syncHandlers(app),
    ...messagesHandlers,
    ...roomEventHandlers,
    ...roomStateGetHandlers,
    ...membersHandlers,
    ...filterHandlers,
    ...directoryHandlers,
    ...mediaHandlers,
    ...profileRouteHandlers,
    ...receiptHandlers,
    ...readMarkersHandlers,
    ...typingHandlers,
    ...contextHandlers,
    ...relationsHandlers,
    ...searchHandlers,
  } satisfies MatrixHandlers;
}

/**
 * Client-Server API routes (and Synapse's shared-secret register), every one from the route
 * table; only /.well-known (outside /_matrix) is registered by hand.
 */
export async function registerClientRoutes(app: FastifyInstance): Promise<void> {
  wellKnownRoute(app);
  registerMatrixRoutes(app, matrixHandlers(app), ROUTE_OPTIONS);
}
