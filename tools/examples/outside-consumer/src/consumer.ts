/**
 * A bot in its own repository, using Courier's two published clients as installed from npm
 * tarballs: plain `tsc`, plain `node`, nothing from the Courier repository.
 *
 *   COURIER_URL            the server's origin, e.g. http://127.0.0.1:8008
 *   COURIER_ACCESS_TOKEN   a user's access token (REST)
 *   COURIER_SERVICE_TOKEN  a service token with events:send and events:read (gateway)
 *   COURIER_ROOM_ID        a room that user has joined
 *   COURIER_SENDER         that user's ID: the gateway sends as them
 *
 * Prints one JSON report and exits 1 if any check failed.
 */
import { createCourierClient, MatrixError, type SendMessageResponse } from '@courier/shared-api-client';
import {
  createGatewayClient,
  toMatrixError,
  MatrixError as GatewayMatrixError,
  type GatewayClient,
  type GatewayEvent,
  type RouterInputs,
  type RouterOutputs,
} from '@courier/shared-gateway-client';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const baseUrl = env('COURIER_URL');
const roomId = env('COURIER_ROOM_ID');
const run = `${process.pid}-${Date.now()}`;

/** REST: a retransmission (same txnId) answers the event ID of the first send. */
async function restSendTwice() {
  const rest = createCourierClient({ baseUrl, accessToken: env('COURIER_ACCESS_TOKEN') });
  const send = (): Promise<SendMessageResponse> =>
    rest.sendMessage({ roomId, eventType: 'm.room.message', txnId: `rest-${run}`, content: { msgtype: 'm.text', body: 'over REST' } });
  const first = await send();
  const second = await send();
  const refused = await rest
    .sendMessage({ roomId: '!no-such-room:nowhere', eventType: 'm.room.message', content: { body: 'x' } })
    .catch((err: unknown) => err);
  return {
    first: first.event_id,
    second: second.event_id,
    // One class for both packages, though each bundles its own copy of it.
    refusedIsMatrixError: refused instanceof MatrixError && refused instanceof GatewayMatrixError,
    refusedErrcode: refused instanceof MatrixError ? refused.errcode : String(refused),
  };
}

/** Gateway: a send with a service token arrives on an open events.onNew subscription. */
async function gatewaySendAndReceive() {
  const gw: GatewayClient = createGatewayClient({ url: `${baseUrl}/_courier/trpc`, token: env('COURIER_SERVICE_TOKEN') });
  const received: GatewayEvent[] = [];
  let subscription: { unsubscribe(): void } | undefined;
  const arrived = (eventId: string) =>
    new Promise<GatewayEvent>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${eventId} did not arrive on events.onNew`)), 15_000);
      const check = () => {
        const event = received.find((e) => e.eventId === eventId);
        if (!event) return void setTimeout(check, 20);
        clearTimeout(timer);
        resolve(event);
      };
      check();
    });
  await new Promise<void>((resolve, reject) => {
    subscription = gw.events.onNew.subscribe(
      { roomId },
      { onStarted: () => resolve(), onData: ({ data }) => received.push(data), onError: (err) => reject(err) },
    );
  });
  try {
    const input: RouterInputs['events']['send'] = {
      roomId,
      type: 'm.room.message',
      content: { msgtype: 'm.text', body: 'over the gateway' },
      txnId: `gw-${run}`,
      senderUserId: env('COURIER_SENDER'),
    };
    const sent: RouterOutputs['events']['send'] = await gw.events.send.mutate(input);
    const event = await arrived(sent.eventId);
    const denied = await gw.users.list.query({}).catch((err: unknown) => toMatrixError(err));
    return { sent: sent.eventId, received: event.eventId, body: event.content['body'], deniedErrcode: denied instanceof MatrixError ? denied.errcode : null };
  } finally {
    subscription?.unsubscribe();
  }
}

/** Never called: tsc must reject these calls, which it can only if the installed types are real. */
export function typesAreChecked(gw: GatewayClient) {
  // @ts-expect-error events.send needs txnId and senderUserId
  void gw.events.send.mutate({ roomId, type: 'm.room.message', content: {} });
  // @ts-expect-error no such procedure
  void gw.events.nope.query();
}

const rest = await restSendTwice();
const gateway = await gatewaySendAndReceive();
const ok =
  rest.first === rest.second &&
  rest.refusedIsMatrixError &&
  gateway.sent === gateway.received &&
  gateway.body === 'over the gateway' &&
  gateway.deniedErrcode === 'M_FORBIDDEN';
console.log(JSON.stringify({ ok, rest, gateway }));
process.exit(ok ? 0 : 1);
