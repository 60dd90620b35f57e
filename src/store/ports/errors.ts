/** Store failures with stable identifiers, so the core can explain them to a user whatever the backend. */
export type StoreErrorId = 'store-busy' | 'store-read-only' | 'store-full' | 'store-corrupt' | 'store-failed';

export class StoreError extends Error {
  constructor(
    readonly id: StoreErrorId,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
