import type { RouterInputs, RouterOutputs } from '@courier/shared-gateway-client';

/** What the gateway's procedures return, inferred from its router (types only, no server code). */
export type UsersPage = RouterOutputs['users']['list'];
export type UserSummary = UsersPage['items'][number];
export type DeviceSummary = RouterOutputs['users']['devices']['devices'][number];
export type RoomsPage = RouterOutputs['rooms']['list'];
export type RoomListing = RoomsPage['items'][number];
export type RoomDetails = RouterOutputs['rooms']['get'];
export type RoomMember = RouterOutputs['rooms']['members']['members'][number];
export type TimelinePage = RouterOutputs['rooms']['timeline'];
export type GatewayEvent = TimelinePage['events'][number];
export type EventDetails = RouterOutputs['events']['get'];
export type Annotation = EventDetails['annotations'][number];
export type ServiceToken = RouterOutputs['tokens']['listServiceTokens']['tokens'][number];
export type CreatedServiceToken = RouterOutputs['tokens']['createServiceToken'];
export type ServiceScope = RouterInputs['tokens']['createServiceToken']['scopes'][number];
export type Overview = RouterOutputs['stats']['overview'];
