export * from './generated/routes.gen';
export * from './lib/route-spec';
export * from './lib/handlers';
