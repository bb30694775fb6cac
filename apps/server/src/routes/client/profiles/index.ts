import type { FastifyInstance } from 'fastify';
import { deactivateRoute } from './deactivate.route';
import { presenceRoute } from './presence.route';
import { profileRoute } from './profile.route';
import { roomTagsRoute } from './room-tags.route';
import { smallThingsRoute } from './small-things.route';
import { userDirectoryRoute } from './user-directory.route';

/** Profiles, user directory, deactivation, room tags, presence and the small start-up calls (issue 15a). */
export const profileRoutes: Array<(app: FastifyInstance) => void> = [
  smallThingsRoute,
  profileRoute,
  roomTagsRoute,
  deactivateRoute,
  userDirectoryRoute,
  presenceRoute,
];
