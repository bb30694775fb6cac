import { deactivateHandlers } from './deactivate.route';
import { presenceHandlers } from './presence.route';
import { profileHandlers } from './profile.route';
import { roomTagsHandlers } from './room-tags.route';
import { smallThingsHandlers } from './small-things.route';
import { userDirectoryHandlers } from './user-directory.route';

/** Profiles, user directory, deactivation, room tags, presence and the small start-up calls (issue 15a). */
export const profileRouteHandlers = {
  ...smallThingsHandlers,
  ...profileHandlers,
  ...roomTagsHandlers,
  ...deactivateHandlers,
  ...userDirectoryHandlers,
  ...presenceHandlers,
};
