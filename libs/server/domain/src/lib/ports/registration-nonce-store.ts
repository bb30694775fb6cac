/** Nonces of the shared-secret registration API (registration_nonces). */
export interface RegistrationNonceStore {
  create(nonce: string, now: number): Promise<void>;
  /**
   * Deletes the nonce and says whether it existed and was created at or after `notBefore`:
   * one statement, so two instances can never both accept it.
   */
  consume(nonce: string, notBefore: number): Promise<boolean>;
  /** Forgets nonces created before `before`. */
  prune(before: number): Promise<void>;
}
