/** The txn key already has an event: a retransmission that raced the first request. */
export class TxnConflictError extends Error {
  constructor(readonly eventId: string | undefined) {
    super('transaction already has an event');
    this.name = 'TxnConflictError';
  }
}

/** The unique index on (target, sender, type, key) refused an annotation. */
export class DuplicateAnnotationError extends Error {
  constructor() {
    super('duplicate annotation');
    this.name = 'DuplicateAnnotationError';
  }
}

export class RoomNotFoundError extends Error {
  constructor(readonly roomId: string) {
    super(`room ${roomId} not found`);
    this.name = 'RoomNotFoundError';
  }
}

export class RoomExistsError extends Error {
  constructor(readonly roomId: string) {
    super(`room ${roomId} already exists`);
    this.name = 'RoomExistsError';
  }
}
