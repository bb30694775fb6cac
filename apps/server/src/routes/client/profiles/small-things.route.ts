import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * What clients ask for at start-up that Courier has no use for yet, answered as empty instead
 * of 404: GET /account/3pid (administrative_contact.yaml: no third-party IDs are kept),
 * GET /thirdparty/protocols (third_party_lookup.yaml: no bridges) and GET /voip/turnServer
 * (voip.yaml: no TURN server configured, `{}` as Synapse without turn_uris). Each needs a token.
 */
export const smallThingsHandlers = {
  getAccount3PIDs: async () => ({ threepids: [] }),
  getProtocols: async () => ({}),
  getTurnServer: async () => ({}),
} satisfies MatrixHandlerGroup;
