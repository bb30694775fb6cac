import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApp } from '../../lib/app-context';
import { useAction } from '../../lib/hooks';
import { hrefOf } from '../../lib/route';
import { newTxnId } from '../../lib/txn-id';

interface Sent {
  txnId: string;
  eventId: string;
  body: string;
  sender: string;
}

/**
 * events.send as a chosen joined member. The txnId is shown before and after sending; "Send
 * again" reuses it, and the gateway answers with the same event ID (exactly once).
 */
export function SendMessageForm({ roomId, members }: { roomId: string; members: string[] }) {
  const { gateway } = useApp();
  const [sender, setSender] = useState('');
  const [body, setBody] = useState('');
  const [txnId, setTxnId] = useState(() => newTxnId());
  const [sent, setSent] = useState<Sent | null>(null);
  const send = useAction((input: { txnId: string; body: string; sender: string }) =>
    gateway.events.send.mutate({ roomId, type: 'm.room.message', content: { msgtype: 'm.text', body: input.body }, txnId: input.txnId, senderUserId: input.sender }),
  );
  useEffect(() => {
    if (!members.includes(sender) && members[0]) setSender(members[0]);
  }, [members, sender]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await send.run({ txnId, body, sender });
    if (!res) return;
    setSent({ txnId, eventId: res.eventId, body, sender });
    setBody('');
    setTxnId(newTxnId());
  }

  async function resend() {
    if (!sent) return;
    const res = await send.run({ txnId: sent.txnId, body: sent.body, sender: sent.sender });
    if (res) setSent({ ...sent, eventId: res.eventId });
  }

  return (
    <form className="card composer" onSubmit={(e) => void submit(e)} aria-label="Send a message">
      <h2>Send a message</h2>
      <div className="composer-row">
        <label>
          As
          <select name="sender" value={sender} onChange={(e) => setSender(e.target.value)} disabled={members.length === 0}>
            {members.length === 0 && <option value="">No joined members</option>}
            {members.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Message
          <input name="body" required value={body} placeholder="Hello from the admin app" onChange={(e) => setBody(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={send.busy || !sender}>
          Send
        </button>
      </div>
      <p className="muted small">
        Next txnId: <code data-testid="next-txn">{txnId}</code>
      </p>
      {sent && (
        <p className="ok sent" role="status" data-testid="sent">
          Sent with txnId <code data-testid="sent-txn">{sent.txnId}</code> →{' '}
          <a href={hrefOf({ page: 'event', eventId: sent.eventId })}>
            <code data-testid="sent-event">{sent.eventId}</code>
          </a>{' '}
          <button type="button" className="btn btn-small" onClick={() => void resend()} disabled={send.busy}>
            Send again with the same txnId
          </button>
        </p>
      )}
      <ErrorNotice error={send.error} />
    </form>
  );
}
