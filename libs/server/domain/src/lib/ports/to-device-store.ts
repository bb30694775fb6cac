/** One to-device message to store; `deviceId` "*" means every device the user has at commit. */
export interface ToDeviceTarget {
  userId: string;
  deviceId: string;
  content: string;
}

export interface ToDeviceSend {
  sender: string;
  senderDeviceId: string;
  /** The transaction key; the store treats it as opaque (see sendToDevice for its format). */
  txnId: string;
  type: string;
  targets: ToDeviceTarget[];
  now: number;
}

export interface ToDeviceStore {
  /**
   * Records the transaction and the messages in one transaction. A transaction key already
   * recorded is a retransmission: nothing is written and `duplicate` is true. Messages for
   * devices that do not exist are dropped. `recipients` are the users that got a message.
   */
  send(input: ToDeviceSend): Promise<{ duplicate: boolean; recipients: string[] }>;
  /** Drops the messages still queued for a device that is being deleted. */
  deleteInbox(userId: string, deviceId: string): Promise<void>;
}
