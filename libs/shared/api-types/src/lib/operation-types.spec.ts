import { describe, expectTypeOf, it } from 'vitest';
import type {
  MergePathItems,
  operations,
  paths,
  SendMessageRequest,
  SendMessageResponse,
  SyncResponse,
  VersionsResponse,
} from '../index';

describe('generated api types', () => {
  it('keys paths by the full URL path and types the send endpoint', () => {
    type Send = paths['/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}']['put'];
    expectTypeOf<Send['parameters']['path']>().toEqualTypeOf<{ roomId: string; eventType: string; txnId: string }>();
    expectTypeOf<SendMessageRequest>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<SendMessageResponse>().toEqualTypeOf<{ event_id: string }>();
  });

  it('keys each file by its own basePath and merges every file', () => {
    expectTypeOf<VersionsResponse['versions']>().toEqualTypeOf<string[]>();
    expectTypeOf<'/_matrix/client/versions'>().toExtend<keyof paths>();
    expectTypeOf<'/_matrix/client/v3/sync'>().toExtend<keyof paths>();
    expectTypeOf<SyncResponse['next_batch']>().toEqualTypeOf<string>();
    type StatePath = paths['/_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}'];
    expectTypeOf<StatePath['get']>().toEqualTypeOf<operations['getRoomStateWithKey']>();
    expectTypeOf<StatePath['put']>().toEqualTypeOf<operations['setRoomStateWithKey']>();
  });

  it('merges one URL declared in two files, keeping each file\'s methods', () => {
    type Get = { operationId: 'get' };
    type Put = { operationId: 'put' };
    type FromA = { parameters: { query?: never }; get: Get; put?: never; post?: never };
    type FromB = { parameters: { query?: never }; get?: never; put: Put; post?: never };
    type Merged = MergePathItems<FromA, FromB>;
    expectTypeOf<Merged['get']>().toEqualTypeOf<Get>();
    expectTypeOf<Merged['put']>().toEqualTypeOf<Put>();
    expectTypeOf<Merged['post']>().toEqualTypeOf<undefined>();
  });
});
