import type { FastifyInstance } from 'fastify';
import { accountDataRoute } from './account-data.route';
import { capabilitiesRoute, wellKnownRoute } from './capabilities.route';
import { devicesRoute } from './devices.route';
import { keysRoute } from './keys.route';
import { crossSigningRoute } from './cross-signing.route';
import { roomKeysRoute } from './room-keys.route';
import { loginRoute } from './login.route';
import { pushRulesRoute } from './push-rules.route';
import { registerRoute } from './register.route';
import { sendToDeviceRoute } from './send-to-device.route';
import { sessionsRoute } from './sessions.route';
import { sharedSecretRoute } from './shared-secret.route';

/** Account and client-plumbing routes under /_matrix/client/{v3,r0}. */
export const accountRoutes: Array<(app: FastifyInstance) => void> = [
  capabilitiesRoute,
  registerRoute,
  loginRoute,
  sessionsRoute,
  devicesRoute,
  pushRulesRoute,
  accountDataRoute,
  keysRoute,
  crossSigningRoute,
  roomKeysRoute,
  sendToDeviceRoute,
];

/** Routes outside the client prefix (/.well-known, /_synapse/admin, …). */
export const accountRootRoutes: Array<(app: FastifyInstance) => void> = [wellKnownRoute, sharedSecretRoute];
