import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root.router';

export { appRouter, type AppRouter } from './root.router';
export { createCallerFactory } from './trpc';
export { createContext, createContextInner, type AdapterContextOptions, type GatewayContext, type GatewayServices } from './context';
export { bearerFromRawHeaders, type GatewayAuth, type Principal } from './lib/principal';
export { describeError, errorShapeOf, toTRPCError, trpcCodeForStatus, type GatewayErrorInfo } from './lib/errors';
export type { GatewayEvent } from './lib/views';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
