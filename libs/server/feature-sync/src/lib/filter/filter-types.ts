/** The filter shapes of the Client-Server API (filter.yaml), as Courier applies them. */
export interface EventFilter {
  limit?: number;
  types?: string[];
  not_types?: string[];
  senders?: string[];
  not_senders?: string[];
}

export interface RoomEventFilter extends EventFilter {
  rooms?: string[];
  not_rooms?: string[];
  contains_url?: boolean;
  lazy_load_members?: boolean;
  include_redundant_members?: boolean;
  /** Separate unread counts per thread in /sync (unread_thread_notifications). */
  unread_thread_notifications?: boolean;
}

export interface RoomFilter {
  rooms?: string[];
  not_rooms?: string[];
  include_leave?: boolean;
  timeline?: RoomEventFilter;
  state?: RoomEventFilter;
  ephemeral?: RoomEventFilter;
  account_data?: RoomEventFilter;
}

export interface SyncFilter {
  event_format?: 'client' | 'federation';
  event_fields?: string[];
  presence?: EventFilter;
  account_data?: EventFilter;
  room?: RoomFilter;
}
