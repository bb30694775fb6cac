/**
 * A fresh transaction ID for a send from the admin app. It is shown next to the result, so an
 * operator can retry with the same one and see the gateway's exactly-once rule at work.
 */
export function newTxnId(now: number = Date.now(), random: () => number = Math.random): string {
  const r = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
  return `admin-${now.toString(36)}-${r}`;
}
